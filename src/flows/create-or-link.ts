import { createTicket } from './create-ticket.js';
import type { FlowDeps } from './deps.js';
import { linkTicket } from './link-ticket.js';
import type { TicketOutcome } from './outcome.js';
import { suggestTicket } from './suggest-ticket.js';

/**
 * The seed's one-shot API (Intercom Custom Actions, scripts): triage, then create or link without
 * asking anyone. The highlighted message, when given, leads the text the triage reads.
 */
export async function createOrLink(
  deps: FlowDeps,
  input: { conversationId: string; message: string | null },
): Promise<{ decision: 'new' | 'existing'; outcome: TicketOutcome }> {
  const suggestion = await suggestTicket(deps, { conversationId: input.conversationId, adminId: null, extraText: input.message ?? undefined });
  const { triage, participantIds } = suggestion;
  if (triage.decision === 'existing' && triage.suggested) {
    const outcome = await linkTicket(deps, {
      conversationId: input.conversationId,
      pageId: triage.suggested.ticket.pageId,
      participantIds,
    });
    return { decision: 'existing', outcome };
  }
  const outcome = await createTicket(deps, {
    conversationId: input.conversationId,
    title: triage.draft.title,
    description: triage.draft.description,
    participantIds,
  });
  return { decision: 'new', outcome };
}
