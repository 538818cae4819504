import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/observability/logger.js';
import { type Leases, MemoryLeases } from '../../src/store/leases.js';
import { BackgroundLeader } from '../../src/util/background-leader.js';

/** One store clock for the leases and one monotonic clock for the replicas, both moved by hand. */
function world() {
  const clock = { store: Date.parse('2026-01-01T00:00:00Z'), local: 0 };
  const leases = new MemoryLeases(() => new Date(clock.store));
  const pass = (ms: number) => {
    clock.store += ms;
    clock.local += ms;
  };
  const replica = (holderId: string, store: Leases = leases) => {
    const events: string[] = [];
    // renewMs is long: the tests renew by hand, as the timer would.
    const leader = new BackgroundLeader(store, silentLogger, { holderId, ttlMs: 30_000, renewMs: 10_000, clock: () => clock.local });
    leader.onGain(() => events.push('gain'));
    leader.onLoss(() => events.push('loss'));
    return { leader, events };
  };
  return { leases, pass, replica };
}

describe('the background leader', () => {
  it('is one replica at a time; the others stand by while it renews', async () => {
    const { replica, pass } = world();
    const a = replica('a');
    const b = replica('b');
    await a.leader.start();
    await b.leader.start();
    expect([a.leader.isLeader(), b.leader.isLeader()]).toEqual([true, false]);
    for (let i = 0; i < 5; i++) {
      pass(10_000);
      await a.leader.renew();
      await b.leader.renew();
    }
    expect([a.leader.isLeader(), b.leader.isLeader()]).toEqual([true, false]);
    expect(a.events).toEqual(['gain']);
    expect(b.events).toEqual([]);
    await Promise.all([a.leader.stop(), b.leader.stop()]);
  });

  it('moves to another replica when the leader stops renewing (it died), once the ttl has passed', async () => {
    const { replica, pass } = world();
    const a = replica('a');
    const b = replica('b');
    await a.leader.start();
    await b.leader.start();
    // a is frozen from here on: no renewals.
    pass(20_000);
    expect(await b.leader.renew()).toBe(false);
    pass(11_000);
    expect(await b.leader.renew()).toBe(true);
    expect(b.events).toEqual(['gain']);
    // a's own clock says its lease ran out: it no longer thinks it leads, even before it hears so.
    expect(a.leader.isLeader()).toBe(false);
    expect(await a.leader.renew()).toBe(false);
    expect(a.events).toEqual(['gain', 'loss']);
    await Promise.all([a.leader.stop(), b.leader.stop()]);
  });

  it('releases the lease when it stops, so a follower takes over at its next try', async () => {
    const { replica, leases } = world();
    const a = replica('a');
    const b = replica('b');
    await a.leader.start();
    await b.leader.start();
    await a.leader.stop();
    expect(await leases.holder('background')).toBeNull();
    expect(await b.leader.renew()).toBe(true);
    expect(a.leader.isLeader()).toBe(false);
    await b.leader.stop();
  });

  it('stops leading when the store has not answered for the ttl, and leads again when it answers', async () => {
    const { leases, pass, replica } = world();
    let down = false;
    const flaky: Leases = {
      tryAcquire: (...args) => (down ? Promise.reject(new Error('connection refused')) : leases.tryAcquire(...args)),
      release: (...args) => leases.release(...args),
      holder: (...args) => leases.holder(...args),
    };
    const a = replica('a', flaky);
    await a.leader.start();
    down = true;
    pass(10_000);
    expect(await a.leader.renew()).toBe(true); // the lease it took 10 s ago still holds
    pass(10_000);
    expect(await a.leader.renew()).toBe(true);
    pass(10_000);
    expect(await a.leader.renew()).toBe(false);
    expect(a.events).toEqual(['gain', 'loss']);
    down = false;
    pass(10_000);
    expect(await a.leader.renew()).toBe(true);
    expect(a.events).toEqual(['gain', 'loss', 'gain']);
    await a.leader.stop();
  });
});
