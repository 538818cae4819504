import type { TriageModel } from '../../ports.js';
import { isAppError } from '../../errors.js';
import { conversationSections } from '../conversation-text.js';
import { parseTriageAnswer } from './answer.js';
import type { TicketDraft } from './draft.js';
import type { Language } from './languages.js';
import { estimateTokens } from './estimate-tokens.js';
import { type Decision, offlineTriage } from './offline-triager.js';
import { buildTriagePrompt, candidateIdOf } from './prompt.js';
import type { Candidate, TicketIndex } from './ticket-index.js';

export type OfflineReason = 'not_configured' | 'timeout' | 'error' | 'invalid_answer';

export type TriageMadeBy =
  | { kind: 'gemini'; model: string }
  /** `detail` says what went wrong with the model (for logs), absent when none is configured. */
  | { kind: 'offline'; why: OfflineReason; detail?: string };

export interface TriageResult {
  madeBy: TriageMadeBy;
  /** "uncertain": the agent is asked to choose among the first candidates (or create a new ticket). */
  decision: Decision;
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
  /** The model call, when one was made: which model, and how long it took whether it answered or not. */
  modelCall: { model: string; latencyMs: number } | null;
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
  /** Tickets never suggested (page ids): those the conversation is already linked to. */
  exclude?: ReadonlySet<string>;
  /** The ticket database's language (TICKET_LANGUAGE): an offline draft in another is flagged. */
  ticketLanguage?: Language;
}

/**
 * Below this the model's "existing" is a guess: the agent is asked instead. The model's confidence
 * is its own estimate, not calibrated; this only keeps its hesitant answers from linking.
 */
export const MODEL_CONFIDENT = 0.7;

/** How many candidates an agent (or the API's answer) is shown when the triage is unsure. */
export const SHOWN_WHEN_UNSURE = 3;

const TIMED_OUT = Symbol('timed out');

/**
 * Retrieve candidates, then let the model decide (one call, bounded by timeoutMs) and check its
 * answer against the candidates; without a model, or when the call fails, times out or answers
 * nonsense, the offline triager decides from retrieval alone. Never throws for model trouble.
 */
export async function runTriage(input: RunTriageInput): Promise<TriageResult> {
  // The customer's words (and the subject) lead; teammates' replies and notes count for less.
  const sections = conversationSections(input.text);
  const candidates = input.index.search([sections.subject ?? '', ...sections.customer].join('\n'), {
    limit: input.candidates ?? 10,
    secondary: sections.teammates.join('\n'),
    ...(input.exclude ? { exclude: input.exclude } : {}),
  });
  const prompt = buildTriagePrompt({ conversation: input.text, candidates });
  // Everything the model receives: instruction, conversation and candidates, response schema.
  const sent = `${prompt.system}${prompt.user}${JSON.stringify(prompt.responseJsonSchema)}`;
  const promptStats = { chars: sent.length, estimatedTokens: estimateTokens(sent) };
  const offline = (why: OfflineReason, modelCall: TriageResult['modelCall'], detail?: string): TriageResult => ({
    madeBy: detail === undefined ? { kind: 'offline', why } : { kind: 'offline', why, detail },
    ...offlineTriage({ text: input.text, candidates, ...(input.ticketLanguage ? { ticketLanguage: input.ticketLanguage } : {}) }),
    candidates,
    prompt: promptStats,
    modelCall,
  });

  if (!input.model) return offline('not_configured', null);
  const { model } = input;
  const started = performance.now();
  const call = () => ({ model: model.name, latencyMs: Math.round(performance.now() - started) });
  let raw: unknown;
  try {
    raw = await withTimeout(model.complete(prompt), input.timeoutMs);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return offline(isAppError(err) && err.code === 'upstream_timeout' ? 'timeout' : 'error', call(), message);
  }
  const modelCall = call();
  if (raw === TIMED_OUT) return offline('timeout', modelCall, `no answer within ${input.timeoutMs} ms`);
  const parsed = parseTriageAnswer(raw, prompt.candidateIds);
  if (!parsed.ok) return offline('invalid_answer', modelCall, parsed.why);
  const { answer } = parsed;
  const picked = answer.decision === 'existing' ? (candidates.find((c) => candidateIdOf(c.ticket) === answer.ticket_id) ?? null) : null;
  const confident = answer.confidence >= MODEL_CONFIDENT;
  const decision: Decision = picked ? (confident ? 'existing' : 'uncertain') : 'new';
  return {
    madeBy: { kind: 'gemini', model: model.name },
    decision,
    suggested: decision === 'existing' ? picked : null,
    reason: answer.reason,
    confidence: answer.confidence,
    draft: { title: answer.title, description: answer.summary },
    // A hesitant pick is still the model's best guess: it leads the few the agent is shown.
    candidates: decision === 'uncertain' && picked ? [picked, ...candidates.filter((c) => c !== picked)] : candidates,
    prompt: promptStats,
    modelCall,
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
