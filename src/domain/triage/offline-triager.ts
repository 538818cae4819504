import { surfaceWords } from './search-terms.js';
import { draftTicket, type TicketDraft } from './draft.js';
import type { Language } from './languages.js';
import type { Candidate } from './ticket-index.js';
import { candidateIdOf } from './prompt.js';

/**
 * Three bands on the best candidate's similarity. Calibrated on real duplicate reports (the public
 * dev set, ../shared/triage-dev, see the README's "Triage quality"), precision first: a wrong link
 * tells a customer their problem is fixed when it is not, so "existing" needs a clear, high match;
 * below `newBelow` nothing is close enough to show; everything between asks the agent.
 */
export const OFFLINE_THRESHOLDS = {
  /** "existing" needs the best candidate's similarity to reach this… */
  existing: 0.35,
  /** …and beat every other candidate's by at least this much. */
  margin: 0.15,
  /** Below this, the best candidate is too different: "new". */
  newBelow: 0.2,
} as const;

export type Decision = 'existing' | 'new' | 'uncertain';

export interface OfflineDecision {
  decision: Decision;
  /** The matching candidate when decision is "existing". */
  suggested: Candidate | null;
  reason: string;
  /**
   * Distance from the decision boundary mapped to 0.5..1 (0.5 = on the fence). A heuristic for
   * ordering and display, not a calibrated probability.
   */
  confidence: number;
  draft: TicketDraft;
}

/** Decides from retrieval alone: no model, no network. */
export function offlineTriage(input: { text: string; candidates: Candidate[]; ticketLanguage?: Language }): OfflineDecision {
  const draft = draftTicket(input.text, input.ticketLanguage ? { ticketLanguage: input.ticketLanguage } : {});
  // The thresholds measure similarity, so the decision is about the most similar candidates (ties
  // keep the index's order, open tickets first), not merely the first-ranked one.
  const [best, runnerUp = null] = [...input.candidates].sort((a, b) => b.similarity - a.similarity);
  if (!best) return { decision: 'new', suggested: null, reason: 'No similar ticket found.', confidence: 1, draft };
  const margin = best.similarity - (runnerUp?.similarity ?? 0);
  const { existing: threshold, margin: minMargin, newBelow } = OFFLINE_THRESHOLDS;
  const bestId = candidateIdOf(best.ticket);
  if (best.similarity < newBelow) {
    return {
      decision: 'new',
      suggested: null,
      reason: `Closest is ${bestId} (similarity ${best.similarity.toFixed(2)}), too different to be the same issue.`,
      confidence: 0.5 + 0.5 * ((newBelow - best.similarity) / newBelow),
      draft,
    };
  }
  if (best.similarity < threshold) {
    return {
      decision: 'uncertain',
      suggested: null,
      reason: `Closest is ${bestId} (similarity ${best.similarity.toFixed(2)}): not clear enough to link without you.`,
      confidence: 0.5,
      draft,
    };
  }
  if (margin < minMargin && runnerUp) {
    return {
      decision: 'uncertain',
      suggested: null,
      reason: `${bestId} and ${candidateIdOf(runnerUp.ticket)} match about equally (${best.similarity.toFixed(2)} and ${runnerUp.similarity.toFixed(2)}).`,
      confidence: 0.5,
      draft,
    };
  }
  const words = surfaceWords(best.terms.slice(0, 5), `${best.ticket.title} ${best.ticket.description}`);
  return {
    decision: 'existing',
    suggested: best,
    reason: `Same words as ${bestId}: ${words.join(', ')} (similarity ${best.similarity.toFixed(2)}).`,
    confidence: Math.min(1, 0.5 + 0.5 * ((best.similarity - threshold) / (1 - threshold)) + margin / 2),
    draft,
  };
}
