import type { GeminiThinkingLevel } from '../../config/env-schema.js';
import type { TriagePrompt } from '../../domain/triage/types.js';
import { currentContext, runWithContext } from '../../observability/context.js';
import type { Logger } from '../../observability/logger.js';
import type { TriageModel } from '../../ports.js';
import { externalCall, type RetryPolicy } from '../http/external-call.js';
import type { RequestEvent } from '../http/service-fetch.js';
import { createGeminiClient } from './gemini-client.js';
import { parseModelJson } from './gemini-answer.js';
import { classifyGeminiError } from './gemini-errors.js';
import { generationSettings } from './generation-settings.js';

export interface GeminiTriageModelOptions {
  apiKey: string;
  model: string;
  /** Used by Gemini 3 models only (default low). */
  thinkingLevel?: GeminiThinkingLevel;
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
  const ai = createGeminiClient(o);
  const settings = generationSettings(o.model, o.thinkingLevel ?? 'low');

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
                ...settings,
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
