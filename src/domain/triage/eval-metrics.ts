import { SHOWN_WHEN_UNSURE } from './run-triage.js';

/** One labelled query after triage: what was expected and what came out. */
export interface EvalCase {
  /** Ticket ids that are a right answer; empty when a new ticket is right. */
  expected: string[];
  /** Retrieved ticket ids, best first. */
  ranked: string[];
  decision: 'existing' | 'new' | 'uncertain';
  /** The ticket id suggested when decision is "existing". */
  suggested: string | null;
}

export interface EvalMetrics {
  /** Queries with an expected ticket whose ticket is ranked first / in the top 5 / in the top 10. */
  recall_at_1: number;
  recall_at_5: number;
  recall_at_10: number;
  /** Mean reciprocal rank of the first expected ticket (0 when not retrieved), over those queries. */
  mrr: number;
  /**
   * Share of all queries decided right: "new" when new is right, else "existing" with an expected
   * ticket; "uncertain" is right when new is right or an expected ticket is among the SHOWN_WHEN_UNSURE
   * the agent is shown.
   */
  decision_accuracy: number;
  /** The same, over queries with an expected ticket only, and over queries where new is right only. */
  existing_accuracy: number;
  new_accuracy: number;
  /** Share of all queries answered "uncertain". */
  uncertain_rate: number;
  /** Share of all queries answered "existing" with a wrong ticket (another one, or new was right). */
  false_link_rate: number;
  queries: number;
  queries_with_ticket: number;
  queries_new: number;
}


/** Retrieval and decision metrics; a metric over no queries is 0. */
export function computeMetrics(cases: EvalCase[]): EvalMetrics {
  const withTicket = cases.filter((c) => c.expected.length > 0);
  const fresh = cases.filter((c) => c.expected.length === 0);
  const rankOf = (c: EvalCase) => c.ranked.findIndex((id) => c.expected.includes(id));
  const recallAt = (k: number) => share(withTicket, (c) => {
    const rank = rankOf(c);
    return rank >= 0 && rank < k;
  });
  const mrr = withTicket.length === 0 ? 0 : withTicket.reduce((sum, c) => sum + (rankOf(c) >= 0 ? 1 / (rankOf(c) + 1) : 0), 0) / withTicket.length;
  return {
    recall_at_1: recallAt(1),
    recall_at_5: recallAt(5),
    recall_at_10: recallAt(10),
    mrr,
    decision_accuracy: share(cases, decidedRight),
    existing_accuracy: share(withTicket, decidedRight),
    new_accuracy: share(fresh, decidedRight),
    uncertain_rate: share(cases, (c) => c.decision === 'uncertain'),
    false_link_rate: share(cases, (c) => c.decision === 'existing' && !(c.suggested !== null && c.expected.includes(c.suggested))),
    queries: cases.length,
    queries_with_ticket: withTicket.length,
    queries_new: fresh.length,
  };
}

export function decidedRight(c: EvalCase): boolean {
  if (c.decision === 'uncertain') return c.expected.length === 0 || c.ranked.slice(0, SHOWN_WHEN_UNSURE).some((id) => c.expected.includes(id));
  if (c.expected.length === 0) return c.decision === 'new';
  return c.decision === 'existing' && c.suggested !== null && c.expected.includes(c.suggested);
}

function share<T>(items: T[], test: (item: T) => boolean): number {
  return items.length === 0 ? 0 : items.filter(test).length / items.length;
}
