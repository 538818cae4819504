import type { Interval } from './waves.js';

export type Service = 'notion' | 'slack' | 'intercom' | 'gemini';

export interface WireRequest extends Interval {
  service: Service;
  /** e.g. "POST /v1/pages", "chat.postMessage", "GET /conversations/:id". */
  operation: string;
  /** HTTP status, or null when the request failed without a response. */
  status: number | null;
}

/**
 * Every HTTP request the SDKs send to the fakes (or the fake model), with when it left and when
 * its answer came back. The app's service fetch looks `globalThis.fetch` up on every call, so
 * wrapping it here sees exactly what goes on the wire: retries included, our own control-API
 * calls and the Canvas requests to the app excluded (they match no route).
 */
export class WireRecorder {
  readonly requests: WireRequest[] = [];
  #inFlight = 0;
  #lastActivity = performance.now();

  constructor(private readonly routes: Array<{ prefix: string; service: Service }>) {}

  /** Routes for the fakes served at `fakesUrl` (…/sandbox) and the fake model at `geminiUrl`. */
  static forFakes(fakesUrl: string, geminiUrl: string): WireRecorder {
    return new WireRecorder([
      { prefix: `${fakesUrl}/notion`, service: 'notion' },
      { prefix: `${fakesUrl}/slack`, service: 'slack' },
      { prefix: `${fakesUrl}/intercom`, service: 'intercom' },
      { prefix: geminiUrl, service: 'gemini' },
    ]);
  }

  install(): this {
    const original = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const route = this.routes.find((r) => url.startsWith(r.prefix));
      if (!route) return original(input, init);
      const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
      const entry: WireRequest = {
        service: route.service,
        operation: operationOf(route.service, method, url.slice(route.prefix.length)),
        start: performance.now(),
        end: Number.NaN,
        status: null,
      };
      this.requests.push(entry);
      this.#inFlight += 1;
      try {
        const response = await original(input, init);
        entry.status = response.status;
        return response;
      } finally {
        entry.end = performance.now();
        this.#inFlight -= 1;
        this.#lastActivity = entry.end;
      }
    };
    return this;
  }

  /** A position to read from later with `since`. */
  mark(): number {
    return this.requests.length;
  }

  since(mark: number, service?: Service): WireRequest[] {
    const list = this.requests.slice(mark);
    return service ? list.filter((r) => r.service === service) : list;
  }

  /** Resolves once nothing has been in flight for `quietMs` (background work has settled). */
  async settled(quietMs: number, timeoutMs = 60_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const now = performance.now();
      if (this.#inFlight === 0 && now - this.#lastActivity >= quietMs) return;
      if (now > deadline) throw new Error(`requests still in flight after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** Requests of each service, e.g. { notion: 2, slack: 5, intercom: 1 }. */
export function countByService(requests: readonly WireRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of requests) counts[r.service] = (counts[r.service] ?? 0) + 1;
  return counts;
}

function operationOf(service: Service, method: string, rest: string): string {
  const path = rest.split('?')[0] ?? '';
  if (service === 'slack') return path.replace(/^\/?api\//, '');
  // Ids (UUIDs, Intercom's numeric ids) become ":id" so operations group.
  const shape = path.replace(/\/[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/gi, '/:id').replace(/\/\d+/g, '/:id');
  return `${method.toUpperCase()} ${shape}`;
}
