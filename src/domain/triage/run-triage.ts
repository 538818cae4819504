import type { TriageModel } from '../../ports.js';
import { isAppError } from '../../errors.js';
import { withoutLabels } from '../conversation-text.js';
import { parseTriageAnswer } from './answer.js';
import type { TicketDraft } from './draft.js';
import { estimateTokens } from './estimate-tokens.js';
import { offlineTriage } from './offline-triager.js';
import { buildTriagePrompt, candidateIdOf } from './prompt.js';
import type { Candidate, TicketIndex } from './ticket-index.js';

export type OfflineReason = 'not_configured' | 'timeout' | 'error' | 'invalid_answer';

export type TriageMadeBy =
  | { kind: 'gemini'; model: string }
  /** `detail` says what went wrong with the model (for logs), absent when none is configured. */
  | { kind: 'offline'; why: OfflineReason; detail?: string };

export interface TriageResult {
  madeBy: TriageMadeBy;
  decision: 'existing' | 'new';
  /** The candidate the conversation duplicates, when decision is "existing"; always one of `candidates`. */
  suggested: Candidate | null;
  /** One line for the agent. */
  reason: string;
  /** 0..1 */
  confidence: number;
  /** The ticket to create if the agent chooses a new one. */
  draft: TicketDraft;
  /** What retrieval found, best first. */
  candidates: Candidate[];
  /** Size of what the model is sent, schema included (also reported when no model is configured). */
  prompt: { chars: number; estimatedTokens: number };
}

export interface RunTriageInput {
  /** The conversation as plain text (conversationText). */
  text: string;
  index: TicketIndex;
  /** null when no model is configured: the offline triager decides. */
  model: TriageModel | null;
  /** The model call is abandoned after this long and the offline triager decides instead. */
  timeoutMs: number;
  /** How many candidates to retrieve and show the model (default 10). */
  candidates?: number;
}

const TIMED_OUT = Symbol('timed out');

/**
 * Retrieve candidates, then let the model decide (one call, bounded by timeoutMs) and check its
 * answer against the candidates; without a model, or when the call fails, times out or answers
 * nonsense, the offline triager decides from retrieval alone. Never throws for model trouble.
 */
export async function runTriage(input: RunTriageInput): Promise<TriageResult> {
  const candidates = input.index.search(withoutLabels(input.text), { limit: input.candidates ?? 10 });
  const prompt = buildTriagePrompt({ conversation: input.text, candidates });
  // Everything the model receives: instruction, conversation and candidates, response schema.
  const sent = `${prompt.system}${prompt.user}${JSON.stringify(prompt.responseJsonSchema)}`;
  const promptStats = { chars: sent.length, estimatedTokens: estimateTokens(sent) };
  const offline = (why: OfflineReason, detail?: string): TriageResult => ({
    madeBy: detail === undefined ? { kind: 'offline', why } : { kind: 'offline', why, detail },
    ...offlineTriage({ text: input.text, candidates }),
    candidates,
    prompt: promptStats,
  });

  if (!input.model) return offline('not_configured');
  let raw: unknown;
  try {
    raw = await withTimeout(input.model.complete(prompt), input.timeoutMs);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return offline(isAppError(err) && err.code === 'upstream_timeout' ? 'timeout' : 'error', message);
  }
  if (raw === TIMED_OUT) return offline('timeout', `no answer within ${input.timeoutMs} ms`);
  const parsed = parseTriageAnswer(raw, prompt.candidateIds);
  if (!parsed.ok) return offline('invalid_answer', parsed.why);
  const { answer } = parsed;
  const suggested = answer.decision === 'existing' ? (candidates.find((c) => candidateIdOf(c.ticket) === answer.ticket_id) ?? null) : null;
  return {
    madeBy: { kind: 'gemini', model: input.model.name },
    decision: suggested ? 'existing' : 'new',
    suggested,
    reason: answer.reason,
    confidence: answer.confidence,
    draft: { title: answer.title, description: answer.summary },
    candidates,
    prompt: promptStats,
  };
}

/** The promise's value, or TIMED_OUT when it takes longer than `ms`; a late rejection is swallowed. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
