import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { ThreadSync } from '../../src/flows/threads/thread-sync.js';
import { silentLogger } from '../../src/observability/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { startFakesServer } from '../../src/sandbox/fakes-server.js';
import { sandboxEnv } from '../../src/sandbox/start-sandbox.js';
import { memoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { eventually } from '../support/test-sandbox.js';

const TTL_MS = 3_600_000;

/**
 * Two replicas of the app on one store and one (fake) Notion: the background work (Done sweep,
 * thread sweep, prune, polling Notion for the index) runs on the lease holder only, and moves to
 * the other replica when the holder stops renewing. Time is moved by hand: the store's clock (the
 * leases') and the replicas' own clock advance together, and nothing renews on its own.
 */
describe('replicas on one store', () => {
  let fakes: Awaited<ReturnType<typeof startFakesServer>>;
  const clock = { store: Date.now(), local: 0 };
  let shared: Store;
  const running: Runtime[] = [];

  beforeEach(async () => {
    fakes = await startFakesServer({ seed: { generatedTickets: 50 } });
    clock.store = Date.now();
    clock.local = 0;
    shared = memoryStore({ now: () => new Date(clock.store) });
  });
  afterEach(async () => {
    for (const runtime of running.splice(0)) await runtime.stop(2000);
    await fakes.close();
  });

  function pass(ms: number): void {
    clock.store += ms;
    clock.local += ms;
  }

  /** A replica: its own view of the shared store (to count its prunes), its Notion queries counted. */
  async function replica(name: string) {
    // A sweep every 60 ms: a follower that swept at all would do it many times over.
    const env = { NOTION_REQUESTS_PER_SECOND: '100', INDEX_REFRESH_SECONDS: '3600', SWEEP_INTERVAL_MINUTES: '0.001', DONE_SETTLE_SECONDS: '0' };
    const config = loadConfig(sandboxEnv(fakes.url, 0, env));
    const prunes = vi.fn(() => Promise.resolve());
    const store: Store = { ...shared, prune: prunes, close: () => Promise.resolve() };
    let queries = 0;
    const runtime = await createRuntime(config, {
      logger: silentLogger,
      store,
      background: { holderId: name, ttlMs: TTL_MS, renewMs: TTL_MS / 2, clock: () => clock.local, indexFollowMs: 50, firstSweepDelayMs: 0 },
      onRequest: (event) => {
        if (event.service === 'notion' && /\/data_sources\/[^/]+\/query/.test(event.url)) queries += 1;
      },
    });
    running.push(runtime);
    const doneSweeps = vi.spyOn(runtime.resolutions, 'sweep');
    const threadSweeps = vi.spyOn(runtime.flows.threadEvents as ThreadSync, 'sweep');
    await runtime.start();
    const readyz = async () => ((await (await runtime.app.request('/readyz')).json()) as { checks: { background: string } }).checks.background;
    return { runtime, doneSweeps, threadSweeps, prunes, queries: () => queries, readyz };
  }

  it('runs the sweeps, the prune and the Notion polling on the leader only, and on the follower once the leader stops renewing', async () => {
    const a = await replica('a');
    const b = await replica('b');
    expect([a.runtime.leader.isLeader(), b.runtime.leader.isLeader()]).toEqual([true, false]);
    expect([await a.readyz(), await b.readyz()]).toEqual(['leader', 'follower']);

    await eventually(() => a.doneSweeps.mock.calls.length >= 5);
    await eventually(() => b.runtime.flows.index.complete);
    expect(a.threadSweeps).toHaveBeenCalled();
    expect(a.prunes).toHaveBeenCalled();
    expect(b.doneSweeps).not.toHaveBeenCalled();
    expect(b.threadSweeps).not.toHaveBeenCalled();
    expect(b.prunes).not.toHaveBeenCalled();
    expect(b.queries()).toBe(0);
    expect(b.runtime.flows.index.size).toBe(a.runtime.flows.index.size);

    // a stops renewing (it hangs, or died without releasing): b takes over once the ttl has passed.
    pass(TTL_MS / 2);
    expect(await b.runtime.leader.renew()).toBe(false);
    pass(TTL_MS / 2 + 1000);
    expect(a.runtime.leader.isLeader()).toBe(false);
    expect(await b.runtime.leader.renew()).toBe(true);
    const sweptByA = a.doneSweeps.mock.calls.length;
    await eventually(() => b.doneSweeps.mock.calls.length >= 2);
    expect(b.threadSweeps).toHaveBeenCalled();
    expect(b.prunes).toHaveBeenCalled();
    await eventually(() => b.queries() > 0);
    expect(await b.readyz()).toBe('leader');
    // At most a sweep a had already started when its lease ran out.
    expect(a.doneSweeps.mock.calls.length).toBeLessThanOrEqual(sweptByA + 1);
  }, 60_000);

  it('hands over at once when the leader stops cleanly', async () => {
    const a = await replica('a');
    const b = await replica('b');
    await a.runtime.stop(2000);
    running.splice(running.indexOf(a.runtime), 1);
    expect(await b.runtime.leader.renew()).toBe(true);
    await eventually(() => b.doneSweeps.mock.calls.length >= 1);
  }, 60_000);

  it("keeps a follower's index up to date from the store: what the leader synced from Notion, and what a follower learned", async () => {
    const a = await replica('a');
    const b = await replica('b');
    await eventually(() => a.runtime.flows.index.complete && b.runtime.flows.index.complete);

    const added = fakes.world.addTicket({ title: 'Checkout fails with a 502', description: 'Seen by the follower without asking Notion.' });
    await a.runtime.sync.refresh();
    expect(a.runtime.flows.index.get(added.page_id)).toBeDefined();
    await a.runtime.sync.flush();
    await eventually(() => b.runtime.flows.index.get(added.page_id)?.title === 'Checkout fails with a 502');
    expect(b.queries()).toBe(0);

    // A follower's own write (a link, a webhook) reaches the leader the same way.
    const ticket = b.runtime.flows.index.get(added.page_id)!;
    b.runtime.flows.index.upsert([{ ...ticket, conversationIds: ['conv-1'] }]);
    await b.runtime.sync.flush();
    await eventually(() => a.runtime.flows.index.get(added.page_id)?.conversationIds.includes('conv-1'));
  }, 60_000);
});
