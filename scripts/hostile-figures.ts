import { percentile } from '../bench/lib/stats.js';

/** Pure summaries of what the hostile scenarios of `npm run loadtest` observed. */

export interface StatusTimes {
  count: number;
  p50Ms: number;
  maxMs: number;
}

/** Per status code (`none`: no answer), how many connections got it and how long they waited. */
export function timesByStatus(outcomes: ReadonlyArray<{ status: number | null; ms: number }>): Record<string, StatusTimes> {
  const groups = new Map<string, number[]>();
  for (const { status, ms } of outcomes) {
    const key = status === null ? 'none' : String(status);
    groups.set(key, [...(groups.get(key) ?? []), ms]);
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(
    sorted.map(([key, times]) => [key, { count: times.length, p50Ms: Math.round(percentile(times, 50)), maxMs: Math.round(Math.max(...times)) }]),
  );
}

/** Latencies of a batch of requests: how many, and the p50 / p95 / max in ms. */
export function latencyFigures(ms: readonly number[]): { count: number; p50Ms: number; p95Ms: number; maxMs: number } {
  const round = (v: number) => (Number.isFinite(v) ? Math.round(v) : 0);
  return { count: ms.length, p50Ms: round(percentile(ms, 50)), p95Ms: round(percentile(ms, 95)), maxMs: round(Math.max(...ms)) };
}

/** "401 ×1200 (p50 3 ms, max 40 ms), 503 ×300 (…)" for the printed table. */
export function describeStatuses(times: Record<string, StatusTimes>): string {
  return Object.entries(times)
    .map(([status, t]) => `${status} ×${t.count} (p50 ${t.p50Ms} ms, max ${t.maxMs} ms)`)
    .join(', ');
}
