import { MAX_LINKED_SHOWN } from '../../canvases/initialize-canvas.js';
import { uniqueByPageId } from '../../canvases/unique-by-page-id.js';
import type { Ticket } from '../domain/ticket.js';
import { step } from '../observability/activity.js';
import type { FlowDeps } from './deps.js';

/**
 * How long Refresh waits for Notion before showing what the index holds: behind a queue of other
 * panels' re-reads, a stale panel now is worth more than a fresh one after Intercom gave up.
 */
export const PANEL_REFRESH_BUDGET_MS = 5_000;

/**
 * The tickets a conversation is linked to, for the panel. From the index; Notion is asked when the
 * index is still loading, and, when the teammate presses Refresh, the tickets the panel shows
 * (never more) are re-read through the shared, briefly cached panel reads.
 */
export async function linkedTickets(deps: FlowDeps, conversationId: string, options: { refresh: boolean }): Promise<Ticket[]> {
  let linked = deps.index.findByConversation(conversationId);
  if (!deps.index.complete) {
    const found = await step('Looking up linked tickets in Notion', () => deps.tickets.findByConversation(conversationId));
    deps.index.upsert(found);
    linked = deps.index.findByConversation(conversationId);
  }
  if (!options.refresh || linked.length === 0) return linked;
  const unique = uniqueByPageId(linked);
  const shown = unique.slice(0, MAX_LINKED_SHOWN);
  const fresh = await step('Refreshing the tickets from Notion', () =>
    Promise.all(shown.map((ticket) => withinBudget(deps.panelReads.read(ticket.pageId), ticket))),
  );
  const stillLinked = fresh.filter((t): t is Ticket => t !== null && t.conversationIds.includes(conversationId));
  return [...stillLinked, ...unique.slice(MAX_LINKED_SHOWN)];
}

/**
 * One linked ticket in full (a click on its row): read again through the shared panel reads, or
 * what the index holds if Notion is slow; null when it is gone or no longer linked here.
 */
export async function linkedTicket(deps: FlowDeps, conversationId: string, pageId: string): Promise<Ticket | null> {
  const indexed = deps.index.get(pageId);
  const read = deps.panelReads.read(pageId);
  const fresh = await step('Reading the ticket from Notion', () => (indexed ? withinBudget(read, indexed) : read));
  return fresh?.conversationIds.includes(conversationId) ? fresh : null;
}

/** The read, or what the index held if Notion has not answered within the budget. */
function withinBudget(read: Promise<Ticket | null>, indexed: Ticket): Promise<Ticket | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Ticket>((resolve) => {
    timer = setTimeout(() => resolve(indexed), PANEL_REFRESH_BUDGET_MS);
  });
  return Promise.race([read, late]).finally(() => clearTimeout(timer));
}
