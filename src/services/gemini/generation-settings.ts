import { ThinkingLevel, type GenerateContentConfig } from '@google/genai';
import type { GeminiThinkingLevel } from '../../config/env-schema.js';

/**
 * Gemini 3 and later (`gemini-3.5-flash`, `models/gemini-3.1-pro-preview`, a future `gemini-4…`).
 * Anything else (2.x, aliases, other families) is called as before: a thinking level sent to a
 * model that does not know it is a 400.
 */
export function isGemini3OrLater(model: string): boolean {
  const family = /^(?:models\/)?gemini-(\d+)/.exec(model);
  return family !== null && Number(family[1]) >= 3;
}

/**
 * How the triage call is tuned per model family, as Google advises. Gemini 3 keeps its default
 * temperature (lower values can make it loop or reason worse) and thinks at the configured level
 * (low: the model thinks by default, and high thinking does not fit a panel's few seconds). Older
 * models keep temperature 0 and their own thinking defaults.
 */
export function generationSettings(model: string, thinkingLevel: GeminiThinkingLevel): Pick<GenerateContentConfig, 'temperature' | 'thinkingConfig'> {
  if (!isGemini3OrLater(model)) return { temperature: 0 };
  return { thinkingConfig: { thinkingLevel: SDK_LEVELS[thinkingLevel] } };
}

/** A level the model refuses (minimal on a Pro model, say) comes back as a 400 the doctor shows. */
const SDK_LEVELS: Record<GeminiThinkingLevel, ThinkingLevel> = {
  minimal: ThinkingLevel.MINIMAL,
  low: ThinkingLevel.LOW,
  medium: ThinkingLevel.MEDIUM,
  high: ThinkingLevel.HIGH,
};

/** For the doctor and the logs: "thinking level low" or "temperature 0". */
export function describeSettings(model: string, thinkingLevel: GeminiThinkingLevel): string {
  return isGemini3OrLater(model) ? `default temperature, thinking level ${thinkingLevel}` : 'temperature 0, the model\'s default thinking';
}
