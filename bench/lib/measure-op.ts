import { mean } from './stats.js';
import { groupWaves } from './waves.js';
import { countByService, type WireRecorder } from './wire-recorder.js';

export interface OpFigures {
  /** Wall time until the operation answered. */
  ms: number;
  /** Sequential waves of requests before it answered (its critical path). */
  roundTrips: number;
  /** Every request it caused, trailing background work included. */
  calls: number;
  byService: Record<string, number>;
  /** The requests of each wave before it answered, e.g. [["notion POST /v1/pages"], …]. */
  waves: string[][];
}

/**
 * Runs one operation and reads what it did on the wire. `settleMs` of silence after it answered
 * means its trailing background work (if any) is done and counted too.
 */
export async function measureOp(recorder: WireRecorder, run: () => Promise<unknown>, settleMs = 400): Promise<OpFigures> {
  await recorder.settled(200);
  const mark = recorder.mark();
  const started = performance.now();
  await run();
  const ended = performance.now();
  await recorder.settled(settleMs);
  const all = recorder.since(mark);
  const waves = groupWaves(all.filter((r) => r.start < ended));
  return {
    ms: ended - started,
    roundTrips: waves.length,
    calls: all.length,
    byService: countByService(all),
    waves: waves.map((wave) => wave.map((r) => `${r.service} ${r.operation}`)),
  };
}

/** Several runs of one operation: mean time and calls, and the longest critical path seen. */
export function combineRuns(runs: readonly OpFigures[]): OpFigures {
  const byService: Record<string, number> = {};
  for (const run of runs) for (const [s, n] of Object.entries(run.byService)) byService[s] = (byService[s] ?? 0) + n / runs.length;
  return {
    ms: mean(runs.map((r) => r.ms)),
    roundTrips: Math.max(...runs.map((r) => r.roundTrips)),
    calls: mean(runs.map((r) => r.calls)),
    byService,
    waves: runs.reduce<string[][]>((longest, r) => (r.waves.length > longest.length ? r.waves : longest), []),
  };
}
