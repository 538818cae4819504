/** One request on the wire: when it was sent and when its response arrived (ms, same clock). */
export interface Interval {
  start: number;
  end: number;
}

/**
 * Sequential round trips: requests that start while another is still in flight belong to the
 * same wave; one that starts after everything before it has answered opens a new wave. Parallel
 * calls therefore count once, a chain of dependent calls counts each link.
 */
export function groupWaves<T extends Interval>(requests: readonly T[]): T[][] {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  const waves: T[][] = [];
  let waveEnd = Number.NEGATIVE_INFINITY;
  for (const r of sorted) {
    if (r.start >= waveEnd) {
      waves.push([r]);
      waveEnd = r.end;
    } else {
      waves.at(-1)!.push(r);
      waveEnd = Math.max(waveEnd, r.end);
    }
  }
  return waves;
}

/**
 * The highest number of requests started in any window of `windowMs`, as a rate per second:
 * the "average over any 1-second (or 10-second) window" that Notion's limit is stated in.
 * `toleranceMs` narrows the window: a limiter that counts on a millisecond clock sends two
 * requests that it sees 1,000 ms apart, which the wire may see 999.6 ms apart.
 */
export function maxRatePerSecond(startTimes: readonly number[], windowMs: number, toleranceMs = 0): number {
  const span = windowMs - toleranceMs;
  const sorted = [...startTimes].sort((a, b) => a - b);
  let best = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= span) first += 1;
    best = Math.max(best, last - first + 1);
  }
  return best / (windowMs / 1000);
}
