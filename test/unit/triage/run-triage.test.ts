import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import type { TriageModel } from '../../../src/ports.js';
import { runTriage } from '../../../src/domain/triage/run-triage.js';
import { TicketIndex } from '../../../src/domain/triage/ticket-index.js';
import type { TriagePrompt } from '../../../src/domain/triage/types.js';
import { makeTicket } from './make-ticket.js';

const loop = makeTicket({ ticketId: 'JMP-1', title: 'SAML SSO login loops back to the sign-in page with Okta', description: 'Users are sent back to /login.' });
const expiry = makeTicket({ ticketId: 'JMP-2', title: 'SAML signing certificate expiry breaks SSO', description: 'Invalid signature after the IdP certificate expires.' });
const csv = makeTicket({ ticketId: 'JMP-3', title: 'CSV export garbles accents', description: 'Mojibake in Excel.' });
const text = 'Subject: Cannot log in\nCustomer: Hi, after the Okta SAML login we land back on the sign-in page, in a loop.';

function index(): TicketIndex {
  const i = new TicketIndex();
  i.upsert([loop, expiry, csv]);
  return i;
}

function model(complete: (prompt: TriagePrompt) => Promise<unknown>): TriageModel & { prompts: TriagePrompt[] } {
  const prompts: TriagePrompt[] = [];
  return {
    name: 'gemini-test',
    prompts,
    complete: (prompt) => {
      prompts.push(prompt);
      return complete(prompt);
    },
  };
}

const answer = (fields: Record<string, unknown> = {}) => ({
  title: 'SAML login loop after Okta sign-in',
  summary: 'After signing in with Okta, users return to the sign-in page.',
  reason: 'Same loop as JMP-1.',
  decision: 'existing',
  ticket_id: 'JMP-1',
  confidence: 0.85,
  ...fields,
});

describe('runTriage', () => {
  it('decides offline when no model is configured', async () => {
    const result = await runTriage({ text, index: index(), model: null, timeoutMs: 1000 });
    expect(result.madeBy).toEqual({ kind: 'offline', why: 'not_configured' });
    expect(result.candidates[0]?.ticket).toBe(loop);
    expect(result.draft.title).toBe('Cannot log in');
    expect(result.prompt.chars).toBeGreaterThan(1000);
    expect(result.prompt.estimatedTokens).toBe(Math.ceil(result.prompt.chars / 4));
    expect(result.modelCall).toBeNull();
  });

  it("uses the model's answer when it names one of the candidates", async () => {
    const fake = model(async () => answer());
    const result = await runTriage({ text, index: index(), model: fake, timeoutMs: 1000 });
    expect(result.madeBy).toEqual({ kind: 'gemini', model: 'gemini-test' });
    expect(result.modelCall).toEqual({ model: 'gemini-test', latencyMs: expect.any(Number) });
    expect(result.decision).toBe('existing');
    expect(result.suggested?.ticket).toBe(loop);
    expect(result.reason).toBe('Same loop as JMP-1.');
    expect(result.confidence).toBe(0.85);
    expect(result.draft).toEqual({ title: 'SAML login loop after Okta sign-in', description: 'After signing in with Okta, users return to the sign-in page.' });
    expect(fake.prompts).toHaveLength(1);
    expect(fake.prompts[0]!.candidateIds).toEqual(result.candidates.map((c) => c.ticket.ticketId));
    expect(fake.prompts[0]!.user).toContain('<conversation>\nSubject: Cannot log in');
  });

  it('can pick a candidate other than the best keyword match', async () => {
    const result = await runTriage({ text, index: index(), model: model(async () => answer({ ticket_id: 'JMP-2' })), timeoutMs: 1000 });
    expect(result.suggested?.ticket).toBe(expiry);
  });

  it('uses the model\'s "new" with its drafted title', async () => {
    const result = await runTriage({
      text,
      index: index(),
      model: model(async () => answer({ decision: 'new', ticket_id: null, title: 'Okta loop on new domain' })),
      timeoutMs: 1000,
    });
    expect(result).toMatchObject({ decision: 'new', suggested: null, madeBy: { kind: 'gemini' } });
    expect(result.draft.title).toBe('Okta loop on new domain');
  });

  it('falls back to the offline triager when the model throws', async () => {
    const result = await runTriage({ text, index: index(), model: model(async () => Promise.reject(new Error('quota exceeded'))), timeoutMs: 1000 });
    expect(result.madeBy).toEqual({ kind: 'offline', why: 'error', detail: 'quota exceeded' });
    expect(result.candidates[0]?.ticket).toBe(loop);
  });

  it("reports the model's own timeout error as a timeout", async () => {
    const failing = model(async () => Promise.reject(new AppError('upstream_timeout', 504, 'Gemini did not answer')));
    const result = await runTriage({ text, index: index(), model: failing, timeoutMs: 1000 });
    expect(result.madeBy).toMatchObject({ kind: 'offline', why: 'timeout' });
  });

  it('abandons a model that hangs and decides offline', async () => {
    const result = await runTriage({ text, index: index(), model: model(() => new Promise(() => undefined)), timeoutMs: 20 });
    expect(result.madeBy).toEqual({ kind: 'offline', why: 'timeout', detail: 'no answer within 20 ms' });
    // The call was made: its time counts in the model's latency.
    expect(result.modelCall).toEqual({ model: 'gemini-test', latencyMs: expect.any(Number) });
    expect(result.draft.title).toBe('Cannot log in');
  });

  it('ignores a late failure of an abandoned model call', async () => {
    let reject: (err: Error) => void = () => undefined;
    const result = await runTriage({ text, index: index(), model: model(() => new Promise((_, r) => (reject = r))), timeoutMs: 10 });
    reject(new Error('late'));
    await new Promise((r) => setImmediate(r));
    expect(result.madeBy).toMatchObject({ why: 'timeout' });
  });

  it('falls back when the model returns junk', async () => {
    const result = await runTriage({ text, index: index(), model: model(async () => 'I think it is JMP-1'), timeoutMs: 1000 });
    expect(result.madeBy).toMatchObject({ kind: 'offline', why: 'invalid_answer', detail: expect.stringContaining('not a triage answer') });
  });

  it('falls back when the model picks a ticket that is not a candidate', async () => {
    const result = await runTriage({ text, index: index(), model: model(async () => answer({ ticket_id: 'JMP-404' })), timeoutMs: 1000 });
    expect(result.madeBy).toEqual({ kind: 'offline', why: 'invalid_answer', detail: 'ticket_id JMP-404 is not one of the candidates' });
    expect(result.suggested?.ticket.ticketId).not.toBe('JMP-404');
  });

  it('retrieves as many candidates as asked', async () => {
    const result = await runTriage({ text, index: index(), model: null, timeoutMs: 1000, candidates: 1 });
    expect(result.candidates).toHaveLength(1);
  });

  it('does not let the "Customer:" labels count as words of the conversation', async () => {
    const labelled = new TicketIndex();
    const customerTicket = makeTicket({ title: 'Customer portal', description: 'Customer subject teammate note' });
    labelled.upsert([customerTicket]);
    const result = await runTriage({ text: 'Subject: Hello\nCustomer: Webhooks\nTeammate note: Ok', index: labelled, model: null, timeoutMs: 1000 });
    expect(result.candidates).toEqual([]);
  });
});
