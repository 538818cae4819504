import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/load-config.js';
import { probeTriage } from '../../src/setup/gemini-triage-probe.js';

const MODEL = 'gemini-3.5-flash';
const ENDPOINT = `https://gemini.test/v1beta/models/${MODEL}:generateContent`;
const gemini: Config['gemini'] & { apiKey: string } = { apiKey: 'AIza-test-key', model: MODEL, baseUrl: 'https://gemini.test', thinkingLevel: 'low' };

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const answer = { decision: 'existing', ticket_id: 'JMP-1', confidence: 0.9, reason: 'Same export timeout.', title: 'CSV export times out', summary: 'Large exports fail.' };
const modelText = (body: unknown) => HttpResponse.json({ candidates: [{ content: { role: 'model', parts: [{ text: JSON.stringify(body) }] }, finishReason: 'STOP' }] });

/** A clock that reads `elapsedMs` between the start and the end of the call: latency without timing the test. */
const clock = (elapsedMs: number) => {
  const readings = [0, elapsedMs];
  return () => readings.shift() ?? elapsedMs;
};

describe('the doctor triage call', () => {
  it('makes one real triage call, two candidates and all, and reports its latency against TRIAGE_TIMEOUT_MS', async () => {
    let sent: { contents: Array<{ parts: Array<{ text: string }> }>; generationConfig: Record<string, unknown> } | undefined;
    server.use(
      http.post(ENDPOINT, async ({ request }) => {
        sent = (await request.json()) as typeof sent;
        return modelText(answer);
      }),
    );
    const result = await probeTriage(gemini, 4000, clock(1000));
    expect(result).toEqual({
      status: 'ok',
      summary: 'answered in 1000 ms, 25% of TRIAGE_TIMEOUT_MS (4000 ms; default temperature, thinking level low); it answered "existing"',
      fixes: [],
    });
    expect(sent!.contents[0]!.parts[0]!.text).toContain('<ticket id="JMP-2"');
    expect(sent!.generationConfig).toMatchObject({ thinkingConfig: { thinkingLevel: 'LOW' }, responseMimeType: 'application/json' });
  });

  it('warns when the call takes more than 75% of TRIAGE_TIMEOUT_MS', async () => {
    server.use(http.post(ENDPOINT, () => modelText(answer)));
    const result = await probeTriage(gemini, 4000, clock(3200));
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('answered in 3200 ms, 80% of TRIAGE_TIMEOUT_MS (4000 ms');
    expect(result.fixes[0]).toContain('Raise TRIAGE_TIMEOUT_MS to about 6500 ms');
  });

  it('fails when the call does not answer within TRIAGE_TIMEOUT_MS', async () => {
    server.use(
      http.post(ENDPOINT, async () => {
        await delay(5_000);
        return modelText(answer);
      }),
    );
    const result = await probeTriage(gemini, 500);
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('no answer within TRIAGE_TIMEOUT_MS (500 ms; default temperature, thinking level low)');
  });

  it('fails on a thinking level the model refuses, naming the variable', async () => {
    server.use(
      http.post(ENDPOINT, () =>
        HttpResponse.json({ error: { code: 400, message: 'Thinking level MINIMAL is not supported for this model.', status: 'INVALID_ARGUMENT' } }, { status: 400 }),
      ),
    );
    const result = await probeTriage({ ...gemini, thinkingLevel: 'minimal' }, 4000);
    expect(result.status).toBe('fail');
    expect(result.summary).toContain('Thinking level MINIMAL is not supported');
    expect(result.fixes[0]).toContain('GEMINI_THINKING_LEVEL');
  });

  it('warns when the model answers out of shape: the offline triager would decide', async () => {
    server.use(http.post(ENDPOINT, () => modelText({ decision: 'perhaps' })));
    const result = await probeTriage(gemini, 4000, clock(900));
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('the offline triager would decide');
  });
});
