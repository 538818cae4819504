import { ticketNoteKind } from '../domain/intercom-note.js';
import type { FlowDeps } from './deps.js';

/**
 * The app's latest note about a ticket in a conversation: "linked", "unlinked" or null (none).
 * Looked at before a note is posted on retry, so a link or an unlink leaves exactly one note, and a
 * link after an unlink leaves a new one.
 */
export async function latestTicketNote(deps: FlowDeps, conversationId: string, ticketId: string): Promise<'linked' | 'unlinked' | null> {
  const conversation = await deps.inbox.getConversation(conversationId);
  let latest: 'linked' | 'unlinked' | null = null;
  for (const part of conversation.parts) {
    if (part.partType !== 'note' || part.authorId !== deps.settings.adminId) continue;
    latest = ticketNoteKind(part.body, ticketId) ?? latest;
  }
  return latest;
}
