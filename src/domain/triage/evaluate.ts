import type { TriageModel } from '../../ports.js';
import type { Conversation } from '../conversation.js';
import { conversationText } from '../conversation-text.js';
import { customerExcerpt, withReport } from '../customer-reports.js';
import type { Ticket } from '../ticket.js';
import type { LabelledQuery, LabelledTicket } from './eval-fixtures.js';
import { computeMetrics, type EvalCase, type EvalMetrics } from './eval-metrics.js';
import { candidateIdOf } from './prompt.js';
import { runTriage, type TriageResult } from './run-triage.js';
import { TicketIndex } from './ticket-index.js';

export type EvalMode = 'batch' | 'online';

export interface EvaluateInput {
  tickets: LabelledTicket[];
  queries: LabelledQuery[];
  model: TriageModel | null;
  timeoutMs: number;
  /** Retrieved per query (default 10, the app's default). */
  candidates?: number;
  /**
   * "batch" (default): every query searches the tickets as given. "online": queries in file order,
   * each then settled as an agent confirming the right answer would (see settle), so later
   * queries search an index that learned from earlier ones.
   */
  mode?: EvalMode;
  /** Called after each query, e.g. to print progress. */
  onCase?: (index: number, query: LabelledQuery, result: TriageResult) => void;
}

export interface Evaluation {
  mode: EvalMode;
  metrics: EvalMetrics;
  cases: Array<EvalCase & { text: string; madeBy: TriageResult['madeBy'] }>;
}

/**
 * Runs the app's own path on labelled data: the tickets go into a TicketIndex, each query becomes
 * a one-message conversation that goes through conversationText and runTriage, one at a time.
 */
export async function evaluateTriage(input: EvaluateInput): Promise<Evaluation> {
  const mode = input.mode ?? 'batch';
  const index = new TicketIndex();
  index.upsert(input.tickets.map(ticketOf));
  index.markComplete();
  const cases: Evaluation['cases'] = [];
  for (const [i, query] of input.queries.entries()) {
    const conversation = conversationOf(query.text, i);
    const text = conversationText(conversation);
    const result = await runTriage({ text, index, model: input.model, timeoutMs: input.timeoutMs, candidates: input.candidates ?? 10 });
    const evalCase = {
      text: query.text,
      expected: query.expected.map((id) => id.toUpperCase()),
      ranked: result.candidates.map((c) => candidateIdOf(c.ticket).toUpperCase()),
      decision: result.decision,
      suggested: result.suggested ? candidateIdOf(result.suggested.ticket).toUpperCase() : null,
      madeBy: result.madeBy,
    };
    cases.push(evalCase);
    if (mode === 'online') settle(index, conversation, evalCase, result, i);
    input.onCase?.(i, query, result);
  }
  return { mode, metrics: computeMetrics(cases), cases };
}

/**
 * What an agent confirming the right answer does, as the app's flows would record it: link the
 * conversation to its expected ticket (the best-ranked one when several are right), whose
 * Customer Reports gain the customer's excerpt; or, when a new ticket is right, create one from
 * the draft (as EVAL-NEW-<query number>) with the excerpt as its first report. The index
 * re-indexes the ticket either way.
 */
function settle(index: TicketIndex, conversation: Conversation, c: EvalCase, result: TriageResult, i: number): void {
  const excerpt = customerExcerpt(conversation);
  const edited = editTime(i);
  if (c.expected.length > 0) {
    const target = c.ranked.find((id) => c.expected.includes(id)) ?? c.expected[0]!;
    const ticket = index.getByTicketId(target);
    if (!ticket) return;
    index.upsert([
      {
        ...ticket,
        conversationIds: [...ticket.conversationIds, conversation.id],
        customerReports: withReport(ticket.customerReports, conversation.id, excerpt),
        lastEditedTime: edited,
      },
    ]);
    return;
  }
  const ticketId = `EVAL-NEW-${i + 1}`;
  index.upsert([
    {
      ...ticketOf({ id: ticketId, title: result.draft.title, description: result.draft.description, status: 'open' }, index.size),
      pageId: `eval-new-${i}`,
      conversationIds: [conversation.id],
      customerReports: withReport('', conversation.id, excerpt),
      createdTime: edited,
      lastEditedTime: edited,
    },
  ]);
}

/** Later than every labelled ticket's time: an edit made while the queries are answered. */
function editTime(i: number): string {
  return new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
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
