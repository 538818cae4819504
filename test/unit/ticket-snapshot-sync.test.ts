import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/domain/ticket.js';
import { TicketIndex } from '../../src/domain/triage/ticket-index.js';
import { silentLogger } from '../../src/observability/logger.js';
import type { TicketStore } from '../../src/ports.js';
import { MemoryTicketSnapshot, type TicketSnapshot } from '../../src/sync/ticket-snapshot.js';
import { TicketSync } from '../../src/sync/ticket-sync.js';
import { makeTicket } from './triage/make-ticket.js';

/** Notion as far as the sync reads it: a list of tickets, and how often it was asked. */
function notionOf(tickets: Ticket[]) {
  const calls = { all: 0, since: [] as string[] };
  const store = {
    async *iterateAll() {
      calls.all += 1;
      yield await Promise.resolve([...tickets]);
    },
    async *iterateEditedSince(since: string) {
      calls.since.push(since);
      yield await Promise.resolve(tickets.filter((t) => t.lastEditedTime >= since));
    },
  } as unknown as TicketStore;
  return { store, calls };
}

/** Records every batch written, over a memory snapshot. */
class RecordingSnapshot extends MemoryTicketSnapshot {
  readonly saves: Array<Parameters<TicketSnapshot['save']>[0]> = [];
  override save(changes: Parameters<TicketSnapshot['save']>[0]): Promise<void> {
    this.saves.push(changes);
    return super.save(changes);
  }
}

const options = { refreshIntervalMs: 3_600_000, fullResyncIntervalMs: 3_600_000 };
const ticket = (n: number, edited = '2026-01-01T10:00:00.000Z') =>
  makeTicket({ pageId: `page-${n}`, ticketId: `JMP-${n}`, title: `Ticket ${n}`, lastEditedTime: edited });

describe('the ticket index snapshot', () => {
  it('is not used until a full load has written it whole', async () => {
    const snapshot = new RecordingSnapshot();
    await snapshot.save({ upserts: [ticket(1)], removals: [] });
    const notion = notionOf([ticket(1), ticket(2)]);
    const sync = new TicketSync(notion.store, new TicketIndex(), silentLogger, { ...options, snapshot });
    await sync.start();
    await sync.stop();
    expect(notion.calls.all).toBe(1);
    expect(sync.stats.snapshotTickets).toBeNull();
    expect((await snapshot.load())?.tickets.map((t) => t.pageId).sort()).toEqual(['page-1', 'page-2']);
  });

  it('writes only what a full load changed, and the removals, in one batch', async () => {
    const tickets = [ticket(1), ticket(2), ticket(3)];
    const notion = notionOf(tickets);
    const snapshot = new RecordingSnapshot();
    const sync = new TicketSync(notion.store, new TicketIndex(), silentLogger, { ...options, snapshot });
    await sync.start();
    tickets.splice(0, 3, tickets[0]!, { ...tickets[1]!, status: 'In progress' });
    await sync.fullLoad(null);
    await sync.stop();
    const last = snapshot.saves.at(-1)!;
    expect(last.upserts.map((t) => t.pageId)).toEqual(['page-2']);
    expect(last.removals).toEqual(['page-3']);
    expect(last.reconciledAt).toBeDefined();
  });

  it('restarts from the snapshot, asking Notion only for edits since its newest minus the overlap', async () => {
    const snapshot = new RecordingSnapshot();
    const first = notionOf([ticket(1), ticket(2, '2026-01-01T12:00:00.000Z')]);
    const before = new TicketSync(first.store, new TicketIndex(), silentLogger, { ...options, snapshot });
    await before.start();
    await before.stop();

    const [one, two] = (await snapshot.load())!.tickets;
    const later = notionOf([one!, { ...two!, lastEditedTime: '2026-01-01T12:30:00.000Z', title: 'Renamed while down' }]);
    const index = new TicketIndex();
    const after = new TicketSync(later.store, index, silentLogger, { ...options, snapshot });
    await after.start();
    expect(index.complete).toBe(true);
    expect(after.stats.snapshotTickets).toBe(2);
    expect(later.calls.since).toEqual(['2026-01-01T11:58:00.000Z']);
    expect(index.get('page-2')?.title).toBe('Renamed while down');
    await after.stop();
  });
});

