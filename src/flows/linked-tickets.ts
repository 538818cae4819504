import type { Ticket } from '../domain/ticket.js';
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
    const fresh = await step('Refreshing the tickets from Notion', () => Promise.all(linked.map((t) => deps.tickets.get(t.pageId))));
    deps.index.upsert(fresh);
    linked = fresh.filter((t) => t.conversationIds.includes(conversationId));
  }
  return linked;
}
