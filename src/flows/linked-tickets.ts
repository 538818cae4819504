import type { Ticket } from '../domain/ticket.js';
import { isAppError } from '../errors.js';
import { step } from '../observability/activity.js';
import type { FlowDeps } from './deps.js';

/**
 * The tickets a conversation is linked to, for the panel. From the index; Notion is asked when the
 * index is still loading, and re-read ticket by ticket when the teammate presses Refresh.
 */
export async function linkedTickets(deps: FlowDeps, conversationId: string, options: { refresh: boolean }): Promise<Ticket[]> {
  let linked = deps.index.findByConversation(conversationId);
  if (!deps.index.complete) {
    const found = await step('Looking up linked tickets in Notion', () => deps.tickets.findByConversation(conversationId));
    deps.index.upsert(found);
    linked = deps.index.findByConversation(conversationId);
  }
  if (options.refresh && linked.length > 0) {
    const fresh = await step('Refreshing the tickets from Notion', () => Promise.all(linked.map((t) => reread(deps, t.pageId))));
    linked = fresh.filter((t): t is Ticket => t !== null && t.conversationIds.includes(conversationId));
  }
  return linked;
}

/** The ticket as Notion has it now; null (and out of the index) when it was deleted. */
async function reread(deps: FlowDeps, pageId: string): Promise<Ticket | null> {
  try {
    const ticket = await deps.tickets.get(pageId);
    deps.index.upsert([ticket]);
    return ticket;
  } catch (err) {
    if (!isAppError(err) || err.code !== 'ticket_not_found') throw err;
    deps.index.remove(pageId);
    return null;
  }
}
