import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/observability/logger.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/start-sandbox.js';
import { memoryStore } from '../../src/store/memory-store.js';
import { eventually } from '../support/test-sandbox.js';

describe('GET /readyz and the store', () => {
  let sandbox: Sandbox;
  let storeDown: Error | null = null;
  beforeAll(async () => {
    const store = memoryStore();
    const check = () => (storeDown ? Promise.reject(storeDown) : store.check());
    sandbox = await startSandbox({}, 'forced', { port: 0, quiet: true, runtime: { logger: silentLogger, store: { ...store, check } } });
    await eventually(() => sandbox.runtime.flows.index.complete);
  });
  afterAll(() => sandbox.close());

  const readyz = async () => {
    const res = await fetch(`${sandbox.url}/readyz`);
    return { status: res.status, body: (await res.json()) as { status: string; checks: { store: string } } };
  };

  it('is ready while the store answers, 503 naming the store while it does not, and ready again after', async () => {
    expect(await readyz()).toMatchObject({ status: 200, body: { status: 'ready', checks: { store: 'ok' } } });
    storeDown = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    expect(await readyz()).toMatchObject({ status: 503, body: { status: 'not_ready', checks: { store: 'memory: connect ECONNREFUSED 127.0.0.1:5432' } } });
    storeDown = null;
    expect((await readyz()).status).toBe(200);
  });
});
