/**
 * A gate that opens at most once per `intervalMs`: for log lines a stranger can provoke at will,
 * so a flood of requests cannot flood the log.
 */
export function atMostEvery(intervalMs: number, now: () => number = Date.now): () => boolean {
  let last = -Infinity;
  return () => {
    const t = now();
    if (t - last < intervalMs) return false;
    last = t;
    return true;
  };
}
