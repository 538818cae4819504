import type { Ticket } from '../domain/ticket.js';
import { step } from '../observability/activity.js';
import type { FlowDeps } from './deps.js';

/** Removes the conversation from the ticket. The Slack channel and its members stay; the conversation's thread stops syncing. */
export function unlinkTicket(deps: FlowDeps, input: { conversationId: string; pageId: string }): Promise<Ticket> {
  // The same turn as links and creates of the conversation.
  return deps.locks.run(`conversation:${input.conversationId}`, () => unlink(deps, input));
}

async function unlink(deps: FlowDeps, input: { conversationId: string; pageId: string }): Promise<Ticket> {
  const { ticket } = await step('Removing the conversation from the ticket', () =>
    deps.conversations.remove(input.pageId, input.conversationId),
  );
  // Its Slack thread stops syncing and says so (in the background: the thread sync retries).
  await deps.threadEvents?.conversationChanged(input.conversationId);
  return ticket;
}
