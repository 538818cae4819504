import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTriage } from '../../src/domain/triage/run-triage.js';
import { TicketIndex } from '../../src/domain/triage/ticket-index.js';
import { createLogger } from '../../src/observability/logger.js';
import { createGeminiTriageModel } from '../../src/services/gemini/gemini-triage-model.js';
import { makeTicket } from '../../test/unit/triage/make-ticket.js';
import { duplicatePrompt } from '../naive/naive-prompt.js';
import { MODEL_ANSWER, startFakeGemini } from '../lib/fake-gemini.js';

/** The fake model stands in for Gemini: the app's own SDK client must talk to it unchanged. */
describe('the fake Gemini server', () => {
  let gemini: Awaited<ReturnType<typeof startFakeGemini>>;
  const model = () =>
    createGeminiTriageModel({
      apiKey: 'test-key',
      model: 'gemini-3.5-flash',
      baseUrl: gemini.baseUrl,
      timeoutMs: 5000,
      logger: createLogger({ level: 'silent' }),
    });

  beforeEach(async () => {
    gemini = await startFakeGemini();
  });
  afterEach(async () => {
    await gemini.close();
  });

  it('answers the app triage call with a valid "new" decision from Gemini', async () => {
    const index = new TicketIndex();
    index.upsert([makeTicket({ title: 'CSV export times out for large workspaces', description: 'Exports over 100k rows fail.' })]);
    const result = await runTriage({ text: 'Customer: our CSV export times out every time.', index, model: model(), timeoutMs: 5000 });
    expect(result.madeBy).toEqual({ kind: 'gemini', model: 'gemini-3.5-flash' });
    expect(result.decision).toBe('new');
    expect(result.draft.title).toBe(MODEL_ANSWER.title);
  });

  it('measures the prompt exactly as the app counts it: instruction, conversation and candidates, schema', async () => {
    const index = new TicketIndex();
    index.upsert(Array.from({ length: 30 }, (_, i) => makeTicket({ title: `Login fails with SSO error ${i}`, description: 'Users loop back.' })));
    const result = await runTriage({ text: 'Customer: SSO login fails with an error.', index, model: model(), timeoutMs: 5000 });
    expect(gemini.requests).toHaveLength(1);
    expect(gemini.requests[0]!.chars).toBe(result.prompt.chars);
    expect(gemini.requests[0]!.tokens).toBe(result.prompt.estimatedTokens);
  });

  it('sees the naive prompt grow with every ticket title', async () => {
    const tickets = Array.from({ length: 500 }, (_, i) => makeTicket({ title: `Ticket number ${i} about something` }));
    const prompt = duplicatePrompt(tickets, 'Customer: something broke.');
    await model().complete(prompt);
    expect(gemini.requests[0]!.chars).toBe(prompt.system.length + prompt.user.length + JSON.stringify(prompt.responseJsonSchema).length);
    expect(prompt.user).toContain(`${tickets[499]!.ticketId}: Ticket number 499 about something`);
    expect(gemini.requests[0]!.chars).toBeGreaterThan(500 * 'JMP-1: Ticket number 1 about something'.length);
  });
});
