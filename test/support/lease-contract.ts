import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';

export interface LeaseFixture {
  store: Store;
  /** Moves the store's clock `ms` forward, as far as the leases can tell. */
  lapse(ms: number): Promise<void>;
}

const TTL = 30_000;

/** The background lease, on every store: one holder at a time, renewed by it, taken over when it runs out or is released. */
export function leaseContract(name: string, fresh: () => Promise<LeaseFixture>): void {
  describe(`leases on ${name}`, () => {
    it('has one holder, however many replicas ask at once', async () => {
      const { store } = await fresh();
      const holders = Array.from({ length: 8 }, (_, i) => `replica-${i}`);
      const won = await Promise.all(holders.map((h) => store.leases.tryAcquire('background', h, TTL)));
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = holders[won.indexOf(true)]!;
      expect(await store.leases.holder('background')).toBe(winner);
      // Its holder renews it; the others are still refused.
      expect(await store.leases.tryAcquire('background', winner, TTL)).toBe(true);
      for (const h of holders.filter((x) => x !== winner)) expect(await store.leases.tryAcquire('background', h, TTL)).toBe(false);
      // Another name is another lease.
      expect(await store.leases.tryAcquire('other', 'replica-x', TTL)).toBe(true);
    });

    it('goes to another replica once the holder has not renewed it for the ttl, and not before', async () => {
      const { store, lapse } = await fresh();
      expect(await store.leases.tryAcquire('background', 'a', TTL)).toBe(true);
      await lapse(TTL - 1000);
      expect(await store.leases.tryAcquire('background', 'b', TTL)).toBe(false);
      await lapse(2000);
      expect(await store.leases.holder('background')).toBeNull();
      expect(await store.leases.tryAcquire('background', 'b', TTL)).toBe(true);
      expect(await store.leases.holder('background')).toBe('b');
      // The old holder, back from a pause, finds it taken.
      expect(await store.leases.tryAcquire('background', 'a', TTL)).toBe(false);
    });

    it('lasts a ttl from each renewal', async () => {
      const { store, lapse } = await fresh();
      expect(await store.leases.tryAcquire('background', 'a', TTL)).toBe(true);
      await lapse(20_000);
      expect(await store.leases.tryAcquire('background', 'a', TTL)).toBe(true);
      await lapse(20_000);
      expect(await store.leases.tryAcquire('background', 'b', TTL)).toBe(false);
      expect(await store.leases.holder('background')).toBe('a');
    });

    it('is free at once when its holder releases it; another replica cannot release it', async () => {
      const { store } = await fresh();
      expect(await store.leases.tryAcquire('background', 'a', TTL)).toBe(true);
      await store.leases.release('background', 'b');
      expect(await store.leases.holder('background')).toBe('a');
      await store.leases.release('background', 'a');
      expect(await store.leases.holder('background')).toBeNull();
      expect(await store.leases.tryAcquire('background', 'b', TTL)).toBe(true);
    });
  });
}
