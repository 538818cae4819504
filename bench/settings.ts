/**
 * What the benchmark simulates and how hard it samples. The issue fixes the world (50 ms a call,
 * Notion at its documented 3 requests a second, N = 1,000 / 10,000 / 50,000); the rest is chosen
 * so the whole run fits in ten minutes on a loaded 2-core machine.
 */

export const SIZES = [1_000, 10_000, 50_000] as const;

/** Latency the fakes add to every call, and Notion's documented average rate. */
export const LATENCY_MS = 50;
export const NOTION_RPS = 3;

/**
 * Clock compression for the phases bound by Notion's rate limit (the full index load, the naive
 * design's read of every ticket): latency / K and K times the rate, in the fake *and* in the
 * app's limiter, then the measured time × K. At K = 10 a page request still takes far less than
 * the 33 ms a slot lasts, so the rate limit, not our CPU, sets the pace (the run prints the check).
 * Anything CPU-bound (our suggestion, the confirm step) is measured uncompressed.
 */
export const DEFAULT_COMPRESSION = 10;

/** Suggestions measured per N (after WARMUP_SUGGESTIONS that are not). */
export const OUR_SUGGESTIONS = 60;
export const WARMUP_SUGGESTIONS = 3;
/** The naive design reads every ticket per suggestion: ~170 s of simulated time each at 50,000. */
export const NAIVE_SUGGESTIONS: Record<number, number> = { 1_000: 8, 10_000: 4, 50_000: 3 };

/** The app's first reconciliation sweep runs this long after start-up; we measure after it. */
export const FIRST_SWEEP_SETTLED_MS = 16_000;

/** The start-up phase at the real rate: how long the app runs while its full load is under way. */
export const REALTIME_PHASE_MS = 24_000;

/**
 * The Done whose delivery-journal writes are timed (store_ops_p95_ms): a ticket linked to this
 * many conversations makes twice as many target writes (intent, then result), enough for a p95.
 */
export const STORE_OPS_CONVERSATIONS = 200;

export interface RunSettings {
  sizes: number[];
  compression: number;
}

/** `--compress K` and `--sizes 1000,10000` for a quicker look; the defaults are the issue's. */
export function parseArgs(argv: string[]): RunSettings {
  const settings: RunSettings = { sizes: [...SIZES], compression: DEFAULT_COMPRESSION };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--compress' && value) {
      settings.compression = Number(value);
      i++;
    } else if (arg === '--sizes' && value) {
      settings.sizes = value.split(',').map(Number);
      i++;
    } else {
      throw new Error(`Unknown argument ${JSON.stringify(arg)}. Usage: npm run bench [-- --compress 10] [-- --sizes 1000,10000,50000]`);
    }
  }
  // The app's NOTION_REQUESTS_PER_SECOND stops at 100.
  if (!Number.isInteger(settings.compression) || settings.compression < 1 || settings.compression * NOTION_RPS > 100) {
    throw new Error(`--compress must be an integer from 1 to ${Math.floor(100 / NOTION_RPS)}`);
  }
  if (settings.sizes.some((n) => !Number.isInteger(n) || n < 100 || n > 50_000)) {
    throw new Error('--sizes must be integers from 100 to 50000');
  }
  return settings;
}

/** Fault settings of the fakes for one phase (the control API's POST /api/faults body). */
export function faults(options: { latencyMs: number; intercomLatencyMs?: number; notionRps: number }) {
  const latencyMs = Math.round(options.latencyMs);
  return {
    notion: { latencyMs, requestsPerSecond: options.notionRps, errorRate: 0 },
    slack: { latencyMs, requestsPerSecond: null, errorRate: 0 },
    intercom: { latencyMs: Math.round(options.intercomLatencyMs ?? latencyMs), requestsPerSecond: null, errorRate: 0 },
    rules: [],
  };
}
