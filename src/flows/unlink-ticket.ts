import type { Ticket } from '../domain/ticket.js';
import { step } from '../observability/activity.js';
import type { FlowDeps } from './deps.js';

/** Removes the conversation from the ticket. The Slack channel and its members stay. */
export async function unlinkTicket(deps: FlowDeps, input: { conversationId: string; pageId: string }): Promise<Ticket> {
  const { ticket } = await step('Removing the conversation from the ticket', () =>
    deps.conversations.remove(input.pageId, input.conversationId),
  );
  return ticket;
}
