/**
 * A token bucket: `perSecond` requests a second on average, with up to one second's worth in a
 * burst. Continuous refill makes it tolerant of the jitter a client-side limiter sees on the wire,
 * like the real services ("an average of three requests per second", Notion).
 */
export class TokenBucket {
  readonly perSecond: number;
  readonly #capacity: number;
  #tokens: number;
  #updatedAt: number;

  constructor(perSecond: number, now: number) {
    this.perSecond = perSecond;
    this.#capacity = Math.max(1, perSecond);
    this.#tokens = this.#capacity;
    this.#updatedAt = now;
  }

  /** Takes a token; returns null when allowed, else the whole seconds to wait (Retry-After). */
  take(now: number): number | null {
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.#capacity, this.#tokens + elapsed * this.perSecond);
    this.#updatedAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - this.#tokens) / this.perSecond));
  }
}
