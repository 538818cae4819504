import { describe, expect, it } from 'vitest';
import { DeliveryJournal } from '../../src/delivery/journal.js';
import type { Store } from '../../src/store/store.js';

/**
 * What the delivery journal must remember across a restart, whatever store holds it. Run against
 * memory, PGlite and (when TEST_DATABASE_URL is set) PostgreSQL. `fresh` gives an empty store;
 * `reopen` gives the same data as a process that starts again would see it.
 */
export function journalContract(name: string, fresh: () => Promise<Store>, reopen: (store: Store) => Promise<Store>): void {
  describe(`DeliveryJournal on ${name}`, () => {
    it('remembers, across a restart, which targets of an open round were sent', async () => {
      const store = await fresh();
      const first = await DeliveryJournal.open(store.journal);
      const round = await first.openRound('page-1');
      await first.intent(round, 'intercom:1', 'hello');
      await first.sent(round, 'intercom:1');
      await first.intent(round, 'intercom:2', 'hello');
      await first.failed(round, 'intercom:2', 'Intercom 500', false, false);

      const again = await reopen(store);
      const second = await DeliveryJournal.open(again.journal);
      const reopened = second.current('page-1');
      expect(reopened?.id).toBe(round.id);
      expect(reopened?.startedAt).toBe(round.startedAt);
      expect(second.target(reopened!, 'intercom:1')).toMatchObject({ status: 'sent', attempts: 1, fingerprint: 'hello' });
      expect(second.target(reopened!, 'intercom:2')).toMatchObject({ status: 'failed', lastError: 'Intercom 500' });
      expect(second.createdAt).toBe(first.createdAt);
    });

    it('remembers when each target was last told, after its round closed', async () => {
      const store = await fresh();
      let clock = Date.parse('2026-01-05T10:00:00.000Z');
      const first = await DeliveryJournal.open(store.journal, () => new Date(clock));
      const round = await first.openRound('page-1');
      await first.intent(round, 'intercom:1', 'hello');
      await first.sent(round, 'intercom:1');
      await first.close(round);
      expect(first.lastSent('page-1', 'intercom:1')).toBe('2026-01-05T10:00:00.000Z');
      expect(first.lastSent('page-1', 'intercom:2')).toBeNull();

      clock += 60_000;
      const second = await DeliveryJournal.open((await reopen(store)).journal, () => new Date(clock));
      expect(second.current('page-1')).toBeUndefined();
      expect(second.lastSent('page-1', 'intercom:1')).toBe('2026-01-05T10:00:00.000Z');
      expect(second.lastSent('page-2', 'intercom:1')).toBeNull();
      // A later round's send moves the time forward.
      const next = await second.openRound('page-1');
      expect(next.id).not.toBe(round.id);
      expect(second.target(next, 'intercom:1').status).toBe('pending');
      await second.sent(next, 'intercom:1');
      const third = await DeliveryJournal.open((await reopen(store)).journal, () => new Date(clock));
      expect(third.lastSent('page-1', 'intercom:1')).toBe('2026-01-05T10:01:00.000Z');
    });

    it('marks a target whose send may have happened as in doubt after a crash', async () => {
      const store = await fresh();
      const first = await DeliveryJournal.open(store.journal);
      const round = await first.openRound('page-1');
      await first.intent(round, 'slack:C1', null);
      // The process died before recording the result.
      const second = await DeliveryJournal.open((await reopen(store)).journal);
      const state = second.target(second.current('page-1')!, 'slack:C1');
      expect(state.status).toBe('in_doubt');
      expect(state.intentAt).toBe(round.targets.get('slack:C1')!.intentAt);
    });

    it('keeps an in-doubt failure in doubt, and a permanent one given up', async () => {
      const store = await fresh();
      const first = await DeliveryJournal.open(store.journal);
      const round = await first.openRound('p');
      await first.intent(round, 'a', null);
      await first.failed(round, 'a', 'timeout', false, true);
      await first.intent(round, 'b', null);
      await first.failed(round, 'b', 'conversation deleted', true, false);
      const second = await DeliveryJournal.open((await reopen(store)).journal);
      const r = second.current('p')!;
      expect(second.target(r, 'a').status).toBe('in_doubt');
      expect(second.target(r, 'b').status).toBe('gave_up');
    });

    it('lets a second process sharing the store see, after refresh, what the first sent and closed', async () => {
      const store = await fresh();
      const first = await DeliveryJournal.open(store.journal);
      const second = await DeliveryJournal.open((await reopen(store)).journal);
      const round = await first.openRound('p');
      await first.intent(round, 'intercom:1', 'done');
      await first.sent(round, 'intercom:1');
      await first.intent(round, 'intercom:2', 'done');
      expect(second.current('p')).toBeUndefined();

      await second.refresh('p');
      const seen = second.current('p')!;
      expect(seen.id).toBe(round.id);
      expect(second.target(seen, 'intercom:1').status).toBe('sent');
      expect(second.target(seen, 'intercom:2').status).toBe('in_doubt');
      expect(second.lastSent('p', 'intercom:1')).not.toBeNull();

      await first.close(round);
      await second.refresh('p');
      expect(second.current('p')).toBeUndefined();
      const other = await first.openRound('q');
      await second.refreshAll();
      expect(second.openRounds().map((r) => r.id)).toEqual([other.id]);
    });

    it('forgets a closed round, and reuses the open round of a ticket instead of starting another', async () => {
      const store = await fresh();
      const journal = await DeliveryJournal.open(store.journal);
      const a = await journal.openRound('p');
      expect(await journal.openRound('p')).toBe(a);
      expect(journal.openRounds()).toHaveLength(1);
      await journal.sent(a, 'x');
      await journal.close(a);
      const second = await DeliveryJournal.open((await reopen(store)).journal);
      expect(second.openRounds()).toEqual([]);
    });
  });
}
