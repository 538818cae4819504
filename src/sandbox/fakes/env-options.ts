import type { FaultSettingsPatch, ServiceFaults } from './faults.js';
import { FAKE_SERVICES } from './operations.js';
import { MAX_GENERATED_TICKETS, type SeedOption } from '../seed/seed-world.js';
import type { WorldOptions } from './world.js';

/**
 * Sandbox settings from the environment, for running the app or the benchmark by hand:
 *
 *   SANDBOX_SEED                 demo | empty | <number of tickets, up to 50000>   (default demo)
 *   SANDBOX_LATENCY_MS           latency added to every request of every fake
 *   SANDBOX_<SERVICE>_LATENCY_MS the same for one service (NOTION, SLACK, INTERCOM); wins over the above
 *   SANDBOX_ERROR_RATE           share (0..1) of requests answered with a random 500
 *   SANDBOX_<SERVICE>_ERROR_RATE the same for one service
 *   SANDBOX_<SERVICE>_RPS        requests per second before 429 + Retry-After (real Notion: 3)
 *   SANDBOX_FAULT_SEED           seed of the random errors (default 1)
 *   SANDBOX_QUERY_RESULT_LIMIT   rows per Notion query before `incomplete` (default 10000)
 *
 * Unset means no fault: the sandbox is fast and reliable unless asked otherwise.
 */
export function worldOptionsFromEnv(env: Record<string, string | undefined>): WorldOptions {
  const options: WorldOptions = {};
  const seed = env.SANDBOX_SEED?.trim();
  if (seed) options.seed = parseSeed(seed);

  const faults: FaultSettingsPatch = {};
  const allLatency = number(env, 'SANDBOX_LATENCY_MS', 0, 120_000);
  const allErrors = number(env, 'SANDBOX_ERROR_RATE', 0, 1);
  for (const service of FAKE_SERVICES) {
    const prefix = `SANDBOX_${service.toUpperCase()}`;
    const settings: Partial<ServiceFaults> = {};
    const latency = number(env, `${prefix}_LATENCY_MS`, 0, 120_000) ?? allLatency;
    const errorRate = number(env, `${prefix}_ERROR_RATE`, 0, 1) ?? allErrors;
    const rps = number(env, `${prefix}_RPS`, 0.1, 100_000);
    if (latency !== undefined) settings.latencyMs = Math.round(latency);
    if (errorRate !== undefined) settings.errorRate = errorRate;
    if (rps !== undefined) settings.requestsPerSecond = rps;
    if (Object.keys(settings).length > 0) faults[service] = settings;
  }
  const faultSeed = number(env, 'SANDBOX_FAULT_SEED', -2_147_483_648, 2_147_483_647);
  if (faultSeed !== undefined) faults.seed = Math.round(faultSeed);
  if (Object.keys(faults).length > 0) options.faults = faults;

  const limit = number(env, 'SANDBOX_QUERY_RESULT_LIMIT', 1, 1_000_000);
  if (limit !== undefined) options.queryResultLimit = Math.round(limit);
  return options;
}

function parseSeed(value: string): SeedOption {
  if (value === 'demo' || value === 'empty') return value;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > MAX_GENERATED_TICKETS) {
    throw new Error(`SANDBOX_SEED must be demo, empty or a number of tickets from 0 to ${MAX_GENERATED_TICKETS}; got "${value}".`);
  }
  return { generatedTickets: n };
}

function number(env: Record<string, string | undefined>, name: string, min: number, max: number): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${name} must be a number from ${min} to ${max}; got "${raw}".`);
  return n;
}
