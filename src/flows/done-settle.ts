/**
 * The quiet period before a Done is announced (DONE_SETTLE_SECONDS): a ticket marked Done by
 * mistake and reopened, or flapping Done ⇄ In progress, is announced once, when it stays Done.
 * The clock starts when the app first sees the ticket Done and restarts whenever it sees it leave.
 * In memory: after a restart the sweep sees the ticket Done again and the clock starts over.
 */
export class DoneSettle {
  readonly #since = new Map<string, { at: number; timer: NodeJS.Timeout | null }>();

  constructor(
    private readonly settleMs: number,
    private readonly now: () => Date,
  ) {}

  /**
   * The ticket is Done: how long it must still hold, 0 when it has held long enough. The first
   * time, starts the clock and calls `settled` when it runs out (the caller re-reads the ticket then).
   */
  remainingMs(pageId: string, settled: () => void): number {
    if (this.settleMs <= 0) return 0;
    const now = this.now().getTime();
    let seen = this.#since.get(pageId);
    if (!seen) {
      seen = { at: now, timer: null };
      this.#since.set(pageId, seen);
    }
    const remaining = seen.at + this.settleMs - now;
    if (remaining > 0 && !seen.timer) {
      seen.timer = setTimeout(() => {
        seen.timer = null;
        settled();
      }, remaining);
      seen.timer.unref();
    }
    return Math.max(0, remaining);
  }

  /** When a Done seen earlier will be announced (for the panel); null when none is waiting. */
  announceAt(pageId: string): Date | null {
    const seen = this.#since.get(pageId);
    if (!seen || this.settleMs <= 0) return null;
    const at = seen.at + this.settleMs;
    return at > this.now().getTime() ? new Date(at) : null;
  }

  /** The ticket left Done, or is being announced: the next Done starts a new clock. */
  clear(pageId: string): void {
    const seen = this.#since.get(pageId);
    if (seen?.timer) clearTimeout(seen.timer);
    this.#since.delete(pageId);
  }

  stop(): void {
    for (const pageId of [...this.#since.keys()]) this.clear(pageId);
  }
}
