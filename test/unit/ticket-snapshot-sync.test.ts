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
