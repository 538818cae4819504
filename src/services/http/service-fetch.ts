import PQueue from 'p-queue';
import { currentContext, type Priority } from '../../observability/context.js';

/**
 * The `fetch` every SDK is given. It adds what the SDKs do not do for us:
 * - a per-attempt timeout that really aborts the request (Notion's SDK races a timer and leaves
 *   the request running);
 * - an optional rate limiter shared by all of a service's calls, where interactive work goes
 *   ahead of background sync (Notion allows about three requests a second per integration);
 * - a hook that counts requests, which the benchmark and the tests read.
 */

const WINDOW_MARGIN_MS = 10;

export class ExternalTimeoutError extends Error {
  constructor(readonly service: string, readonly timeoutMs: number) {
    super(`${service} did not answer within ${timeoutMs} ms`);
    this.name = 'ExternalTimeoutError';
  }
}

export interface RequestEvent {
  service: string;
  method: string;
  url: string;
  priority: Priority;
}

export interface ServiceFetchOptions {
  service: string;
  timeoutMs: number;
  limiter?: RateLimiter;
  onRequest?: (event: RequestEvent) => void;
  /** The fetch to wrap; global fetch by default. */
  fetch?: typeof fetch;
}

export function createServiceFetch(options: ServiceFetchOptions): typeof fetch {
  const send = async (
    input: Parameters<typeof fetch>[0],
    init: RequestInit | undefined,
    priority: RequestEvent['priority'],
  ): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    options.onRequest?.({ service: options.service, method: init?.method ?? 'GET', url, priority });
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      // Looked up per call so test interceptors (msw) installed after start-up still see it.
      return await (options.fetch ?? globalThis.fetch)(input, { ...init, signal });
    } catch (err) {
      if (timeout.aborted) throw new ExternalTimeoutError(options.service, options.timeoutMs);
      throw err;
    }
  };
  return (input, init) => {
    // Read here: a queued job runs outside the caller's async context.
    const { priority } = currentContext();
    return options.limiter ? options.limiter.schedule(priority, () => send(input, init, priority)) : send(input, init, priority);
  };
}

/** Queue order: a waiting write first, then panel re-reads, then background sync. */
const QUEUE_PRIORITY: Record<Priority, number> = { interactive: 2, panel: 1, background: 0 };

/**
 * At most `requestsPerSecond` requests started in any sliding window, with three priorities:
 * panel re-reads only get the slots interactive work leaves free, background work what both leave. The window is a few
 * milliseconds longer than it needs to be, so that timer granularity never lets one extra
 * request into a second as the service counts it.
 */
export class RateLimiter {
  readonly #queue: PQueue;

  /** `windowMs` other than a second only compresses time, for the benchmark. */
  constructor(requestsPerSecond: number, windowMs = 1000) {
    const intervalCap = Math.max(1, Math.floor(requestsPerSecond));
    const interval = Math.ceil((intervalCap / requestsPerSecond) * windowMs) + (windowMs === 1000 ? WINDOW_MARGIN_MS : 0);
    this.#queue = new PQueue({ intervalCap, interval, strict: true });
  }

  schedule<T>(priority: RequestEvent['priority'], fn: () => Promise<T>): Promise<T> {
    return this.#queue.add(fn, { priority: QUEUE_PRIORITY[priority] }) as Promise<T>;
  }

  /** Requests waiting for a slot. */
  get pending(): number {
    return this.#queue.size;
  }
}
