import { describe, expect, it } from 'vitest';
import { describeStatuses, latencyFigures, timesByStatus } from '../../scripts/hostile-figures.js';

describe('the hostile scenarios’ figures', () => {
  it('groups outcomes by status, unanswered ones as none, with the median and longest wait', () => {
    const times = timesByStatus([
      { status: 503, ms: 2 },
      { status: 401, ms: 30 },
      { status: 503, ms: 4 },
      { status: null, ms: 20_000 },
      { status: 503, ms: 9 },
    ]);
    expect(times).toEqual({
      401: { count: 1, p50Ms: 30, maxMs: 30 },
      503: { count: 3, p50Ms: 4, maxMs: 9 },
      none: { count: 1, p50Ms: 20_000, maxMs: 20_000 },
    });
    expect(describeStatuses(times)).toBe('401 ×1 (p50 30 ms, max 30 ms), 503 ×3 (p50 4 ms, max 9 ms), none ×1 (p50 20000 ms, max 20000 ms)');
  });

  it('gives the p95 of latencies as the nearest rank, and zeros for none', () => {
    const ms = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(latencyFigures(ms)).toEqual({ count: 100, p50Ms: 50, p95Ms: 95, maxMs: 100 });
    expect(latencyFigures([])).toEqual({ count: 0, p50Ms: 0, p95Ms: 0, maxMs: 0 });
  });
});
