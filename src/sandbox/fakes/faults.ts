import { z } from 'zod';
import { createRandom } from './random.js';
import { TokenBucket } from './rate-limiter.js';
import { FAKE_SERVICES, OPERATIONS, type FakeService } from './operations.js';

/**
 * What can go wrong, per service: a fixed latency, random 500s (seeded, so a run can be
 * repeated), a rate limit answered with 429 + Retry-After, and targeted one-off failures of a
 * named operation. `phase: 'after'` applies the request first and then fails, which is the
 * in-doubt case every writer of the app has to reconcile.
 */
export const FAULT_KINDS = ['http500', 'http503', 'http429', 'timeout', 'reset'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  service: FakeService;
  /** Operation name from operations.ts, e.g. `pages.create`, `chat.postMessage`, `POST /conversations/{id}/reply`. */
  method: string;
  fault: FaultKind;
  phase: 'before' | 'after';
  /** How many matching requests fail; the rule is dropped when it reaches 0. */
  times: number;
}

export interface ServiceFaults {
  /** Added to every request, in milliseconds. */
  latencyMs: number;
  /** Share of requests (0..1) answered with a 500 before being applied. */
  errorRate: number;
  /** Average requests per second before 429s; null = unlimited. */
  requestsPerSecond: number | null;
}

export interface FaultSettings {
  /** Seed of the generator behind `errorRate`. */
  seed: number;
  /** How long a `timeout` fault holds a response open if the client never gives up. */
  timeoutHoldMs: number;
  notion: ServiceFaults;
  slack: ServiceFaults;
  intercom: ServiceFaults;
  rules: FaultRule[];
}

const serviceFaultsPatch = z
  .object({
    latencyMs: z.number().int().min(0).max(120_000),
    errorRate: z.number().min(0).max(1),
    requestsPerSecond: z.number().positive().max(100_000).nullable(),
  })
  .partial()
  .strict();

const faultRule = z
  .object({
    service: z.enum(FAKE_SERVICES),
    method: z.string().min(1),
    fault: z.enum(FAULT_KINDS),
    phase: z.enum(['before', 'after']).default('before'),
    times: z.number().int().min(1).max(1_000_000).default(1),
  })
  .strict()
  .refine((rule) => OPERATIONS[rule.service].includes(rule.method), {
    message: 'method must be one of the operations the fake implements (see src/sandbox/fakes/operations.ts)',
    path: ['method'],
  });

/** What POST /api/faults accepts; `rules` replaces the list, other fields merge. */
export const faultSettingsPatch = z
  .object({
    seed: z.number().int(),
    timeoutHoldMs: z.number().int().min(0).max(600_000),
    notion: serviceFaultsPatch,
    slack: serviceFaultsPatch,
    intercom: serviceFaultsPatch,
    rules: z.array(faultRule),
  })
  .partial()
  .strict();

export type FaultSettingsPatch = z.input<typeof faultSettingsPatch>;

/** What the fake does with one request, decided when it arrives. */
export interface RequestPlan {
  latencyMs: number;
  before: FaultRule | null;
  after: FaultRule | null;
  /** Set when the rate limit refuses the request: Retry-After in seconds. */
  retryAfterSeconds: number | null;
  randomError: boolean;
}

const NO_FAULTS: ServiceFaults = { latencyMs: 0, errorRate: 0, requestsPerSecond: null };

function defaults(): FaultSettings {
  return {
    seed: 1,
    timeoutHoldMs: 120_000,
    notion: { ...NO_FAULTS },
    slack: { ...NO_FAULTS },
    intercom: { ...NO_FAULTS },
    rules: [],
  };
}

export class Faults {
  readonly #initial: FaultSettingsPatch;
  readonly #now: () => number;
  #settings: FaultSettings = defaults();
  #random: () => number = createRandom(1);
  #buckets = new Map<FakeService, TokenBucket>();

  /** `now` is real elapsed time: rate limits are about throughput, whatever the world's clock says. */
  constructor(initial: FaultSettingsPatch = {}, now: () => number = () => performance.now()) {
    this.#initial = initial;
    this.#now = now;
    this.reset();
  }

  get(): FaultSettings {
    return structuredClone(this.#settings);
  }

  /** Merges `patch` into the settings (throws a ZodError when it is malformed). */
  set(patch: FaultSettingsPatch): FaultSettings {
    const valid = faultSettingsPatch.parse(patch);
    const next = this.#settings;
    if (valid.seed !== undefined) {
      next.seed = valid.seed;
      this.#random = createRandom(valid.seed);
    }
    if (valid.timeoutHoldMs !== undefined) next.timeoutHoldMs = valid.timeoutHoldMs;
    for (const service of FAKE_SERVICES) {
      const change = valid[service];
      if (!change) continue;
      Object.assign(next[service], change);
      if (change.requestsPerSecond !== undefined) this.#buckets.delete(service);
    }
    if (valid.rules) next.rules = valid.rules.map((rule) => ({ ...rule }));
    return this.get();
  }

  addRule(rule: Omit<FaultRule, 'phase' | 'times'> & Partial<Pick<FaultRule, 'phase' | 'times'>>): void {
    this.set({ rules: [...this.#settings.rules, { phase: 'before', times: 1, ...rule }] });
  }

  /** No faults at all. */
  clear(): void {
    this.#settings = defaults();
    this.#random = createRandom(this.#settings.seed);
    this.#buckets.clear();
  }

  /** Back to the settings the world was created with. */
  reset(): void {
    this.clear();
    this.set(this.#initial);
  }

  plan(service: FakeService, method: string): RequestPlan {
    const settings = this.#settings[service];
    const before = this.#take(service, method, 'before');
    const after = before ? null : this.#take(service, method, 'after');
    let retryAfterSeconds: number | null = null;
    if (!before && settings.requestsPerSecond !== null) {
      let bucket = this.#buckets.get(service);
      if (!bucket) {
        bucket = new TokenBucket(settings.requestsPerSecond, this.#now());
        this.#buckets.set(service, bucket);
      }
      retryAfterSeconds = bucket.take(this.#now());
    }
    const randomError = !before && retryAfterSeconds === null && settings.errorRate > 0 && this.#random() < settings.errorRate;
    return { latencyMs: settings.latencyMs, before, after, retryAfterSeconds, randomError };
  }

  #take(service: FakeService, method: string, phase: FaultRule['phase']): FaultRule | null {
    const rules = this.#settings.rules;
    const index = rules.findIndex((r) => r.service === service && r.method === method && r.phase === phase && r.times > 0);
    if (index < 0) return null;
    const rule = rules[index]!;
    const taken = { ...rule };
    rule.times -= 1;
    if (rule.times === 0) rules.splice(index, 1);
    return taken;
  }
}
