import type { Logger } from '../observability/logger.js';

/**
 * Work started after a response was sent (webhook events, retries). Tracked so shutdown can wait
 * for it, with a bound, instead of cutting a Slack message or an Intercom reply in half.
 */
export class BackgroundTasks {
  readonly #running = new Set<Promise<unknown>>();
  #accepting = true;

  constructor(private readonly logger: Logger) {}

  /** Starts `task` unless shutting down; errors are logged, never thrown at the caller. */
  start(name: string, task: () => Promise<unknown>): boolean {
    if (!this.#accepting) return false;
    const promise = task().catch((err: unknown) => this.logger.error({ err, task: name }, 'background task failed'));
    this.#running.add(promise);
    void promise.finally(() => this.#running.delete(promise));
    return true;
  }

  get size(): number {
    return this.#running.size;
  }

  /** Stops accepting work and waits for what is running, at most `timeoutMs`. Returns whether all finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.#accepting = false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const finished = Promise.allSettled([...this.#running]).then(() => true as const);
    const result = await Promise.race([finished, timeout]);
    clearTimeout(timer);
    return result;
  }
}
