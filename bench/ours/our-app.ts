import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/observability/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { sandboxEnv } from '../../src/sandbox/start-sandbox.js';
import { startServer } from '../../src/server.js';
import { CanvasClient } from '../../test/support/canvas-client.js';
import type { FakesControl } from '../lib/fakes-control.js';

export interface OurApp {
  url: string;
  runtime: Runtime;
  /** Signed Canvas Kit requests, as Intercom sends them. */
  canvas: CanvasClient;
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
}): Promise<OurApp> {
  const server = await startServer({ port: 0, hostname: '127.0.0.1' });
  const config = loadConfig({
    ...sandboxEnv(options.fakes.url, server.port, {
      GOOGLE_GEMINI_API_KEY: 'bench-fake-gemini-key',
      GEMINI_API_BASE_URL: options.geminiUrl,
      NOTION_REQUESTS_PER_SECOND: String(options.notionRps),
      ...options.env,
    }),
    STATE_DIR: options.stateDir ?? (await mkdtemp(join(tmpdir(), 'intercom-slack-notion-bench-'))),
  });
  // Errors only, on stderr: the benchmark's stdout is the report.
  const runtime = await createRuntime(config, { logger: createLogger({ level: 'error', destination: process.stderr }) });
  server.setApp(runtime.app);
  await options.fakes.setWebhookTarget(`${server.url}/webhooks/notion`, SANDBOX.notionWebhookVerificationToken);
  return {
    url: server.url,
    runtime,
    canvas: new CanvasClient(server.url),
    async close() {
      await Promise.all([server.close(), runtime.stop(2000)]);
    },
  };
}
