import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './signatures.js';

/**
 * The two webhook signatures of the thread sync, as pure functions over the exact bytes received,
 * each with a `sign` twin the sandbox and the tests use. Several secrets are accepted (rotation),
 * and every one is compared so timing does not tell which matched.
 */

// ---------------------------------------------------------------------------------------------
// Intercom webhooks: `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the raw body, keyed by the client secret>`
// ---------------------------------------------------------------------------------------------

export function signIntercomWebhook(body: string | Uint8Array, secret: string): string {
  return `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
}

export function verifyIntercomWebhook(body: string | Uint8Array, header: string | null | undefined, secrets: readonly string[]): boolean {
  const given = header?.trim().toLowerCase() ?? '';
  if (!/^sha1=[0-9a-f]{40}$/.test(given)) return false;
  let ok = false;
  for (const secret of secrets) ok = constantTimeEqual(signIntercomWebhook(body, secret), given) || ok;
  return ok;
}

// ---------------------------------------------------------------------------------------------
// Slack (Events API and interactivity): `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:{ts}:{body}">`
// with `X-Slack-Request-Timestamp: {ts}` in Unix seconds.
// ---------------------------------------------------------------------------------------------

/** Slack's documented window: a request older (or newer) than five minutes may be a replay. */
export const SLACK_TIMESTAMP_TOLERANCE_S = 5 * 60;

export function signSlackRequest(body: string | Uint8Array, secret: string, timestamp: number | string): string {
  const hmac = createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body);
  return `v0=${hmac.digest('hex')}`;
}

export type SlackVerdict = 'ok' | 'missing' | 'stale' | 'invalid';

export interface SlackRequestToVerify {
  body: string | Uint8Array;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  secrets: readonly string[];
  /** Injected so tests can move the clock; Date.now() otherwise. */
  nowMs?: number;
}

/** Why a Slack request is refused, or 'ok'. A stale timestamp is refused even when correctly signed. */
export function verifySlackRequest(request: SlackRequestToVerify): SlackVerdict {
  const { signature, timestamp, secrets } = request;
  if (!signature || !timestamp) return 'missing';
  if (!/^\d{1,12}$/.test(timestamp.trim())) return 'invalid';
  const nowS = Math.floor((request.nowMs ?? Date.now()) / 1000);
  if (Math.abs(nowS - Number(timestamp)) > SLACK_TIMESTAMP_TOLERANCE_S) return 'stale';
  const given = signature.trim().toLowerCase();
  if (!/^v0=[0-9a-f]{64}$/.test(given)) return 'invalid';
  let ok = false;
  for (const secret of secrets) ok = constantTimeEqual(signSlackRequest(request.body, secret, timestamp.trim()), given) || ok;
  return ok ? 'ok' : 'invalid';
}

/** The headers Slack sends with a request signed now (for the sandbox and the tests). */
export function slackSignatureHeaders(body: string, secret: string, nowMs = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signSlackRequest(body, secret, timestamp) };
}
