import { z } from 'zod';
import { collapse, truncateOnWord } from '../conversation-text.js';
import { MAX_TITLE_CHARS } from './answer-schema.js';
import type { TriageAnswer } from './types.js';

export type ParsedTriageAnswer = { ok: true; answer: TriageAnswer } | { ok: false; why: string };

const MAX_REASON_CHARS = 300;
const MAX_SUMMARY_CHARS = 2000;

// Lenient on form (a missing ticket_id is null, a confidence of 1.2 is 1, a long title is cut),
// strict on meaning (the decision and the ticket id must agree with the candidates).
const rawAnswer = z.object({
  decision: z.enum(['existing', 'new']),
  ticket_id: z.string().nullable().optional(),
  confidence: z.number(),
  reason: z.string(),
  title: z.string(),
  summary: z.string(),
});

/** Validates what the model returned against the schema and against the candidates it was shown. */
export function parseTriageAnswer(raw: unknown, candidateIds: string[]): ParsedTriageAnswer {
  const parsed = rawAnswer.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, why: `not a triage answer: ${issue ? `${issue.path.join('.') || 'answer'}: ${issue.message}` : 'invalid'}` };
  }
  const a = parsed.data;
  const title = truncateOnWord(collapse(a.title), MAX_TITLE_CHARS);
  const summary = truncateOnWord(a.summary.trim(), MAX_SUMMARY_CHARS);
  const reason = truncateOnWord(collapse(a.reason), MAX_REASON_CHARS);
  if (!title) return { ok: false, why: 'the title is empty' };
  if (!summary) return { ok: false, why: 'the summary is empty' };
  if (!reason) return { ok: false, why: 'the reason is empty' };
  const confidence = Math.min(1, Math.max(0, a.confidence));
  const given = a.ticket_id?.trim() || null;
  if (a.decision === 'new') {
    if (given !== null) return { ok: false, why: `decision "new" came with ticket_id ${given}` };
    return { ok: true, answer: { decision: 'new', ticket_id: null, confidence, reason, title, summary } };
  }
  if (given === null) return { ok: false, why: 'decision "existing" came without a ticket_id' };
  const ticketId = candidateIds.find((id) => id.toUpperCase() === given.toUpperCase());
  if (!ticketId) return { ok: false, why: `ticket_id ${given} is not one of the candidates` };
  return { ok: true, answer: { decision: 'existing', ticket_id: ticketId, confidence, reason, title, summary } };
}
