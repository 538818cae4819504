import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { makeTicket } from '../unit/triage/make-ticket.js';

/** The ticket snapshot as a change feed, on every store: what replicas that do not poll Notion read. */
export function ticketSnapshotContract(name: string, fresh: () => Promise<Store>): void {
  describe(`the ticket snapshot's change feed on ${name}`, () => {
    it('gives the saves and removals after a cursor, oldest first, a page at a time', async () => {
      const { tickets: snapshot } = await fresh();
      const [a, b, c] = [makeTicket({ title: 'A' }), makeTicket({ title: 'B' }), makeTicket({ title: 'C' })];
      await snapshot.save({ upserts: [a, b], removals: [] });
      const start = await snapshot.changesSince('0', 100);
      expect(start.upserts.map((t) => t.title).sort()).toEqual(['A', 'B']);
      expect(start.reconciledAt).toBeNull();

      await snapshot.save({ upserts: [{ ...a, title: 'A again' }, c], removals: [b.pageId], reconciledAt: '2026-01-01T00:00:00.000Z' });
      const first = await snapshot.changesSince(start.cursor, 2);
      const rest = await snapshot.changesSince(first.cursor, 2);
      expect(first.upserts.map((t) => t.title)).toEqual(['A again', 'C']);
      expect(rest.removals).toEqual([b.pageId]);
      expect(rest.reconciledAt).toBe('2026-01-01T00:00:00.000Z');
      expect(await snapshot.changesSince(rest.cursor, 2)).toEqual({ upserts: [], removals: [], cursor: rest.cursor, reconciledAt: rest.reconciledAt });

      const loaded = (await snapshot.load())!;
      expect(loaded.tickets.map((t) => t.title).sort()).toEqual(['A again', 'C']);
      expect(loaded.cursor).toBe(rest.cursor);
      // A removed ticket that comes back (restored from the trash) is a change again.
      await snapshot.save({ upserts: [b], removals: [] });
      expect((await snapshot.changesSince(loaded.cursor, 10)).upserts.map((t) => t.pageId)).toEqual([b.pageId]);
    });

    it('remembers a removal for a week, then forgets it when pruned', async () => {
      const store = await fresh();
      const ticket = makeTicket();
      await store.tickets.save({ upserts: [ticket], removals: [] });
      await store.tickets.save({ upserts: [], removals: [ticket.pageId] });
      await store.prune(new Date(Date.now() + 6 * 24 * 3_600_000));
      expect((await store.tickets.changesSince('0', 10)).removals).toEqual([ticket.pageId]);
      await store.prune(new Date(Date.now() + 8 * 24 * 3_600_000));
      expect((await store.tickets.changesSince('0', 10)).removals).toEqual([]);
    });

    it('loses no save to a reader that reads while replicas save at once', async () => {
      const { tickets: snapshot } = await fresh();
      const tickets = Array.from({ length: 60 }, (_, i) => makeTicket({ title: `T${i}` }));
      const seen = new Set<string>();
      let cursor = '0';
      let saving = true;
      const reader = (async () => {
        while (saving) {
          const changes = await snapshot.changesSince(cursor, 1000);
          for (const t of changes.upserts) seen.add(t.pageId);
          cursor = changes.cursor;
        }
      })();
      await Promise.all(tickets.map((t) => snapshot.save({ upserts: [t], removals: [] })));
      saving = false;
      await reader;
      for (const t of (await snapshot.changesSince(cursor, 1000)).upserts) seen.add(t.pageId);
      expect(seen.size).toBe(60);
    });
  });
}
