import { surfaceWords } from './search-terms.js';
import { draftTicket, type TicketDraft } from './draft.js';
import type { Candidate } from './ticket-index.js';
import { candidateIdOf } from './prompt.js';

/**
 * Calibrated on test/fixtures/triage (160 tickets, 118 queries; `npm run triage:eval`) by sweeping
 * both values: decision accuracy stays at 0.78–0.81 for a threshold of 0.15–0.275 and a margin of
 * 0.05–0.10, and falls off outside. These values sit inside that plateau rather than on its best
 * point, which would be fitted to this one set.
 */
export const OFFLINE_THRESHOLDS = {
  /** The best candidate's similarity must reach this… */
  similarity: 0.25,
  /** …and beat every other candidate's by at least this much. */
  margin: 0.06,
} as const;

export interface OfflineDecision {
  decision: 'existing' | 'new';
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
export function offlineTriage(input: { text: string; candidates: Candidate[] }): OfflineDecision {
  const draft = draftTicket(input.text);
  // The thresholds measure similarity, so the decision is about the most similar candidates (ties
  // keep the index's order, open tickets first), not merely the first-ranked one.
  const [best, runnerUp = null] = [...input.candidates].sort((a, b) => b.similarity - a.similarity);
  if (!best) return { decision: 'new', suggested: null, reason: 'No similar ticket found.', confidence: 1, draft };
  const margin = best.similarity - (runnerUp?.similarity ?? 0);
  const { similarity: threshold, margin: minMargin } = OFFLINE_THRESHOLDS;
  const bestId = candidateIdOf(best.ticket);
  if (best.similarity < threshold) {
    return {
      decision: 'new',
      suggested: null,
      reason: `Closest is ${bestId} (similarity ${best.similarity.toFixed(2)}), too different to be the same issue.`,
      confidence: 0.5 + 0.5 * ((threshold - best.similarity) / threshold),
      draft,
    };
  }
  if (margin < minMargin && runnerUp) {
    return {
      decision: 'new',
      suggested: null,
      reason: `${bestId} and ${candidateIdOf(runnerUp.ticket)} match about equally (${best.similarity.toFixed(2)} and ${runnerUp.similarity.toFixed(2)}): no clear duplicate.`,
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
