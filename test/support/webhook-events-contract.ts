import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';

/** The webhook dedupe, on every store: the first delivery of an id wins, retries lose, until a week has passed. */
export function webhookEventsContract(name: string, fresh: () => Promise<Store>): void {
  describe(`webhook event dedupe on ${name}`, () => {
    it('accepts the first delivery of an id and drops the retries, however many arrive at once', async () => {
      const store = await fresh();
      const results = await Promise.all(Array.from({ length: 10 }, () => store.events.firstDelivery('notion:evt-1')));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.events.firstDelivery('notion:evt-1')).toBe(false);
      expect(await store.events.firstDelivery('slack:evt-1')).toBe(true);
    });

    it('says whether an id was recorded, without recording it', async () => {
      const store = await fresh();
      expect(await store.events.seen('slack:evt-2')).toBe(false);
      expect(await store.events.seen('slack:evt-2')).toBe(false);
      await store.events.firstDelivery('slack:evt-2');
      expect(await store.events.seen('slack:evt-2')).toBe(true);
    });

    it('forgets ids older than a week when pruned, and keeps the recent ones', async () => {
      const store = await fresh();
      await store.events.firstDelivery('intercom:old');
      await store.prune(new Date(Date.now() + 6 * 24 * 3_600_000));
      expect(await store.events.firstDelivery('intercom:old')).toBe(false);
      await store.prune(new Date(Date.now() + 8 * 24 * 3_600_000));
      expect(await store.events.firstDelivery('intercom:old')).toBe(true);
    });
  });
}
