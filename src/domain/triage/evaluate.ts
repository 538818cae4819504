import type { TriageModel } from '../../ports.js';
import type { Conversation } from '../conversation.js';
import { conversationText } from '../conversation-text.js';
import type { Ticket } from '../ticket.js';
import type { LabelledQuery, LabelledTicket } from './eval-fixtures.js';
import { computeMetrics, type EvalCase, type EvalMetrics } from './eval-metrics.js';
import { candidateIdOf } from './prompt.js';
import { runTriage, type TriageResult } from './run-triage.js';
import { TicketIndex } from './ticket-index.js';

export interface EvaluateInput {
  tickets: LabelledTicket[];
  queries: LabelledQuery[];
  model: TriageModel | null;
  timeoutMs: number;
  /** Retrieved per query (default 10, the app's default). */
  candidates?: number;
  /** Called after each query, e.g. to print progress. */
  onCase?: (index: number, query: LabelledQuery, result: TriageResult) => void;
}

export interface Evaluation {
  metrics: EvalMetrics;
  cases: Array<EvalCase & { text: string; madeBy: TriageResult['madeBy'] }>;
}

/**
 * Runs the app's own path on labelled data: the tickets go into a TicketIndex, each query becomes
 * a one-message conversation that goes through conversationText and runTriage, one at a time.
 */
export async function evaluateTriage(input: EvaluateInput): Promise<Evaluation> {
  const index = new TicketIndex();
  index.upsert(input.tickets.map(ticketOf));
  index.markComplete();
  const cases: Evaluation['cases'] = [];
  for (const [i, query] of input.queries.entries()) {
    const text = conversationText(conversationOf(query.text, i));
    const result = await runTriage({ text, index, model: input.model, timeoutMs: input.timeoutMs, candidates: input.candidates ?? 10 });
    cases.push({
      text: query.text,
      expected: query.expected.map((id) => id.toUpperCase()),
      ranked: result.candidates.map((c) => candidateIdOf(c.ticket).toUpperCase()),
      decision: result.decision,
      suggested: result.suggested ? candidateIdOf(result.suggested.ticket).toUpperCase() : null,
      madeBy: result.madeBy,
    });
    input.onCase?.(i, query, result);
  }
  return { metrics: computeMetrics(cases), cases };
}

/** A labelled ticket as the Notion sync would deliver it, keeping the id as given. */
function ticketOf(t: LabelledTicket, i: number): Ticket {
  const time = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
  return {
    pageId: `eval-${i}`,
    ticketId: t.id,
    title: t.title,
    description: t.description,
    status: t.status === 'done' ? 'Done' : 'Open',
    done: t.status === 'done',
    conversationIds: [],
    customerReports: '',
    slackChannelId: null,
    slackChannelUrl: null,
    url: `https://www.notion.so/eval-${i}`,
    resolutionNotifiedAt: null,
    createdTime: time,
    lastEditedTime: time,
  };
}

/** The query as the first message of a conversation from a customer. */
function conversationOf(text: string, i: number): Conversation {
  return {
    id: `eval-${i}`,
    title: null,
    createdAt: 0,
    state: 'open',
    assigneeAdminId: null,
    teammateAdminIds: [],
    parts: [{ id: `eval-${i}-0`, partType: 'source', authorType: 'user', authorId: null, authorName: null, body: text, createdAt: 0 }],
  };
}
