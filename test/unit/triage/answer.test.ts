import { describe, expect, it } from 'vitest';
import { parseTriageAnswer } from '../../../src/domain/triage/answer.js';

const ids = ['JMP-1', 'JMP-22'];
const valid = {
  title: 'SAML login loops back to the sign-in page',
  summary: 'Users signing in through Okta are sent back to the login page.',
  reason: 'Same symptom as JMP-1.',
  decision: 'existing',
  ticket_id: 'JMP-1',
  confidence: 0.9,
};

describe('parseTriageAnswer', () => {
  it('accepts an "existing" answer that names a candidate', () => {
    expect(parseTriageAnswer(valid, ids)).toEqual({ ok: true, answer: valid });
  });

  it('accepts a "new" answer with a null ticket id, or none at all', () => {
    const fresh = { ...valid, decision: 'new', ticket_id: null };
    expect(parseTriageAnswer(fresh, ids)).toEqual({ ok: true, answer: fresh });
    const { ticket_id: _omitted, ...withoutId } = fresh;
    expect(parseTriageAnswer(withoutId, ids)).toEqual({ ok: true, answer: fresh });
  });

  it('matches the candidate id whatever the case and returns it as listed', () => {
    const parsed = parseTriageAnswer({ ...valid, ticket_id: ' jmp-22 ' }, ids);
    expect(parsed.ok && parsed.answer.ticket_id).toBe('JMP-22');
  });

  it('rejects an id that is not one of the candidates', () => {
    expect(parseTriageAnswer({ ...valid, ticket_id: 'JMP-999' }, ids)).toEqual({ ok: false, why: 'ticket_id JMP-999 is not one of the candidates' });
    expect(parseTriageAnswer(valid, []).ok).toBe(false);
  });

  it('rejects "existing" without an id, and "new" with one', () => {
    expect(parseTriageAnswer({ ...valid, ticket_id: null }, ids)).toMatchObject({ ok: false, why: expect.stringContaining('without a ticket_id') });
    expect(parseTriageAnswer({ ...valid, decision: 'new' }, ids)).toMatchObject({ ok: false, why: expect.stringContaining('"new" came with ticket_id JMP-1') });
  });

  it('trims the title to 80 characters on a word boundary and keeps one line', () => {
    const parsed = parseTriageAnswer({ ...valid, title: `  ${'Webhook deliveries are delayed '.repeat(6)}\n` }, ids);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.answer.title.length).toBeLessThanOrEqual(80);
    expect(parsed.answer.title).toMatch(/^Webhook deliveries are delayed Webhook .*…$/);
    expect(parsed.answer.title).not.toContain('\n');
  });

  it('clamps the confidence into 0..1', () => {
    const high = parseTriageAnswer({ ...valid, confidence: 1.7 }, ids);
    const low = parseTriageAnswer({ ...valid, confidence: -0.2 }, ids);
    expect(high.ok && high.answer.confidence).toBe(1);
    expect(low.ok && low.answer.confidence).toBe(0);
  });

  it('rejects junk: not an object, missing or mistyped fields, empty text, non-finite numbers', () => {
    expect(parseTriageAnswer('existing', ids).ok).toBe(false);
    expect(parseTriageAnswer(null, ids).ok).toBe(false);
    expect(parseTriageAnswer([], ids).ok).toBe(false);
    expect(parseTriageAnswer({ ...valid, decision: 'maybe' }, ids)).toMatchObject({ ok: false, why: expect.stringContaining('decision') });
    expect(parseTriageAnswer({ ...valid, confidence: '0.9' }, ids).ok).toBe(false);
    expect(parseTriageAnswer({ ...valid, confidence: Number.NaN }, ids).ok).toBe(false);
    expect(parseTriageAnswer({ ...valid, title: '   ' }, ids)).toEqual({ ok: false, why: 'the title is empty' });
    expect(parseTriageAnswer({ ...valid, summary: '' }, ids)).toEqual({ ok: false, why: 'the summary is empty' });
    const { reason: _r, ...noReason } = valid;
    expect(parseTriageAnswer(noReason, ids)).toMatchObject({ ok: false, why: expect.stringContaining('reason') });
  });
});
