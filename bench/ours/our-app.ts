import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/observability/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { sandboxEnv } from '../../src/sandbox/start-sandbox.js';
import { startServer } from '../../src/server.js';
import type { Store } from '../../src/store/store.js';
import { CanvasClient } from '../../test/support/canvas-client.js';
import type { FakesControl } from '../lib/fakes-control.js';

export interface OurApp {
  url: string;
  runtime: Runtime;
  /** Signed Canvas Kit requests, as Intercom sends them. */
  canvas: CanvasClient;
  /** Where the app keeps its state (PGlite's data directory and pid file, unless DATABASE_URL is set). */
  stateDir: string;
  close(): Promise<void>;
}

/**
 * The real app (routes, flows, index, SDK clients) on a loopback port, configured the way the
 * sandbox configures it, but talking to fakes in another process and to the fake model. Not
 * started: the caller times `runtime.start()`.
 */
export async function createOurApp(options: {
  fakes: FakesControl;
  geminiUrl: string;
  notionRps: number;
  env?: Record<string, string>;
  /** A restart passes the first app's (the store with its snapshot); a fresh one otherwise. */
  stateDir?: string;
  /** PostgreSQL instead of PGlite in stateDir. */
  databaseUrl?: string;
  /** Instead of the store the config opens (PGlite in stateDir, or DATABASE_URL): to compare. */
  store?: Store;
}): Promise<OurApp> {
  const server = await startServer({ port: 0, hostname: '127.0.0.1' });
  const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), 'intercom-slack-notion-bench-')));
  const config = loadConfig({
    ...sandboxEnv(options.fakes.url, server.port, {
      GOOGLE_GEMINI_API_KEY: 'bench-fake-gemini-key',
      GEMINI_API_BASE_URL: options.geminiUrl,
      NOTION_REQUESTS_PER_SECOND: String(options.notionRps),
      ...options.env,
    }),
    STATE_DIR: stateDir,
    // The sandbox's environment passes no DATABASE_URL through: PostgreSQL only when asked for here.
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  // Errors only, on stderr: the benchmark's stdout is the report.
  const runtime = await createRuntime(config, {
    logger: createLogger({ level: 'error', destination: process.stderr }),
    ...(options.store ? { store: options.store } : {}),
  });
  server.setApp(runtime.app);
  await options.fakes.setWebhookTarget(`${server.url}/webhooks/notion`, SANDBOX.notionWebhookVerificationToken);
  return {
    url: server.url,
    runtime,
    canvas: new CanvasClient(server.url),
    stateDir,
    async close() {
      await Promise.all([server.close(), runtime.stop(2000)]);
    },
  };
}
