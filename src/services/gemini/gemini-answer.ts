import type { GenerateContentResponse } from '@google/genai';
import { AppError } from '../../errors.js';

/** The model's JSON, parsed; an empty, blocked or non-JSON answer is a refusal the caller can fall back from. */
export function parseModelJson(response: GenerateContentResponse): unknown {
  const text = response.text;
  const finish = response.candidates?.[0]?.finishReason;
  if (text === undefined || text.trim() === '') {
    const reason = response.promptFeedback?.blockReason ?? finish ?? 'no candidates';
    throw refusal(`Gemini returned no text (${reason})`, reason);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // MAX_TOKENS cuts the JSON short; say so, it is the usual reason.
    throw refusal(`Gemini returned text that is not JSON${finish && finish !== 'STOP' ? ` (finish reason ${finish})` : ''}`, finish ?? null);
  }
}

function refusal(message: string, reason: string | null): AppError {
  return new AppError('upstream_rejected', 502, message, { details: { service: 'gemini', reason } });
}