describe('the ticket index on a replica that does not poll Notion (a follower)', () => {
  const follower = { ...options, polls: () => false, followIntervalMs: 3_600_000 };

  it('starts from the snapshot without asking Notion, then sees what the leader synced', async () => {
    const snapshot = new MemoryTicketSnapshot();
    const notion = notionOf([ticket(1), ticket(2)]);
    const leaderIndex = new TicketIndex();
    const leader = new TicketSync(notion.store, leaderIndex, silentLogger, { ...options, snapshot });
    await leader.start();

    const quiet = notionOf([]);
    const index = new TicketIndex();
    const sync = new TicketSync(quiet.store, index, silentLogger, { ...follower, snapshot });
    await sync.start();
    expect(index.complete).toBe(true);
    expect(index.pageIds().sort()).toEqual(['page-1', 'page-2']);

    // The leader polls Notion: a new ticket and a renamed one; one is archived.
    leaderIndex.upsert([ticket(3), { ...ticket(1), title: 'Renamed' }]);
    leaderIndex.remove('page-2');
    await leader.flush();
    await sync.follow();
    expect(index.pageIds().sort()).toEqual(['page-1', 'page-3']);
    expect(index.get('page-1')?.title).toBe('Renamed');
    expect(quiet.calls).toEqual({ all: 0, since: [] });
    await Promise.all([leader.stop(), sync.stop()]);
  });

  it('starting before any full load finished, follows the leader\'s full load and is complete when it is written whole', async () => {
    const snapshot = new MemoryTicketSnapshot();
    const quiet = notionOf([]);
    const index = new TicketIndex();
    const sync = new TicketSync(quiet.store, index, silentLogger, { ...follower, snapshot });
    await sync.start();
    expect(index.complete).toBe(false);

    await snapshot.save({ upserts: [ticket(1)], removals: [] });
    await sync.follow();
    expect(index.pageIds()).toEqual(['page-1']);
    expect(index.complete).toBe(false);
    await snapshot.save({ upserts: [ticket(2)], removals: [], reconciledAt: '2026-01-01T10:05:00.000Z' });
    await sync.follow();
    expect(index.complete).toBe(true);
    expect(index.pageIds().sort()).toEqual(['page-1', 'page-2']);
    expect(quiet.calls).toEqual({ all: 0, since: [] });
    await sync.stop();
  });

  it('writes what it learned itself for the others, and keeps it over an older copy in the snapshot', async () => {
    const snapshot = new MemoryTicketSnapshot();
    await snapshot.save({ upserts: [ticket(1)], removals: [], reconciledAt: '2026-01-01T10:05:00.000Z' });
    const index = new TicketIndex();
    const sync = new TicketSync(notionOf([]).store, index, silentLogger, { ...follower, snapshot });
    await sync.start();
    const { cursor } = (await snapshot.load())!;

    // A webhook here linked a conversation; meanwhile another replica wrote its older copy.
    index.upsert([{ ...ticket(1, '2026-01-01T10:07:00.000Z'), conversationIds: ['c-1'] }]);
    await snapshot.save({ upserts: [{ ...ticket(1), title: 'Older copy' }], removals: [] });
    await sync.follow();
    expect(index.get('page-1')?.conversationIds).toEqual(['c-1']);

    await sync.flush();
    const written = await snapshot.changesSince(cursor, 10);
    expect(written.upserts.at(-1)?.conversationIds).toEqual(['c-1']);
    await sync.stop();
  });

  it('asks Notion once it becomes the leader: recent edits, then everything', async () => {
    const snapshot = new MemoryTicketSnapshot();
    await snapshot.save({ upserts: [ticket(1)], removals: [], reconciledAt: '2026-01-01T10:05:00.000Z' });
    let leads = false;
    const notion = notionOf([ticket(1), ticket(2, '2026-01-01T10:30:00.000Z')]);
    const index = new TicketIndex();
    const sync = new TicketSync(notion.store, index, silentLogger, { ...follower, snapshot, polls: () => leads });
    await sync.start();
    expect(notion.calls).toEqual({ all: 0, since: [] });
    leads = true;
    sync.leadershipGained();
    await sync.fullLoad(null); // the lock takes it after the refresh leadershipGained started
    expect(notion.calls.since).toEqual(['2026-01-01T09:58:00.000Z']);
    expect(notion.calls.all).toBeGreaterThanOrEqual(1);
    expect(index.pageIds().sort()).toEqual(['page-1', 'page-2']);
    await sync.stop();
  });
});

describe('the ticket index refresh', () => {
  it('on an empty index asks Notion for what was edited since the last full load, so a first ticket made elsewhere is found', async () => {
    const tickets: Ticket[] = [];
    const notion = notionOf(tickets);
    const index = new TicketIndex();
    const sync = new TicketSync(notion.store, index, silentLogger, options);
    const before = new Date().toISOString();
    await sync.start();
    tickets.push(ticket(1, new Date(Date.now() + 1000).toISOString()));

    await sync.refresh();
    await sync.stop();

    expect(notion.calls.since).toHaveLength(1);
    expect(notion.calls.since[0]! <= before).toBe(true);
    expect(index.get('page-1')?.ticketId).toBe('JMP-1');
  });
});

describe('a process that owns its snapshot alone (PGlite)', () => {
  it('does not read back its own writes', async () => {
    class CountingSnapshot extends MemoryTicketSnapshot {
      reads = 0;
      override changesSince(...args: Parameters<TicketSnapshot['changesSince']>): ReturnType<TicketSnapshot['changesSince']> {
        this.reads += 1;
        return super.changesSince(...args);
      }
    }
    const owned = new CountingSnapshot();
    const shared = new CountingSnapshot();
    for (const [snapshot, follows] of [[owned, false], [shared, true]] as const) {
      const sync = new TicketSync(notionOf([ticket(1), ticket(2)]).store, new TicketIndex(), silentLogger, { ...options, snapshot, follows });
      await sync.start();
      await sync.flush();
      await sync.follow();
      await sync.stop();
    }
    expect(owned.reads).toBe(0);
    expect(shared.reads).toBeGreaterThan(0);
  });
});
