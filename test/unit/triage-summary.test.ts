import { describe, expect, it } from 'vitest';
import { summarizeTriage, type TriageRecord } from '../../src/observability/triage-summary.js';

const gemini = (latencyMs: number): TriageRecord => ({ decidedBy: 'gemini', model: 'gemini-3.5-flash', latencyMs, fallback: null, decision: 'new' });
const fallback = (reason: string, latencyMs: number | null): TriageRecord => ({
  decidedBy: 'offline',
  model: latencyMs === null ? null : 'gemini-3.5-flash',
  latencyMs,
  fallback: reason,
  decision: 'uncertain',
});

describe('summarizeTriage', () => {
  it('counts who decided, the fallbacks by reason, and the latency of every model call', () => {
    const records = [
      ...[100, 200, 300, 400, 500, 600, 700].map(gemini),
      fallback('timeout', 4000),
      fallback('timeout', 4001),
      fallback('invalid_answer', 800),
    ];
    expect(summarizeTriage(records, 300)).toEqual({
      suggestions: 10,
      window: 300,
      decidedBy: { gemini: { count: 7, share: 0.7 }, offline: { count: 3, share: 0.3 } },
      fallbacks: [
        { reason: 'timeout', count: 2 },
        { reason: 'invalid_answer', count: 1 },
      ],
      geminiLatencyMs: { calls: 10, p50: 500, p95: 4001 },
    });
  });

  it('does not count "no key configured" as a fallback, and has no latency without calls', () => {
    const summary = summarizeTriage([fallback('not_configured', null), fallback('not_configured', null)], 300);
    expect(summary.decidedBy.offline).toEqual({ count: 2, share: 1 });
    expect(summary.fallbacks).toEqual([]);
    expect(summary.geminiLatencyMs).toEqual({ calls: 0, p50: null, p95: null });
  });

  it('answers zeros for no suggestions', () => {
    expect(summarizeTriage([], 300).decidedBy).toEqual({ gemini: { count: 0, share: 0 }, offline: { count: 0, share: 0 } });
  });
});
