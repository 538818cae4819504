import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, secretsOf } from '../config/load-config.js';
import { createLogger } from '../observability/logger.js';
import { memoryStore } from '../store/memory-store.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../runtime.js';
import { type RunningServer, SANDBOX_SERVER_LIMITS, startServer } from '../server.js';
import { SANDBOX } from './constants.js';
import { createFakesApp } from './fakes/app.js';
import { worldOptionsFromEnv } from './fakes/env-options.js';
import { createWorld, type World, type WorldOptions } from './fakes/world.js';
import { simulatorRoutes } from './simulator/simulator-routes.js';

type Env = Record<string, string | undefined>;

const PUBLIC_VALUES = new Set<string>([
  SANDBOX.token,
  SANDBOX.intercomClientSecret,
  SANDBOX.slackSigningSecret,
  SANDBOX.apiToken,
  SANDBOX.notionWebhookVerificationToken,
]);

/** Settings the sandbox passes through from the real environment (everything else is fixed). */
const PASSTHROUGH = /^(LOG_LEVEL|INTERCOM_TO_SLACK|GOOGLE_GEMINI_API_KEY|GEMINI_MODEL|GEMINI_API_BASE_URL|GEMINI_THINKING_LEVEL|TRIAGE_.*|TICKET_LANGUAGE|DONE_.*|SWEEP_.*|INDEX_.*|SLACK_DIRECTORY_.*|NOTION_REQUESTS_PER_SECOND|HTTP_TIMEOUT_MS|STATE_DIR)$/;

/**
 * The environment of an app that talks to the fakes at `fakesUrl` (…/sandbox): the production
 * configuration with the fixed sandbox credentials and each SDK's base URL pointed at a fake.
 * Nothing outside src/sandbox knows the difference.
 */
export function sandboxEnv(fakesUrl: string, port: number, env: Env = {}): Env {
  const passthrough = Object.fromEntries(Object.entries(env).filter(([k]) => PASSTHROUGH.test(k)));
  return {
    NODE_ENV: 'development',
    PORT: String(port),
    INTERCOM_API_KEY: SANDBOX.token,
    INTERCOM_APP_ID: SANDBOX.intercomAppId,
    INTERCOM_ADMIN_ID: SANDBOX.adminId,
    INTERCOM_CLIENT_SECRET: SANDBOX.intercomClientSecret,
    SLACK_SIGNING_SECRET: SANDBOX.slackSigningSecret,
    INTERCOM_API_BASE_URL: `${fakesUrl}/intercom`,
    NOTION_API_KEY: SANDBOX.token,
    NOTION_DATABASE_ID: SANDBOX.notionDatabaseId,
    NOTION_API_BASE_URL: `${fakesUrl}/notion`,
    NOTION_WEBHOOK_VERIFICATION_TOKEN: SANDBOX.notionWebhookVerificationToken,
    SLACK_API_TOKEN: SANDBOX.token,
    SLACK_API_URL: `${fakesUrl}/slack/api/`,
    API_TOKEN: SANDBOX.apiToken,
    // Long enough to see "Announcing in 5 s" in the panel, short enough for a tour.
    DONE_SETTLE_SECONDS: '5',
    ...passthrough,
  };
}

export interface Sandbox {
  server: RunningServer;
  runtime: Runtime;
  world: World;
  url: string;
  close(): Promise<void>;
}

/**
 * `npm start` with nothing configured: the app and the fakes it talks to, in one process, plus the
 * inbox simulator at /sandbox. `options` let tests pick the port, seed and faults.
 */
export async function startSandbox(
  env: Env,
  reason: 'forced' | 'no_credentials',
  options: { port?: number; world?: WorldOptions; runtime?: RuntimeOptions; quiet?: boolean } = {},
): Promise<Sandbox> {
  const server = await startServer({ port: options.port ?? Number(env.PORT ?? 3000), hostname: '127.0.0.1', limits: SANDBOX_SERVER_LIMITS });
  const world = createWorld({
    ...worldOptionsFromEnv(env),
    ...options.world,
    webhook: { url: `${server.url}/webhooks/notion`, verificationToken: SANDBOX.notionWebhookVerificationToken },
    app: { baseUrl: server.url },
  });
  const stateDir = env.STATE_DIR ?? (await mkdtemp(join(tmpdir(), 'intercom-slack-notion-sandbox-')));
  const config = loadConfig({ ...sandboxEnv(`${server.url}/sandbox`, server.port, env), STATE_DIR: stateDir });
  const runtime = await createRuntime(config, {
    // The fakes start afresh each time, so by default the journal does too (STATE_DIR keeps it in PGlite).
    store: env.STATE_DIR ? undefined : memoryStore({ now: options.runtime?.now }),
    // The sandbox's credentials are published; scrubbing "sandbox" from every line helps nobody.
    logger: createLogger({ level: config.logLevel, secrets: secretsOf(config).filter((s) => !PUBLIC_VALUES.has(s)) }),
    ...options.runtime,
    homeLinks: [{ label: 'Sandbox: the inbox simulator', href: '/sandbox' }],
    mount: (app) => {
      app.route('/sandbox', simulatorRoutes(world));
      app.route('/sandbox', createFakesApp(world));
    },
  });
  server.setApp(runtime.app);
  await runtime.start();
  if (!options.quiet) printBanner(server.url, reason, Boolean(config.gemini.apiKey));
  return {
    server,
    runtime,
    world,
    url: server.url,
    async close() {
      await Promise.all([server.close(), runtime.stop(2000)]);
      world.dispose();
    },
  };
}

function printBanner(url: string, reason: 'forced' | 'no_credentials', gemini: boolean): void {
  const why = reason === 'forced' ? 'as asked (--sandbox / SANDBOX=1)' : 'because no Intercom, Notion or Slack credentials are set';
  const lines = [
    '',
    '  ┌─ SANDBOX ──────────────────────────────────────────────────────────────',
    `  │ Running against local fakes of Intercom, Notion and Slack, ${why}.`,
    `  │ Open the inbox simulator:  ${url}/sandbox`,
    `  │ Triage: ${gemini ? 'Gemini (GOOGLE_GEMINI_API_KEY is set)' : 'offline triager (set GOOGLE_GEMINI_API_KEY to use Gemini)'}`,
    `  │ API token: ${SANDBOX.apiToken}   ·   state resets on restart`,
    '  │ To use real accounts, set the variables in .env.example (README: Configuration).',
    '  └────────────────────────────────────────────────────────────────────────',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
