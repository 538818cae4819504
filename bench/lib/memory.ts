import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from './wait.js';

/**
 * Resident memory of this process in MB, after a full collection when the process runs with
 * --expose-gc (the benchmark's children do): what the app holds, not the garbage of the last page.
 */
export function residentMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 2 ** 20;
}

/**
 * Resident memory once it has stopped falling: after a load V8 hands freed heap pages back over
 * tens of seconds (its memory reducer runs when the process idles), so one reading 5 s after the
 * load catches it half-way, higher the busier the machine. Read every `everyMs` until two
 * readings are within `toleranceMb`, for at most `maxMs`.
 */
export async function settledResidentMb(options: { everyMs?: number; toleranceMb?: number; maxMs?: number } = {}): Promise<{ mb: number; afterS: number }> {
  const { everyMs = 5000, toleranceMb = 2, maxMs = 60_000 } = options;
  const started = performance.now();
  let last = residentMb();
  while (performance.now() - started < maxMs) {
    await sleep(everyMs);
    const now = residentMb();
    const settled = last - now < toleranceMb;
    last = now;
    if (settled) break;
  }
  return { mb: last, afterS: (performance.now() - started) / 1000 };
}

/** JavaScript heap in use in MB, after a collection when possible. */
export function heapUsedMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** The highest resident memory this process reached, in MB. */
export function peakResidentMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * The PGlite process of an app on `stateDir` (it writes its pid there): resident memory now and
 * at its highest, in MB, from /proc (Linux); null when there is none or no /proc.
 */
export function pgliteResidentMb(stateDir: string): { rssMb: number; peakMb: number } | null {
  try {
    const pid = Number(readFileSync(join(stateDir, 'pglite.pid'), 'utf8'));
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}
