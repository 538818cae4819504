import { GoogleGenAI } from '@google/genai';
import { createServiceFetch, type RequestEvent } from '../http/service-fetch.js';

/**
 * The Gemini client every caller uses: the Gemini API (never Vertex, whatever the environment
 * says), our fetch with its per-attempt timeout, and no SDK retries (externalCall owns the policy).
 */
export function createGeminiClient(o: {
  apiKey: string;
  baseUrl?: string | null;
  timeoutMs: number;
  onRequest?: (e: RequestEvent) => void;
}): GoogleGenAI {
  return new GoogleGenAI({
    apiKey: o.apiKey,
    vertexai: false,
    httpOptions: {
      ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}),
      timeout: o.timeoutMs + 1_000,
      fetch: createServiceFetch({ service: 'gemini', timeoutMs: o.timeoutMs, onRequest: o.onRequest }),
    },
  });
}
