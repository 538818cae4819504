import { describe, expect, it } from 'vitest';
import type { OperationKind, OperationRecord } from '../../src/observability/activity.js';
import type { Store } from '../../src/store/store.js';

function record(id: string, kind: OperationKind, startedAt: string, subject: Record<string, string>): OperationRecord {
  return { id, kind, subject, startedAt, durationMs: 12, outcome: 'ok', steps: [{ name: 'Reading the ticket', durationMs: 5, ok: true }], calls: [] };
}

/** The activity log's store, on every store: newest first, filtered by kind and subject, kept for the retention. */
export function activityContract(name: string, fresh: () => Promise<Store>): void {
  describe(`the activity log on ${name}`, () => {
    it('lists operations newest first, whole, filtered by kind and by any subject value, up to the limit', async () => {
      const store = await fresh();
      const now = Date.now();
      const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
      const done = record('op-1', 'done', at(3), { ticket_id: 'JMP-12', page_id: 'p-1' });
      await store.activity.append(done);
      await store.activity.append(record('op-2', 'link', at(2), { conversation_id: '777', ticket_id: 'JMP-120' }));
      await store.activity.append(record('op-3', 'suggest', at(1), { conversation_id: '50%_off' }));

      expect((await store.activity.recent({ limit: 10 })).map((r) => r.id)).toEqual(['op-3', 'op-2', 'op-1']);
      expect(await store.activity.recent({ kind: 'done', limit: 10 })).toEqual([done]);
      expect((await store.activity.recent({ q: 'jmp-12', limit: 10 })).map((r) => r.id)).toEqual(['op-2', 'op-1']);
      // LIKE's wildcards in the query are matched as text.
      expect((await store.activity.recent({ q: '%_', limit: 10 })).map((r) => r.id)).toEqual(['op-3']);
      expect((await store.activity.recent({ q: '_', limit: 10 })).map((r) => r.id)).toEqual(['op-3']);
      expect((await store.activity.recent({ limit: 2 })).map((r) => r.id)).toEqual(['op-3', 'op-2']);
    });

    it('forgets operations past the retention (14 days) when pruned', async () => {
      const store = await fresh();
      const now = Date.now();
      await store.activity.append(record('old', 'sweep', new Date(now - 15 * 86_400_000).toISOString(), {}));
      await store.activity.append(record('recent', 'sweep', new Date(now - 13 * 86_400_000).toISOString(), {}));
      await store.prune(new Date(now));
      expect((await store.activity.recent({ limit: 10 })).map((r) => r.id)).toEqual(['recent']);
    });
  });
}
