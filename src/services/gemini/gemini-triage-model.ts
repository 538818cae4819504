import { GoogleGenAI } from '@google/genai';
import type { TriagePrompt } from '../../domain/triage/types.js';
import { currentContext, runWithContext } from '../../observability/context.js';
import type { Logger } from '../../observability/logger.js';
import type { TriageModel } from '../../ports.js';
import { externalCall, type RetryPolicy } from '../http/external-call.js';
import { createServiceFetch, type RequestEvent } from '../http/service-fetch.js';
import { parseModelJson } from './gemini-answer.js';
import { classifyGeminiError } from './gemini-errors.js';

export interface GeminiTriageModelOptions {
  apiKey: string;
  model: string;
  baseUrl?: string | null;
  /** The whole budget of one complete() call, retry included. */
  timeoutMs: number;
  logger: Logger;
  onRequest?: (e: RequestEvent) => void;
}

/**
 * One retry at most: triage has a few seconds and falls back to the offline triager on any
 * failure, so waiting long for a busy model helps nobody.
 */
const TRIAGE_POLICY: RetryPolicy = { attempts: 2, idempotent: true, baseDelayMs: 300, maxDelayMs: 1_000 };

export function createGeminiTriageModel(o: GeminiTriageModelOptions): TriageModel {
  const ai = new GoogleGenAI({
    apiKey: o.apiKey,
    // Explicit, so GOOGLE_GENAI_USE_VERTEXAI in the environment cannot redirect the calls.
    vertexai: false,
    httpOptions: {
      ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}),
      // No retryOptions: the SDK makes one attempt and externalCall owns the policy.
      timeout: o.timeoutMs + 1_000,
      fetch: createServiceFetch({ service: 'gemini', timeoutMs: o.timeoutMs, onRequest: o.onRequest }),
    },
  });

  return {
    name: o.model,

    async complete(prompt: TriagePrompt) {
      const budgetEnd = Date.now() + o.timeoutMs;
      const { deadline } = currentContext();
      const response = await runWithContext({ deadline: deadline === null ? budgetEnd : Math.min(deadline, budgetEnd) }, () =>
        externalCall(
          { service: 'gemini', method: 'models.generateContent', policy: TRIAGE_POLICY, classify: classifyGeminiError, logger: o.logger },
          () =>
            ai.models.generateContent({
              model: o.model,
              contents: prompt.user,
              config: {
                systemInstruction: prompt.system,
                temperature: 0,
                responseMimeType: 'application/json',
                responseJsonSchema: prompt.responseJsonSchema,
                // A retry gets only what is left of the budget.
                abortSignal: AbortSignal.timeout(Math.max(1, budgetEnd - Date.now())),
              },
            }),
        ),
      );
      return parseModelJson(response);
    },
  };
}
