import PQueue from 'p-queue';
import { currentContext } from '../../observability/context.js';

/**
 * The `fetch` every SDK is given. It adds what the SDKs do not do for us:
 * - a per-attempt timeout that really aborts the request (Notion's SDK races a timer and leaves
 *   the request running);
 * - an optional rate limiter shared by all of a service's calls, where interactive work goes
 *   ahead of background sync (Notion allows about three requests a second per integration);
 * - a hook that counts requests, which the benchmark and the tests read.
 */

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
  priority: 'interactive' | 'background';
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
  const send = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const { priority } = currentContext();
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
  const limited: typeof fetch = options.limiter
    ? (input, init) => options.limiter!.schedule(() => send(input, init))
    : send;
  return limited;
}

/**
 * Requests per second, averaged over a one-second window, with two priorities. Background work
 * only gets the slots interactive work leaves free.
 */
export class RateLimiter {
  readonly #queue: PQueue;

  constructor(requestsPerSecond: number) {
    this.#queue = new PQueue({ intervalCap: Math.max(1, Math.floor(requestsPerSecond)), interval: 1000, strict: true });
  }

  schedule<T>(fn: () => Promise<T>): Promise<T> {
    const priority = currentContext().priority === 'interactive' ? 1 : 0;
    return this.#queue.add(fn, { priority }) as Promise<T>;
  }

  /** Requests waiting for a slot. */
  get pending(): number {
    return this.#queue.size;
  }
}
