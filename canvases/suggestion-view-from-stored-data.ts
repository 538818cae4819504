/**
 * Draws the suggestion again from the stored data of the canvas the agent clicked, without
 * re-running the triage: "Create a new ticket instead" (`{ decision: 'new' }`) and a create
 * submit that needs fixing (`{ decision: 'new', draft, formError }`).
 */
import type { SuggestionStoredData } from './stored-data.js';
import { ticketLabel } from './ticket-label.js';
import type { SuggestionView } from './view-models.js';

export function suggestionViewFromStoredData(
  data: SuggestionStoredData,
  changes: Partial<Pick<SuggestionView, 'decision' | 'draft' | 'formError'>> = {},
): SuggestionView {
  const { suggestion } = data;
  const suggested = suggestion.pageId
    ? (data.candidates.find((candidate) => candidate.pageId === suggestion.pageId) ?? {
        pageId: suggestion.pageId,
        ticketId: suggestion.ticketId,
        title: suggestion.ticketId ?? '',
        status: '',
      })
    : null;
  // "Create a new ticket instead": the triage's reason argued for the match, so it is replaced.
  const overruled = changes.decision === 'new' && suggestion.decision === 'existing';
  const teammateChose = overruled || suggestion.teammateChose === true;
  return {
    conversationId: data.conversationId,
    participants: data.participants,
    decision: suggestion.decision,
    suggested,
    reason: suggestion.reason,
    confidence: suggestion.confidence,
    madeBy: suggestion.madeBy,
    draft: data.draft,
    candidates: data.candidates,
    index: data.index,
    ...(overruled ? { reason: `You chose a new ticket instead of ${ticketLabel(suggested ?? { ticketId: suggestion.ticketId, title: '' })}.` } : {}),
    ...(teammateChose ? { teammateChose } : {}),
    ...changes,
  };
}
