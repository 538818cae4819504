import type { Config } from '../config/load-config.js';
import { parseTriageAnswer } from '../domain/triage/answer.js';
import { buildTriagePrompt } from '../domain/triage/prompt.js';
import type { Candidate } from '../domain/triage/ticket-index.js';
import type { Ticket } from '../domain/ticket.js';
import { createGeminiTriageModel } from '../services/gemini/gemini-triage-model.js';
import { describeSettings } from '../services/gemini/generation-settings.js';
import { callFailure, failedCall } from './call-failure.js';
import { fail, ok, warn, type CheckResult } from './checks.js';
import { quietLogger } from './service-call.js';

/** Above this share of TRIAGE_TIMEOUT_MS a slower day makes suggestions fall back to the offline triager. */
export const SLOW_SHARE = 0.75;

const BASE_URL = 'GEMINI_API_BASE_URL';

/** A short conversation and two candidates, one of them the same issue: the size of a small real call. */
const CONVERSATION = `Subject: CSV export never finishes
Customer: Hi, exporting our contacts to CSV spins forever and then shows "Export failed (504)". We have about 180,000 contacts. Smaller segments export fine.
Teammate: Thanks, I can reproduce it with the full list.`;

const CANDIDATES: Candidate[] = [
  candidate('JMP-1', 'CSV export times out over 100k rows', 'Exports of more than 100,000 rows fail with a 504 after 60 seconds; smaller exports work.'),
  candidate('JMP-2', 'Dark mode chart labels are unreadable', 'In dark mode the axis labels of the reports charts are dark grey on black.'),
];

/**
 * One real triage call, as the app makes it (same model, settings, prompt and budget), timed
 * against TRIAGE_TIMEOUT_MS: the only way to know whether suggestions will come from Gemini or
 * quietly from the offline triager. `now` is the clock (tests pass their own).
 */
export async function probeTriage(gemini: Config['gemini'] & { apiKey: string }, timeoutMs: number, now: () => number = () => performance.now()): Promise<CheckResult> {
  const model = createGeminiTriageModel({
    apiKey: gemini.apiKey,
    model: gemini.model,
    thinkingLevel: gemini.thinkingLevel,
    baseUrl: gemini.baseUrl,
    timeoutMs,
    logger: quietLogger,
  });
  const prompt = buildTriagePrompt({ conversation: CONVERSATION, candidates: CANDIDATES });
  const settings = describeSettings(gemini.model, gemini.thinkingLevel);
  const started = now();
  let raw: unknown;
  try {
    raw = await model.complete(prompt);
  } catch (err) {
    const failure = callFailure(err);
    if (failure.kind === 'timeout') {
      return fail(
        `no answer within TRIAGE_TIMEOUT_MS (${timeoutMs} ms; ${settings}): suggestions would come from the offline triager`,
        'Raise TRIAGE_TIMEOUT_MS, lower GEMINI_THINKING_LEVEL (Gemini 3 models) or choose a faster GEMINI_MODEL, then run the doctor again.',
      );
    }
    if (failure.kind === 'rejected') {
      return fail(
        `Gemini refused the triage request (${failure.message})`,
        'If it names the thinking level, set GEMINI_THINKING_LEVEL to one this model accepts (Pro models: low or high).',
      );
    }
    return failedCall(err, 'Gemini', BASE_URL);
  }
  const latencyMs = Math.round(now() - started);
  const timing = `answered in ${latencyMs} ms, ${Math.round((latencyMs / timeoutMs) * 100)}% of TRIAGE_TIMEOUT_MS (${timeoutMs} ms; ${settings})`;
  const parsed = parseTriageAnswer(raw, prompt.candidateIds);
  if (!parsed.ok) {
    return warn(`${timing}, but not in the expected shape (${parsed.why}): the offline triager would decide`, 'Choose a GEMINI_MODEL that supports JSON-schema output.');
  }
  if (latencyMs > SLOW_SHARE * timeoutMs) {
    return warn(
      `${timing}: close to the limit, so slower calls will fall back to the offline triager`,
      `Raise TRIAGE_TIMEOUT_MS to about ${Math.ceil((latencyMs * 2) / 500) * 500} ms, or lower GEMINI_THINKING_LEVEL / choose a faster GEMINI_MODEL.`,
    );
  }
  return ok(`${timing}; it answered "${parsed.answer.decision}"`);
}

function candidate(ticketId: string, title: string, description: string): Candidate {
  const ticket: Ticket = {
    pageId: `00000000-0000-4000-8000-00000000000${ticketId.slice(-1)}`,
    ticketId,
    title,
    description,
    status: 'In progress',
    done: false,
    conversationIds: [],
    customerReports: '',
    slackChannelId: null,
    slackChannelUrl: null,
    url: '',
    resolutionNotifiedAt: null,
    createdTime: '2026-01-01T00:00:00.000Z',
    lastEditedTime: '2026-01-01T00:00:00.000Z',
  };
  return { ticket, score: 1, similarity: 0.5, terms: [] };
}
