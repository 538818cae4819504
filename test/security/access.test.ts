import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { silentLogger } from '../../src/observability/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { memoryStore } from '../../src/store/memory-store.js';
import { startFakesServer } from '../../src/sandbox/fakes-server.js';
import { sandboxEnv } from '../../src/sandbox/start-sandbox.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { CanvasClient } from '../support/canvas-client.js';

/** Who can call what: secrets rotate without downtime, and nothing secret comes back in an answer. */
describe('access control', () => {
  const oldSecret = 'cs-old-0a1b2c3d4e';
  const newSecret = 'cs-new-5f6a7b8c9d';
  const tokens = ['api-token-old-00000000', 'api-token-new-11111111'];
  let fakes: Awaited<ReturnType<typeof startFakesServer>>;
  let server: RunningServer;
  let runtime: Runtime;

  beforeAll(async () => {
    fakes = await startFakesServer();
    server = await startServer({ port: 0, hostname: '127.0.0.1' });
    const config = loadConfig({
      ...sandboxEnv(fakes.url, server.port),
      INTERCOM_CLIENT_SECRET: `${oldSecret},${newSecret}`,
      API_TOKEN: tokens.join(','),
      STATE_DIR: '/tmp/access-test',
    });
    runtime = await createRuntime(config, { store: memoryStore(), logger: silentLogger });
    server.setApp(runtime.app);
    await runtime.start();
  });
  afterAll(async () => {
    await Promise.all([server.close(), runtime.stop(1000)]);
    await fakes.close();
  });

  it('accepts Canvas Kit requests signed with either the old or the new client secret', async () => {
    for (const secret of [oldSecret, newSecret]) {
      const res = await new CanvasClient(server.url, secret).post('/canvas/initialize', new CanvasClient(server.url).body(CONVERSATION.csvExport));
      expect(res.status, secret).toBe(200);
    }
    const retired = await new CanvasClient(server.url, 'cs-retired-999999').post('/canvas/initialize', new CanvasClient(server.url).body('1'));
    expect(retired.status).toBe(401);
  });

  it('accepts either API token, and says nothing about the right one when refusing', async () => {
    const call = (token: string) =>
      fetch(`${server.url}/ticket-done`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ notion_ticket_id: 'JMP-99999' }),
      });
    for (const token of tokens) expect((await call(token)).status).toBe(404);
    const refused = await call('api-token-wrong-2222222');
    expect(refused.status).toBe(401);
    const body = await refused.text();
    for (const token of tokens) expect(body).not.toContain(token);
    expect(body).not.toContain('api-token');
  });

  it.each([
    ['POST', '/create-ticket'],
    ['POST', '/ticket-done'],
    ['GET', '/activity'],
  ])('requires the API token for %s %s', async (method, path) => {
    const res = await fetch(server.url + path, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
    expect(res.status).toBe(401);
  });

  it('leaves the health checks and the home page open, with no secrets in them', async () => {
    for (const path of ['/', '/healthz', '/readyz']) {
      const res = await fetch(server.url + path);
      // /readyz may still say 503 while the index loads; either way it answers.
      expect(path === '/readyz' ? [200, 503] : [200]).toContain(res.status);
      const text = await res.text();
      for (const secret of [oldSecret, newSecret, ...tokens]) expect(text).not.toContain(secret);
    }
  });
});

describe('the sandbox in production', () => {
  it('refuses to start, whatever asks for it', () => {
    for (const [args, env] of [
      [['--sandbox'], {}],
      [[], { SANDBOX: '1' }],
      [[], {}],
    ] as const) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
        env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toContain('cannot start');
    }
  }, 60_000);
});
