import { describe, expect, it } from 'vitest';
import type { FlowDeps } from '../../../src/flows/deps.js';
import { syncOnce, type SyncTarget } from '../../../src/flows/threads/sync-once.js';
import { MemoryThreadStore } from '../../../src/threads/memory-thread-store.js';

/** One synced message whose earlier attempt was cut short: by a crash (no result) or by an answer that was an error. */
describe('syncOnce with a send left in doubt', () => {
  const inFlightMs = 15_000;
  let clock = Date.parse('2026-12-02T10:00:00Z');
  const now = () => new Date(clock);

  function setup() {
    const threadStore = new MemoryThreadStore(now);
    const deps = { threadStore, settings: { inFlightMs } as FlowDeps['settings'], now };
    const calls = { send: 0, find: 0 };
    const target: SyncTarget = {
      fingerprint: 'hello',
      sourceAt: null,
      send: () => Promise.resolve(String((calls.send += 1))),
      find: () => Promise.resolve(((calls.find += 1), 'found-ts')),
    };
    return { threadStore, deps, calls, target };
  }

  it('does not look, nor send, while the request of a sender that stopped mid-send may still land', async () => {
    const { threadStore, deps, calls, target } = setup();
    await threadStore.intent('i2s:C1:1.1:part-1', 'hello');

    expect(await syncOnce(deps, 'i2s:C1:1.1:part-1', target)).toBe('retry');
    expect(calls).toEqual({ send: 0, find: 0 });

    clock += inFlightMs;
    expect(await syncOnce(deps, 'i2s:C1:1.1:part-1', target)).toBe('sent');
    expect(calls).toEqual({ send: 0, find: 1 });
    expect((await threadStore.record('i2s:C1:1.1:part-1'))?.targetId).toBe('found-ts');
  });

  it('looks at once after an attempt that ended with an error (its request is over)', async () => {
    const { threadStore, deps, calls, target } = setup();
    await threadStore.intent('i2s:C1:1.1:part-2', 'hello');
    await threadStore.failed('i2s:C1:1.1:part-2', 'Slack 500 after posting', 'in_doubt');

    expect(await syncOnce(deps, 'i2s:C1:1.1:part-2', target)).toBe('sent');
    expect(calls).toEqual({ send: 0, find: 1 });
  });
});
