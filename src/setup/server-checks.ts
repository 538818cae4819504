import type { Config } from '../config/load-config.js';
import { fail, ok, skip, warn, type CheckGroup } from './checks.js';
import { intercomWebhookSecretCheck, slackSigningSecretCheck } from './webhook-secret-checks.js';

/** Problems loadConfig found, each naming the variable and its fix. */
export function configurationChecks(problems: readonly string[]): CheckGroup {
  return {
    name: 'Configuration',
    checks: [
      {
        id: 'config',
        title: 'Environment variables',
        run: async () =>
          problems.length === 0
            ? ok('every variable is set and valid')
            : fail(`${problems.length} ${problems.length === 1 ? 'needs' : 'need'} fixing (in .env or the environment)`, ...problems),
      },
    ],
  };
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0']);

/** What Intercom, Notion and Slack need to reach this server and to be believed by it. */
export function serverChecks(config: Config, options: { sandbox: boolean; timeoutMs: number }): CheckGroup {
  return {
    name: 'This server',
    checks: [
      {
        id: 'server.public-url',
        title: 'Public URL (PUBLIC_URL)',
        uses: ['PUBLIC_URL'],
        async run() {
          const url = config.publicUrl;
          if (!url) {
            if (options.sandbox) return skip('not needed: in the sandbox nothing calls the server from outside');
            return fail(
              'not set',
              'Set PUBLIC_URL to the HTTPS address Intercom and Notion reach this server at (e.g. https://tickets.example.com); `npm run manifest` then prints the URLs to paste.',
            );
          }
          const { protocol, hostname } = new URL(url);
          if (LOCAL_HOSTS.has(hostname) || hostname.endsWith('.localhost')) {
            return warn(
              `${url} is only reachable from this machine`,
              'Intercom and Notion cannot call localhost: expose the server through a tunnel (e.g. cloudflared or ngrok) and set PUBLIC_URL to its https:// address.',
            );
          }
          if (protocol !== 'https:') return fail(`${url} is not HTTPS`, 'Intercom and Notion only call HTTPS URLs: serve the app behind TLS and set PUBLIC_URL to its https:// address.');
          return ok(url);
        },
      },
      {
        id: 'server.webhook-token',
        title: 'Notion webhook verification token (NOTION_WEBHOOK_VERIFICATION_TOKEN)',
        uses: ['NOTION_WEBHOOK_VERIFICATION_TOKEN'],
        async run() {
          if (config.notion.webhookVerificationToken) return ok('set');
          // A warning: the token only exists once the server runs at PUBLIC_URL, and until then
          // the sweep (and Notion automations) still announce Done tickets.
          return warn(
            'not set: Notion integration webhooks are refused until it is (the sweep still announces Done tickets, later)',
            'Create the webhook subscription in the Notion integration (`npm run manifest` shows how); Notion sends a verification token to /webhooks/notion and the server writes it to STATE_DIR/notion-verification-token (the log says when). Paste it into Notion to verify, set NOTION_WEBHOOK_VERIFICATION_TOKEN to it and restart.',
          );
        },
      },
      intercomWebhookSecretCheck(config, options.timeoutMs),
      slackSigningSecretCheck(config, options.timeoutMs),
    ],
  };
}
