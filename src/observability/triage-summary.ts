import { percentile } from '../util/percentile.js';

/**
 * Who decided each suggestion and how the model fared, kept per suggestion in the activity log
 * and summarised at GET /activity?kind=suggest: is Gemini deciding, or quietly falling back?
 */
export interface TriageRecord {
  decidedBy: 'gemini' | 'offline';
  /** The configured model, null when none is. */
  model: string | null;
  /** How long the model call took (answered or not); null when no call was made. */
  latencyMs: number | null;
  /** Why the offline triager decided (not_configured, timeout, error, invalid_answer); null when Gemini did. */
  fallback: string | null;
  /** What went wrong with the model, in its own words (for people; not summarised). */
  fallbackDetail?: string;
  decision: 'existing' | 'new' | 'uncertain';
}

export interface TriageSummary {
  /** How many suggestions the summary covers (at most the window). */
  suggestions: number;
  window: number;
  decidedBy: Record<'gemini' | 'offline', { count: number; share: number }>;
  /** Offline decisions although a model is configured, most frequent first. */
  fallbacks: Array<{ reason: string; count: number }>;
  /** Every model call, answered or not (a timed-out call counts as the time it was given). */
  geminiLatencyMs: { calls: number; p50: number | null; p95: number | null };
}

export function summarizeTriage(records: readonly TriageRecord[], window: number): TriageSummary {
  const gemini = records.filter((r) => r.decidedBy === 'gemini').length;
  const offline = records.length - gemini;
  const fallbacks = new Map<string, number>();
  for (const r of records) {
    if (r.fallback && r.fallback !== 'not_configured') fallbacks.set(r.fallback, (fallbacks.get(r.fallback) ?? 0) + 1);
  }
  const latencies = records.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs]));
  return {
    suggestions: records.length,
    window,
    decidedBy: { gemini: share(gemini, records.length), offline: share(offline, records.length) },
    fallbacks: [...fallbacks].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    geminiLatencyMs: { calls: latencies.length, p50: observed(latencies, 50), p95: observed(latencies, 95) },
  };
}

function share(count: number, total: number): { count: number; share: number } {
  return { count, share: total === 0 ? 0 : Math.round((count / total) * 1000) / 1000 };
}

function observed(values: readonly number[], p: number): number | null {
  return values.length === 0 ? null : percentile(values, p);
}
