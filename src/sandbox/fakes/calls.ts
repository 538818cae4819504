import { FAKE_SERVICES, type FakeService } from './operations.js';

export interface ServiceCalls {
  total: number;
  /** Requests per operation name (see operations.ts), faulted and refused ones included. */
  methods: Record<string, number>;
}

export type CallSnapshot = Record<FakeService, ServiceCalls>;

/** Counts every request each fake receives, so tests and the benchmark can see what the app did. */
export class CallCounter {
  #counts = new Map<FakeService, Map<string, number>>();

  record(service: FakeService, method: string): void {
    let methods = this.#counts.get(service);
    if (!methods) {
      methods = new Map();
      this.#counts.set(service, methods);
    }
    methods.set(method, (methods.get(method) ?? 0) + 1);
  }

  count(service: FakeService, method?: string): number {
    const methods = this.#counts.get(service);
    if (!methods) return 0;
    if (method !== undefined) return methods.get(method) ?? 0;
    let total = 0;
    for (const n of methods.values()) total += n;
    return total;
  }

  snapshot(): CallSnapshot {
    const out = {} as CallSnapshot;
    for (const service of FAKE_SERVICES) {
      const methods = Object.fromEntries(this.#counts.get(service) ?? []);
      out[service] = { total: this.count(service), methods };
    }
    return out;
  }

  reset(): void {
    this.#counts.clear();
  }
}
