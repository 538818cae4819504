import { HINTS } from '../config/env-schema.js';
import type { Config } from '../config/load-config.js';
import { createGeminiClient } from '../services/gemini/gemini-client.js';
import { classifyGeminiError } from '../services/gemini/gemini-errors.js';
import { callFailure, failedCall } from './call-failure.js';
import { fail, ok, skip, type CheckGroup } from './checks.js';
import { probeTriage } from './gemini-triage-probe.js';
import { ONCE, serviceCall } from './service-call.js';

const BASE_URL = 'GEMINI_API_BASE_URL';

/**
 * The key and the model, then one real triage call timed against TRIAGE_TIMEOUT_MS, when a key is
 * set; without one the offline triager decides.
 */
export function geminiChecks(config: Config, timeoutMs: number): CheckGroup {
  const { apiKey, model, baseUrl } = config.gemini;
  const title = 'API key and model (GOOGLE_GEMINI_API_KEY, GEMINI_MODEL)';
  if (!apiKey) {
    return {
      name: 'Gemini',
      checks: [{ id: 'gemini.model', title, run: async () => skip('no key set: the offline triager decides (optional)') }],
    };
  }
  const ai = createGeminiClient({ apiKey, baseUrl, timeoutMs });
  return {
    name: 'Gemini',
    checks: [
      {
        id: 'gemini.model',
        title,
        uses: ['GOOGLE_GEMINI_API_KEY', 'GEMINI_MODEL', BASE_URL],
        async run() {
          try {
            const found = await serviceCall('gemini', 'models.get', ONCE, classifyGeminiError, () => ai.models.get({ model }));
            return ok(`the key works and the model ${model} exists${found.displayName ? ` (${found.displayName})` : ''}`);
          } catch (err) {
            const failure = callFailure(err);
            if (failure.kind === 'auth') {
              return fail(`Gemini refused the key (${failure.message})`, `Set GOOGLE_GEMINI_API_KEY to ${HINTS.GOOGLE_GEMINI_API_KEY}, or unset it to use the offline triager.`);
            }
            if (failure.kind === 'not_found') {
              return fail(
                `there is no model ${model} (or the key may not use it)`,
                'Set GEMINI_MODEL to a model listed at ai.google.dev/gemini-api/docs/models that supports generateContent.',
              );
            }
            return failedCall(err, 'Gemini', BASE_URL);
          }
        },
      },
      {
        id: 'gemini.triage',
        title: 'One triage call (TRIAGE_TIMEOUT_MS)',
        uses: ['GOOGLE_GEMINI_API_KEY', 'GEMINI_MODEL', 'GEMINI_THINKING_LEVEL', 'TRIAGE_TIMEOUT_MS', BASE_URL],
        needs: 'gemini.model',
        // The call has TRIAGE_TIMEOUT_MS of its own; the doctor's limit must not cut it short.
        timeoutMs: config.triage.timeoutMs + 2_000,
        run: () => probeTriage({ ...config.gemini, apiKey }, config.triage.timeoutMs),
      },
    ],
  };
}
