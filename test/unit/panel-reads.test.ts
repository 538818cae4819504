import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/domain/ticket.js';
import { TicketIndex } from '../../src/domain/triage/ticket-index.js';
import { AppError } from '../../src/errors.js';
import { PANEL_READ_TTL_MS, PanelReads } from '../../src/flows/panel-reads.js';
import { currentContext, type Priority } from '../../src/observability/context.js';
import type { TicketStore } from '../../src/ports.js';
import { RateLimiter } from '../../src/services/http/service-fetch.js';

const PAGE = '2b3c4d5e-6f70-4819-a2b3-c4d5e6f70819';

function ticket(status: string, edited = '2026-12-01T10:00:00.000Z'): Ticket {
  return {
    pageId: PAGE,
    ticketId: 'JMP-1',
    title: 'Okta login loop',
    description: '',
    status,
    done: status === 'Done',
    conversationIds: ['1'],
    customerReports: '',
    slackChannelId: null,
    slackChannelUrl: null,
    url: 'https://www.notion.so/x',
    resolutionNotifiedAt: null,
    createdTime: '2026-12-01T09:00:00.000Z',
    lastEditedTime: edited,
  };
}

/** A store whose get() answers what `current` holds, counting calls and the priority they ran at. */
function storeOf(current: { ticket: Ticket | null }) {
  const seen: Priority[] = [];
  const store = {
    get: async () => {
      seen.push(currentContext().priority);
      await new Promise((r) => setTimeout(r, 5));
      if (!current.ticket) throw new AppError('ticket_not_found', 404, 'gone');
      return current.ticket;
    },
  } as unknown as TicketStore;
  return { store, seen };
}

describe('PanelReads', () => {
  it('shares one read among concurrent panels, at panel priority, and serves it again for a few seconds', async () => {
    const current = { ticket: ticket('In progress') };
    const { store, seen } = storeOf(current);
    let now = 1_000;
    const reads = new PanelReads(store, new TicketIndex(), () => now);
    const answers = await Promise.all(Array.from({ length: 5 }, () => reads.read(PAGE)));
    expect(answers.every((t) => t?.status === 'In progress')).toBe(true);
    expect(seen).toEqual(['panel']);
    now += PANEL_READ_TTL_MS - 1;
    await reads.read(PAGE);
    expect(seen).toHaveLength(1);
    now += 1;
    current.ticket = ticket('Done');
    expect((await reads.read(PAGE))?.status).toBe('Done');
    expect(seen).toHaveLength(2);
  });

  it('reads again at once when the index changed since (the app wrote the ticket, or a sync did)', async () => {
    const current = { ticket: ticket('In progress') };
    const { store, seen } = storeOf(current);
    const index = new TicketIndex();
    const reads = new PanelReads(store, index, () => 0);
    await reads.read(PAGE);
    index.upsert([{ ...ticket('In progress'), conversationIds: [] }]);
    current.ticket = { ...ticket('In progress'), conversationIds: [] };
    expect((await reads.read(PAGE))?.conversationIds).toEqual([]);
    expect(seen).toHaveLength(2);
  });

  it('answers null and drops the ticket from the index when it was deleted', async () => {
    const current: { ticket: Ticket | null } = { ticket: null };
    const index = new TicketIndex();
    index.upsert([ticket('In progress')]);
    const reads = new PanelReads(storeOf(current).store, index, () => 0);
    expect(await reads.read(PAGE)).toBeNull();
    expect(index.get(PAGE)).toBeUndefined();
  });
});

describe('RateLimiter priorities', () => {
  it('starts waiting interactive work before panel re-reads, and panel re-reads before background work', async () => {
    const limiter = new RateLimiter(1, 40);
    const order: string[] = [];
    const job = (name: string, priority: Priority) => limiter.schedule(priority, async () => void order.push(name));
    const first = job('first', 'background');
    const queued = [job('background', 'background'), job('panel-1', 'panel'), job('panel-2', 'panel'), job('create', 'interactive')];
    await Promise.all([first, ...queued]);
    expect(order).toEqual(['first', 'create', 'panel-1', 'panel-2', 'background']);
  });
});
