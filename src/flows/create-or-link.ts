import { titleIsShareable } from '../domain/done-message.js';
import { SHOWN_WHEN_UNSURE } from '../domain/triage/run-triage.js';
import { candidateIdOf } from '../domain/triage/prompt.js';
import { createTicket } from './create-ticket.js';
import type { FlowDeps } from './deps.js';
import { linkTicket } from './link-ticket.js';
import type { TicketOutcome } from './outcome.js';
import { suggestTicket } from './suggest-ticket.js';

export interface CreateOrLinkResult {
  decision: 'new' | 'existing';
  outcome: TicketOutcome;
  /** Present when the triage was unsure: the ticket ids it would have asked an agent about. */
  uncertain: { candidates: string[] } | null;
}

/**
 * The seed's one-shot API (Intercom Custom Actions, scripts): triage, then create or link without
 * asking anyone. The highlighted message, when given, leads the text the triage reads.
 *
 * Nobody confirms here, so only a confident "existing" links: a wrong link later tells the
 * customer their problem is solved, which is worse than a duplicate ticket. When the triage is
 * unsure a new ticket is created, unless the caller asks to link the closest (`onUncertain: 'link'`).
 */
export async function createOrLink(
  deps: FlowDeps,
  input: { conversationId: string; message: string | null; onUncertain?: 'new' | 'link' },
): Promise<CreateOrLinkResult> {
  const suggestion = await suggestTicket(deps, { conversationId: input.conversationId, adminId: null, extraText: input.message ?? undefined });
  const { triage, participantIds } = suggestion;
  const shown = triage.candidates.slice(0, SHOWN_WHEN_UNSURE);
  const uncertain = triage.decision === 'uncertain' ? { candidates: shown.map((c) => candidateIdOf(c.ticket)) } : null;
  const linkTo = triage.decision === 'existing' ? triage.suggested : uncertain && input.onUncertain === 'link' ? (shown[0] ?? null) : null;
  if (linkTo) {
    const outcome = await linkTicket(deps, { conversationId: input.conversationId, pageId: linkTo.ticket.pageId, participantIds });
    return { decision: 'existing', outcome, uncertain };
  }
  const outcome = await createTicket(deps, {
    conversationId: input.conversationId,
    title: triage.draft.title,
    description: triage.madeBy.kind === 'gemini' ? triage.draft.description : withTitleOnRecord(triage.draft),
    participantIds,
  });
  return { decision: 'new', outcome, uncertain };
}

/**
 * Nobody confirms a title made here, and the offline triager's is the customer's own words (a
 * sentence, an email subject). The description starts with it unless it already holds it, so the
 * Done message recognises it as a customer's words and does not repeat it to other customers.
 */
function withTitleOnRecord(draft: { title: string; description: string }): string {
  if (!titleIsShareable(draft.title, draft.description)) return draft.description;
  return `${draft.title}\n\n${draft.description}`;
}
