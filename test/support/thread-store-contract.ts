import { describe, expect, it } from 'vitest';
import { THREAD_LEDGER_RETENTION_MS } from '../../src/domain/threads/sync-window.js';
import type { Store } from '../../src/store/store.js';
import type { ConversationThread } from '../../src/threads/thread-store.js';

const thread = (over: Partial<ConversationThread> = {}): ConversationThread => ({
  conversationId: '101',
  pageId: 'page-1',
  channelId: 'C1',
  rootTs: '1700000000.000100',
  openedAt: 1_700_000_000,
  status: 'linked',
  editsSeen: false,
  ...over,
});

/**
 * What the thread sync's ledger must remember, whatever store holds it. Run against memory, PGlite
 * and (when TEST_DATABASE_URL is set) PostgreSQL. `fresh` gives an empty store; `reopen` gives the
 * same data as a process that starts again (or another replica) would see it.
 */
export function threadStoreContract(name: string, fresh: (now?: () => Date) => Promise<Store>, reopen: (store: Store) => Promise<Store>): void {
  describe(`the thread ledger on ${name}`, () => {
    it('keeps each conversation’s threads, finds them by root, and remembers unlinks and edits', async () => {
      const store = await fresh();
      await store.threads.saveThread(thread());
      await store.threads.saveThread(thread({ pageId: 'page-2', channelId: 'C2', rootTs: '1700000100.000200', openedAt: 1_700_000_100 }));
      await store.threads.saveThread(thread({ conversationId: '202', rootTs: '1700000200.000300' }));
      await store.threads.saveThread(thread({ pageId: 'page-2', channelId: 'C2', rootTs: '1700000100.000200', openedAt: 1_700_000_100, status: 'unlinked' }));
      expect(await store.threads.noteEdits('C1', '1700000200.000300')).toBe(true);
      expect(await store.threads.noteEdits('C1', '1.2')).toBe(false);

      const again = (await reopen(store)).threads;
      expect(await again.threadsOfConversation('101')).toEqual([
        thread(),
        thread({ pageId: 'page-2', channelId: 'C2', rootTs: '1700000100.000200', openedAt: 1_700_000_100, status: 'unlinked' }),
      ]);
      expect(await again.threadByRoot('C1', '1700000200.000300')).toEqual(thread({ conversationId: '202', rootTs: '1700000200.000300', editsSeen: true }));
      expect(await again.threadByRoot('C2', '1700000200.000300')).toBeNull();
      expect(await again.threadsOfConversation('303')).toEqual([]);
    });

    it('records each synced message before and after its send: in doubt after a crash, sent with its target id', async () => {
      const store = await fresh();
      const before = Date.now();
      await store.threads.intent('i2s:C1:1.1:part-1', 'hello');
      await store.threads.failed('i2s:C1:1.1:part-1', 'Slack 500', 'failed');
      await store.threads.intent('i2s:C1:1.1:part-1', 'hello');
      await store.threads.sent('i2s:C1:1.1:part-1', '1700000000.000900');
      await store.threads.intent('s2i:C1:1.1:1.5', 'fromslack');
      // The process died here, before the note's result was recorded.

      const again = (await reopen(store)).threads;
      expect(await again.record('i2s:C1:1.1:part-1')).toMatchObject({ status: 'sent', attempts: 2, fingerprint: 'hello', targetId: '1700000000.000900', lastError: null });
      const doubt = await again.record('s2i:C1:1.1:1.5');
      expect(doubt).toMatchObject({ status: 'in_doubt', attempts: 1, fingerprint: 'fromslack', targetId: null });
      expect(Date.parse(doubt!.intentAt!)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(doubt!.intentAt!)).toBeLessThanOrEqual(Date.now() + 1000);
      expect(await again.record('never')).toBeNull();
      expect(await again.isTarget('1700000000.000900')).toBe(true);
      expect(await again.isTarget('1700000000.000901')).toBe(false);

      await again.failed('s2i:C1:1.1:1.5', 'timeout', 'in_doubt');
      await again.failed('gone', 'conversation deleted', 'gave_up');
      expect(await again.record('s2i:C1:1.1:1.5')).toMatchObject({ status: 'in_doubt', attempts: 1, lastError: 'timeout' });
      expect(await again.record('gone')).toMatchObject({ status: 'gave_up', attempts: 0, intentAt: null, lastError: 'conversation deleted' });
    });

    it('keeps pending work until a pass finishes the version it saw, merging what each change adds', async () => {
      const store = await fresh();
      expect(await store.threads.addWork('conv:101')).toBe(1);
      expect(await store.threads.addWork('customer:C1:1.5', { root: '1.1' })).toBe(1);
      expect(await store.threads.addWork('customer:C1:1.5', { requester: 'U1' })).toBe(2);
      const first = await store.threads.work('conv:101');
      expect(await store.threads.addWork('conv:101')).toBe(2);
      // A change arrived during the pass: the work stays for another one.
      expect(await store.threads.finishWork('conv:101', first!.version)).toBe(false);

      const again = (await reopen(store)).threads;
      const pending = await again.pendingWork();
      expect(pending.map((w) => w.key).sort()).toEqual(['conv:101', 'customer:C1:1.5']);
      expect(await again.work('customer:C1:1.5')).toMatchObject({ version: 2, data: { root: '1.1', requester: 'U1' } });
      expect((await again.work('conv:101'))!.since).toBe(first!.since);
      expect(await again.finishWork('conv:101', 2)).toBe(true);
      expect(await again.work('conv:101')).toBeNull();
      expect(await again.work('nothing')).toBeNull();
    });

    it('counts every change once when many arrive at the same moment', async () => {
      const store = await fresh();
      const versions = await Promise.all(Array.from({ length: 10 }, (_, i) => store.threads.addWork('thread:C1:1.1', { [`k${i}`]: 'v' })));
      expect(versions.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(Object.keys((await store.threads.work('thread:C1:1.1'))!.data)).toHaveLength(10);
    });

    it('prunes records and stuck work a month old, keeping what was written since and the notices of linked threads', async () => {
      const day = 24 * 3_600_000;
      let clock = Date.parse('2025-01-01T00:00:00Z');
      const store = await fresh(() => new Date(clock));
      await store.threads.saveThread(thread({ channelId: 'C1', rootTs: '1.1' }));
      await store.threads.saveThread(thread({ conversationId: '202', channelId: 'C2', rootTs: '2.2', status: 'unlinked' }));
      await store.threads.sent('i2s:C1:1.1:part-old', 'ts-old');
      await store.threads.sent('s2i:C1:1.5', 'part-old');
      await store.threads.intent('i2s:C1:1.1:part-retried', null);
      await store.threads.failed('root:202:page-1:first', 'Slack 500', 'failed');
      await store.threads.sent('notice:edits:C1:1.1', 'ts-notice');
      await store.threads.sent('notice:unlinked:C2:2.2', 'ts-unlinked');
      // A root that merely ends like C1's: not the linked thread's notice.
      await store.threads.sent('notice:edits:C1:11.1', 'ts-other-notice');
      await store.threads.addWork('conv:stuck');

      clock += 20 * day;
      await store.threads.sent('i2s:C1:1.1:part-retried', 'ts-retried');
      await store.threads.sent('i2s:C1:1.1:part-new', 'ts-new');
      await store.threads.addWork('conv:fresh');
      await store.threads.addWork('conv:stuck');

      clock += 15 * day;
      await store.prune(new Date(clock));

      const again = (await reopen(store)).threads;
      expect(THREAD_LEDGER_RETENTION_MS).toBe(30 * day);
      expect(await again.record('i2s:C1:1.1:part-old')).toBeNull();
      expect(await again.isTarget('ts-old')).toBe(false);
      expect(await again.record('s2i:C1:1.5')).toBeNull();
      expect(await again.isTarget('part-old')).toBe(false);
      expect(await again.record('root:202:page-1:first')).toBeNull();
      expect(await again.record('notice:unlinked:C2:2.2')).toBeNull();
      expect(await again.record('notice:edits:C1:11.1')).toBeNull();
      expect(await again.record('notice:edits:C1:1.1')).toMatchObject({ status: 'sent', targetId: 'ts-notice' });
      expect(await again.record('i2s:C1:1.1:part-retried')).toMatchObject({ status: 'sent', attempts: 1, targetId: 'ts-retried' });
      expect(await again.record('i2s:C1:1.1:part-new')).toMatchObject({ status: 'sent', targetId: 'ts-new' });
      expect(await again.isTarget('ts-new')).toBe(true);
      // Work pending since the first day kept failing for 35: dropped, though it changed since; fresh work stays.
      expect((await again.pendingWork()).map((w) => w.key)).toEqual(['conv:fresh']);
      // The threads themselves stay: a link again must start after the old root.
      expect(await again.threadByRoot('C2', '2.2')).toMatchObject({ status: 'unlinked' });
    });
  });
}
