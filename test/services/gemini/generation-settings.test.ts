import { ThinkingLevel } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { GEMINI_THINKING_LEVELS } from '../../../src/config/env-schema.js';
import { generationSettings, isGemini3OrLater } from '../../../src/services/gemini/generation-settings.js';

describe('generation settings per model family', () => {
  it('accepts exactly the thinking levels the installed SDK knows', () => {
    const sdk = Object.values(ThinkingLevel)
      .filter((level) => level !== ThinkingLevel.THINKING_LEVEL_UNSPECIFIED)
      .map((level) => level.toLowerCase());
    expect([...GEMINI_THINKING_LEVELS].sort()).toEqual(sdk.sort());
  });

  it.each(['gemini-3.5-flash', 'gemini-3-flash-preview', 'models/gemini-3.1-pro-preview', 'gemini-4-flash'])('treats %s as Gemini 3 or later', (model) => {
    expect(isGemini3OrLater(model)).toBe(true);
  });

  it.each(['gemini-2.5-flash', 'gemini-2.0-flash-lite', 'gemini-flash-latest', 'gemma-3-27b-it', 'custom-model'])('calls %s as before', (model) => {
    expect(isGemini3OrLater(model)).toBe(false);
    expect(generationSettings(model, 'high')).toEqual({ temperature: 0 });
  });

  it('gives Gemini 3 its default temperature and the configured thinking level', () => {
    expect(generationSettings('gemini-3.5-flash', 'medium')).toEqual({ thinkingConfig: { thinkingLevel: ThinkingLevel.MEDIUM } });
  });
});
