import { ticketUnlinkedNote } from '../domain/intercom-note.js';
import type { Ticket } from '../domain/ticket.js';
import { describeOperation, step } from '../observability/activity.js';
import type { FlowDeps } from './deps.js';
import { latestTicketNote } from './ticket-notes.js';
import { conversationLock } from '../store/advisory-locks.js';

/**
 * Removes the conversation from the ticket and says so in the conversation ("Unlinked from
 * JMP-40"), under the note that said it was linked. The Slack channel and its members stay; the
 * conversation's thread stops syncing.
 */
export function unlinkTicket(deps: FlowDeps, input: { conversationId: string; pageId: string }): Promise<Ticket> {
  // The same turn as links and creates of the conversation.
  return deps.locks.run(conversationLock(input.conversationId), () => unlink(deps, input));
}

async function unlink(deps: FlowDeps, input: { conversationId: string; pageId: string }): Promise<Ticket> {
  const { conversationId } = input;
  describeOperation({ ticket_id: deps.index.get(input.pageId)?.ticketId });
  const { ticket, changed } = await step('Removing the conversation from the ticket', () =>
    deps.conversations.remove(input.pageId, conversationId),
  );
  // Its Slack thread stops syncing and says so (in the background: the thread sync retries).
  await deps.threadEvents?.conversationChanged(conversationId);
  describeOperation({ ticket_id: ticket.ticketId });
  const ticketId = ticket.ticketId ?? ticket.pageId;
  await step('Adding a note to the Intercom conversation', async () => {
    // A retry (nothing left to remove) posts the note only if the last word is still "linked".
    if (!changed && (await latestTicketNote(deps, conversationId, ticketId)) !== 'linked') return;
    await deps.inbox.addNote(conversationId, deps.settings.adminId, ticketUnlinkedNote(ticketId));
  });
  return ticket;
}
