import { AppError } from '../errors.js';
import { doneMessageFor, intercomKey, normalize, tellConversation } from './announce-resolution.js';
import type { FlowDeps } from './deps.js';

/**
 * Announcements of one ticket and late tells to it take turns, in this process and across
 * replicas. Whoever holds the turn first reads the ticket's delivery round again: another replica
 * may have sent (part of) it since this one last looked.
 */
export function withTicketTurn<T>(deps: FlowDeps, pageId: string, task: () => Promise<T>): Promise<T> {
  return deps.locks.run(`ticket:${pageId}`, async () => {
    await deps.journal.refresh(pageId);
    return task();
  });
}

/**
 * A conversation linked to a ticket that is Done is told at once, with the same message the others
 * got, exactly once: recorded in the journal, and looked for in the conversation first (a retried
 * link, a double click). A ticket still in its quiet period, or being announced, tells it with the
 * rest. Throws when the message could not be sent, so the teammate sees it and can try again.
 */
export async function tellLateConversation(deps: FlowDeps, pageId: string, conversationId: string): Promise<'told' | 'with_the_rest' | 'not_done'> {
  return withTicketTurn(deps, pageId, async () => {
    // Re-read right before an irreversible send: the ticket may have been reopened.
    const ticket = await deps.tickets.get(pageId);
    deps.index.upsert([ticket]);
    if (!ticket.done) return 'not_done';
    if (!ticket.resolutionNotifiedAt) return 'with_the_rest';
    const message = doneMessageFor(deps, ticket);
    if (await alreadyTold(deps, conversationId, message.text)) return 'told';
    const round = deps.journal.current(pageId) ?? (await deps.journal.openRound(pageId));
    await tellConversation(deps, round, conversationId, message);
    const state = deps.journal.target(round, intercomKey(conversationId));
    // The round existed only for this message; a sweep would close it the same way.
    await deps.journal.close(round);
    if (state.status !== 'sent') {
      throw new AppError('upstream_unavailable', 502, `The customer could not be told that ${ticket.ticketId ?? 'the ticket'} is resolved (${state.lastError ?? 'unknown error'}); try again.`);
    }
    return 'told';
  });
}

async function alreadyTold(deps: FlowDeps, conversationId: string, text: string): Promise<boolean> {
  const conversation = await deps.inbox.getConversation(conversationId);
  const fingerprint = normalize(text);
  return conversation.parts.some((p) => p.authorId === deps.settings.adminId && normalize(p.body).includes(fingerprint));
}
