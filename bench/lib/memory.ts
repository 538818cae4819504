/**
 * Resident memory of this process in MB, after a full collection when the process runs with
 * --expose-gc (the benchmark's children do): what the app holds, not the garbage of the last page.
 */
export function residentMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 2 ** 20;
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
