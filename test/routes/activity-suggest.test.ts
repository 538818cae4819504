import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationRecord } from '../../src/observability/activity.js';
import type { TriageSummary } from '../../src/observability/triage-summary.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

const GEMINI = 'https://gemini.test';
const MODEL = 'gemini-3.5-flash';

/** How the stand-in Gemini answers the next triage calls, in turn. */
const answers: Array<'new' | 'unavailable' | 'nonsense'> = [];

const gemini = setupServer(
  http.post(`${GEMINI}/v1beta/models/${MODEL}:generateContent`, () => {
    const next = answers.shift() ?? 'new';
    if (next === 'unavailable') {
      return HttpResponse.json({ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }, { status: 503 });
    }
    const answer =
      next === 'new'
        ? { decision: 'new', ticket_id: null, confidence: 0.9, reason: 'No candidate is this issue.', title: 'Webhook signatures fail after rotation', summary: 'Signatures fail.' }
        : { decision: 'maybe' };
    return HttpResponse.json({ candidates: [{ content: { role: 'model', parts: [{ text: JSON.stringify(answer) }] }, finishReason: 'STOP' }] });
  }),
);

describe('GET /activity?kind=suggest: who decided the suggestions', () => {
  let sandbox: TestSandbox;
  const get = (path: string, accept = 'application/json') =>
    fetch(sandbox.url + path, { headers: { authorization: `Bearer ${SANDBOX.apiToken}`, accept } });

  beforeAll(async () => {
    // Only Gemini is stood in for; the sandbox's own fakes are reached for real.
    gemini.listen({ onUnhandledRequest: 'bypass' });
    sandbox = await startTestSandbox({ env: { GOOGLE_GEMINI_API_KEY: 'AIza-test-key', GEMINI_MODEL: MODEL, GEMINI_API_BASE_URL: GEMINI } });
    answers.push('new', 'unavailable', 'unavailable', 'nonsense');
    for (let i = 0; i < 3; i++) {
      const panel = await sandbox.canvas.initialize(CONVERSATION.webhookSecret);
      await sandbox.canvas.submit(CONVERSATION.webhookSecret, 'find_or_create', panel);
    }
  });
  afterAll(async () => {
    await sandbox.close();
    gemini.close();
  });

  it('records on each suggestion who decided, the model, its latency and the fallback reason', async () => {
    const res = await get('/activity?kind=suggest');
    expect(res.status).toBe(200);
    const { operations } = (await res.json()) as { operations: OperationRecord[] };
    const [nonsense, unavailable, answered] = operations.map((o) => o.triage);
    expect(answered).toMatchObject({ decidedBy: 'gemini', model: MODEL, fallback: null, decision: 'new' });
    expect(unavailable).toMatchObject({ decidedBy: 'offline', model: MODEL, fallback: 'error' });
    expect(nonsense).toMatchObject({ decidedBy: 'offline', model: MODEL, fallback: 'invalid_answer' });
    for (const triage of [answered, unavailable, nonsense]) expect(triage!.latencyMs).toEqual(expect.any(Number));
  });

  it('summarises the share of Gemini and offline decisions, the fallback reasons and the model latency', async () => {
    const { summary } = (await (await get('/activity?kind=suggest')).json()) as { summary: TriageSummary };
    expect(summary).toMatchObject({ suggestions: 3, window: 300 });
    expect(summary.decidedBy).toEqual({ gemini: { count: 1, share: 0.333 }, offline: { count: 2, share: 0.667 } });
    expect(summary.fallbacks.map((f) => `${f.reason}:${f.count}`)).toEqual(['error:1', 'invalid_answer:1']);
    expect(summary.geminiLatencyMs.calls).toBe(3);
    expect(summary.geminiLatencyMs.p95).toBeGreaterThanOrEqual(summary.geminiLatencyMs.p50!);
  });

  it('shows the summary and each decision in the HTML page', async () => {
    const body = await (await get('/activity?kind=suggest', 'text/html')).text();
    expect(body).toContain('Gemini decided 1 (33.3%), the offline triager 2 (66.7%)');
    expect(body).toContain('invalid_answer × 1');
    expect(body).toContain(`new, decided by Gemini · ${MODEL}`);
  });

  it('logs who decided each suggestion', () => {
    const lines = sandbox.logs.map((l) => JSON.parse(l) as { msg?: string; triage?: Record<string, unknown> }).filter((l) => l.msg === 'suggestion made');
    expect(lines.map((l) => [l.triage!.decided_by, l.triage!.fallback])).toEqual([
      ['gemini', null],
      ['offline', 'error'],
      ['offline', 'invalid_answer'],
    ]);
    expect(lines[0]!.triage).toMatchObject({ model: MODEL, latency_ms: expect.any(Number) });
  });

  it('answers an unknown kind with a 400 naming the kinds it knows', async () => {
    const res = await get('/activity?kind=suggestion');
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string } };
    for (const kind of ['suggest', 'create', 'link', 'unlink', 'done', 'sweep']) expect(error.message).toContain(`"${kind}"`);
  });
});
