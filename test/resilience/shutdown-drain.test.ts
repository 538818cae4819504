import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakesServer } from '../../src/sandbox/fakes-server.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { eventually } from '../support/test-sandbox.js';

/**
 * SIGTERM from an orchestrator: /readyz fails at once, so a load balancer's health check takes the
 * replica out, while requests are still answered for SHUTDOWN_DRAIN_SECONDS; then it stops.
 */
describe('a SIGTERM with SHUTDOWN_DRAIN_SECONDS', () => {
  let fakes: Awaited<ReturnType<typeof startFakesServer>>;
  let app: AppProcess | undefined;

  beforeEach(async () => {
    fakes = await startFakesServer();
  });
  afterEach(async () => {
    await app?.kill('SIGKILL');
    await fakes.close();
  });

  it('fails /readyz and still answers requests during the drain, then exits 0', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'drain-'));
    app = await startAppProcess(fakes.url, { STATE_DIR: stateDir, SHUTDOWN_DRAIN_SECONDS: '3' });
    const url = app.url;
    await eventually(async () => (await fetch(`${url}/readyz`)).ok, 30_000);
    const exited = once(app.child, 'exit');

    app.child.kill('SIGTERM');

    const draining = await eventually(async () => {
      const response = await fetch(`${url}/readyz`);
      return response.status === 503 ? ((await response.json()) as { checks: Record<string, unknown> }) : null;
    });
    expect(draining.checks.shutdown).toMatch(/draining/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 60_000);
});
