import { randomUUID } from 'node:crypto';
import type { Config } from '../config/load-config.js';
import { signIntercomWebhook, slackSignatureHeaders } from '../http/webhook-signatures.js';
import { fail, ok, skip, warn, type Check, type CheckResult } from './checks.js';

/**
 * The two secrets the thread sync's webhooks are verified with. Neither Intercom nor Slack has an
 * API that says whether a secret is theirs, so the doctor checks what it can for real: that the
 * server at PUBLIC_URL accepts a request signed with each configured secret, exactly as Intercom
 * and Slack sign theirs (an Intercom `ping`, a Slack `url_verification`; neither changes anything).
 */

const INTERCOM_SECRET_PAGE = 'Developer Hub > your app > Basic information > Client secret';
const SLACK_SECRET_PAGE = 'api.slack.com/apps > your app > Basic Information > App Credentials > Signing Secret';

export function intercomWebhookSecretCheck(config: Config, timeoutMs: number): Check {
  return {
    id: 'server.intercom-webhooks',
    title: 'Intercom webhooks (INTERCOM_CLIENT_SECRET)',
    uses: ['INTERCOM_CLIENT_SECRET', 'PUBLIC_URL'],
    run: () =>
      acceptedByServer(config.publicUrl, {
        path: '/webhooks/intercom',
        secrets: config.intercom.clientSecrets,
        variable: 'INTERCOM_CLIENT_SECRET',
        timeoutMs,
        request: (secret) => {
          // Shaped as Intercom's own ping: a null id, an item without one.
          const body = JSON.stringify({ type: 'notification_event', id: null, topic: 'ping', data: { type: 'notification_event_data', item: { type: 'ping', message: 'npm run doctor' } } });
          return { body, headers: { 'x-hub-signature': signIntercomWebhook(body, secret) } };
        },
        answered: () => true,
        fix: `The server runs with another INTERCOM_CLIENT_SECRET: give it the client secret (${INTERCOM_SECRET_PAGE}) and restart it.`,
      }),
  };
}

export function slackSigningSecretCheck(config: Config, timeoutMs: number): Check {
  return {
    id: 'server.slack-signing-secret',
    title: 'Slack signing secret (SLACK_SIGNING_SECRET)',
    uses: ['SLACK_SIGNING_SECRET', 'PUBLIC_URL'],
    async run() {
      const secrets = config.slack.signingSecrets;
      if (secrets.length === 0) {
        return warn(
          'not set: replies in Slack threads do not reach Intercom, and Send to customer is refused',
          `Set SLACK_SIGNING_SECRET to the Signing Secret (${SLACK_SECRET_PAGE}) and restart the server.`,
        );
      }
      const challenge = `doctor-${randomUUID()}`;
      return acceptedByServer(config.publicUrl, {
        path: '/webhooks/slack',
        secrets,
        variable: 'SLACK_SIGNING_SECRET',
        timeoutMs,
        request: (secret) => {
          const body = JSON.stringify({ type: 'url_verification', token: 'doctor', challenge });
          return { body, headers: slackSignatureHeaders(body, secret) };
        },
        // Slack only enables the Events URL when the challenge comes back.
        answered: (text) => text.includes(challenge),
        fix: `The server runs with another SLACK_SIGNING_SECRET, or none: give it the Signing Secret (${SLACK_SECRET_PAGE}) and restart it.`,
      });
    },
  };
}

interface SignedProbe {
  path: string;
  secrets: readonly string[];
  variable: string;
  timeoutMs: number;
  request(secret: string): { body: string; headers: Record<string, string> };
  /** Whether a 200's body is the answer the service expects. */
  answered(text: string): boolean;
  /** What to do when the server refuses the signature. */
  fix: string;
}

/** Sends one request signed with each secret to the server at PUBLIC_URL; all must be accepted. */
async function acceptedByServer(publicUrl: string | null, probe: SignedProbe): Promise<CheckResult> {
  if (!publicUrl) return skip(`set (${count(probe.secrets)}); not tried against a server: PUBLIC_URL is not set`);
  const url = `${publicUrl.replace(/\/+$/, '')}${probe.path}`;
  for (const [index, secret] of probe.secrets.entries()) {
    const which = probe.secrets.length > 1 ? ` (the ${ordinal(index)} of ${probe.secrets.length})` : '';
    const { body, headers } = probe.request(secret);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(probe.timeoutMs),
      });
    } catch (err) {
      const reason = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      return skip(`set; not tried: ${url} did not answer (${reason}). Once the server runs there, run the doctor again`);
    }
    const text = await response.text();
    if (response.status === 401) return fail(`${url} refused a request signed with ${probe.variable}${which}`, probe.fix);
    if (response.status === 404) return fail(`${url} does not exist`, 'Deploy this version of the app at PUBLIC_URL.');
    if (response.status !== 200 || !probe.answered(text)) {
      return warn(`${url} answered ${response.status} to a request signed with ${probe.variable}${which}`, 'Look at the server log for that request.');
    }
  }
  return ok(`${url} accepts requests signed with ${probe.variable} (${count(probe.secrets)})`);
}

function count(secrets: readonly string[]): string {
  return secrets.length === 1 ? 'one secret' : `${secrets.length} secrets, for rotation`;
}

function ordinal(index: number): string {
  return ['first', 'second', 'third'][index] ?? `#${index + 1}`;
}
