import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config/load-config.js';
import { decideStartMode } from './config/start-mode.js';
import { createRuntime, type Runtime } from './runtime.js';
import { type RunningServer, SERVER_LIMITS, startServer, warnOnDroppedConnections } from './server.js';

/**
 * `npm start`: the real services when configured, else the local sandbox (src/sandbox), which
 * runs this same app against fakes of Intercom, Notion and Slack served by the same process.
 */
async function main(): Promise<void> {
  // A .env file beside package.json is read if present; the real environment wins over it.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const mode = decideStartMode(process.env, process.argv.slice(2));
  if (mode.kind === 'refuse') fail(mode.problems);
  if (mode.kind === 'sandbox') {
    const { startSandbox } = await import('./sandbox/start-sandbox.js');
    const { server, runtime } = await startSandbox(process.env, mode.reason);
    // One process on a laptop, no load balancer to wait for.
    stopOnSignals(server, runtime, 0);
    return;
  }

  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.problems);
    throw err;
  }
  const server = await startServer({ port: config.port, hostname: '0.0.0.0' });
  const runtime = await createRuntime(config);
  server.setApp(runtime.app);
  warnOnDroppedConnections(server, (dropped) =>
    runtime.logger.warn({ dropped, max_connections: SERVER_LIMITS.maxConnections }, 'connection cap reached: connections were closed unanswered'),
  );
  stopOnSignals(server, runtime, config.shutdownDrainMs);
  await runtime.start();
  runtime.logger.info({ url: server.url, public_url: config.publicUrl, gemini: Boolean(config.gemini.apiKey) }, 'intercom-slack-notion is running');
}

/**
 * SIGTERM (an orchestrator replacing this replica): /readyz fails at once while requests are still
 * served for `drainMs`, so the load balancer's health check takes the replica out before it stops
 * accepting; then in-flight requests finish, then background work (bounded), then exit. SIGINT is
 * someone at a terminal: no drain.
 */
function stopOnSignals(server: RunningServer, runtime: Runtime, drainMs: number): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const drain = signal === 'SIGTERM' ? drainMs : 0;
    runtime.logger.info({ signal, drain_ms: drain }, 'shutting down');
    runtime.beginDrain();
    if (drain > 0) await new Promise((r) => setTimeout(r, drain));
    await server.close();
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

function fail(problems: string[]): never {
  console.error('intercom-slack-notion cannot start:\n' + problems.map((p) => `  - ${p}`).join('\n'));
  console.error('\nSee .env.example and README.md (Configuration). Run `npm start -- --sandbox` to try it without accounts.');
  process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
