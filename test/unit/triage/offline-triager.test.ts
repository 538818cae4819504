import { describe, expect, it } from 'vitest';
import { OFFLINE_THRESHOLDS, offlineTriage } from '../../../src/domain/triage/offline-triager.js';
import type { Candidate } from '../../../src/domain/triage/ticket-index.js';
import { makeTicket } from './make-ticket.js';

const text = 'Customer: Hi team, our Okta SAML login loops back to the sign-in page.';

function candidate(ticketId: string, similarity: number, terms: string[] = []): Candidate {
  return {
    ticket: makeTicket({ ticketId, title: 'SAML SSO login loops with Okta', description: 'Users are sent back to the sign-in page.' }),
    score: 10 * similarity,
    similarity,
    terms,
  };
}

describe('offlineTriage', () => {
  it('says "existing" when the best candidate is similar enough and clearly ahead, naming the shared words', () => {
    const best = candidate('JMP-12', 0.6, ['okta', 'loop', 'saml']);
    const result = offlineTriage({ text, candidates: [best, candidate('JMP-3', 0.2)] });
    expect(result.decision).toBe('existing');
    expect(result.suggested).toBe(best);
    expect(result.reason).toBe('Same words as JMP-12: okta, loops, saml (similarity 0.60).');
    expect(result.confidence).toBeGreaterThan(0.5);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('decides on the most similar candidate even when the index ranked another first', () => {
    // An open ticket ranked first (open tickets lead) and a clearly closer Done one behind it.
    const open = candidate('JMP-1', 0.5);
    const closer = candidate('JMP-2', 0.9);
    const result = offlineTriage({ text, candidates: [open, closer] });
    expect(result.decision).toBe('existing');
    expect(result.suggested).toBe(closer);
  });

  it('says "new" when even the best candidate is below the lower threshold', () => {
    const result = offlineTriage({ text, candidates: [candidate('JMP-12', OFFLINE_THRESHOLDS.newBelow - 0.01)] });
    expect(result.decision).toBe('new');
    expect(result.suggested).toBeNull();
    expect(result.reason).toMatch(/^Closest is JMP-12 \(similarity 0\.\d\d\), too different/);
  });

  it('is unsure between the two thresholds: it asks rather than links', () => {
    const between = (OFFLINE_THRESHOLDS.newBelow + OFFLINE_THRESHOLDS.existing) / 2;
    const result = offlineTriage({ text, candidates: [candidate('JMP-12', between), candidate('JMP-13', 0.01)] });
    expect(result).toMatchObject({ decision: 'uncertain', suggested: null });
    expect(result.reason).toMatch(/^Closest is JMP-12 .*not clear enough/);
  });

  it('is unsure when two candidates match about equally, however high', () => {
    const high = OFFLINE_THRESHOLDS.existing + 0.2;
    const result = offlineTriage({ text, candidates: [candidate('JMP-12', high), candidate('JMP-13', high - OFFLINE_THRESHOLDS.margin / 2)] });
    expect(result.decision).toBe('uncertain');
    expect(result.reason).toMatch(/JMP-12 and JMP-13 match about equally/);
    expect(result.confidence).toBe(0.5);
  });

  it('compares with the most similar of the others, not just the second in rank', () => {
    const high = OFFLINE_THRESHOLDS.existing + 0.2;
    const result = offlineTriage({ text, candidates: [candidate('JMP-1', high), candidate('JMP-2', 0.1), candidate('JMP-3', high - 0.02)] });
    expect(result.decision).toBe('uncertain');
    expect(result.reason).toMatch(/JMP-1 and JMP-3/);
  });

  it('says "new" with full confidence when nothing was retrieved', () => {
    const result = offlineTriage({ text, candidates: [] });
    expect(result).toMatchObject({ decision: 'new', suggested: null, reason: 'No similar ticket found.', confidence: 1 });
  });

  it('drafts a ticket from the conversation whatever it decides', () => {
    expect(offlineTriage({ text, candidates: [] }).draft.title).toBe('Okta SAML login loops back to the sign-in page');
  });

  it("flags the draft when the conversation is not in the tickets' language", () => {
    expect(offlineTriage({ text, candidates: [] }).draft.titleLanguage).toBeUndefined();
    expect(offlineTriage({ text, candidates: [], ticketLanguage: 'de' }).draft.titleLanguage).toBe('English');
  });
});
