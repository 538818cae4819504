import { InFlight, postDelivery, remember } from './in-flight.js';
/**
 * Webhook deliveries from a fake service to the app, signed as the real service signs them, and
 * bent the ways real deliveries bend: several copies of one event, retried while the app fails.
 * Used by the Intercom webhooks and the Slack Events of the sandbox.
 */

export interface DeliverySettings {
  /** Times each event is delivered (copies share the event id); 0 = never. */
  copies: number;
  /** Attempts per copy while the app answers non-2xx or cannot be reached. */
  maxAttempts: number;
  /** Wait before a retry (doubled each time). */
  retryDelayMs: number;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = { copies: 1, maxAttempts: 3, retryDelayMs: 200 };

export interface DeliveryAttempt {
  eventId: string;
  kind: string;
  copy: number;
  attempt: number;
  /** HTTP status, or why there was none. */
  status: number | 'network_error';
}

/** Headers for one attempt of one copy (`copy` and `attempt` count from 1). */
export type Signer = (body: string, copy: number, attempt: number) => Record<string, string>;


export class SignedDeliveries {
  url: string | null;
  readonly attempts: DeliveryAttempt[] = [];
  #settings: DeliverySettings = { ...DEFAULT_DELIVERY_SETTINGS };
  readonly #inFlight = new InFlight();
  #timers = new Set<NodeJS.Timeout>();
  #disposed = false;

  constructor(
    url: string | null,
    private readonly sign: Signer,
    private readonly contentType = 'application/json',
  ) {
    this.url = url;
  }

  get settings(): DeliverySettings {
    return { ...this.#settings };
  }

  configure(patch: Partial<DeliverySettings>): DeliverySettings {
    this.#settings = { ...this.#settings, ...patch };
    return this.settings;
  }

  /** Sends `body` (its copies in parallel, as a busy sender would) unless nobody listens. */
  send(eventId: string, kind: string, body: string): void {
    const url = this.url;
    if (!url || this.#disposed) return;
    for (let copy = 1; copy <= this.#settings.copies; copy += 1) void this.#attempt(url, eventId, kind, body, copy, 1);
  }

  /** Sends once and hands back the app's answer (interactions: the person waits for it). */
  async request(eventId: string, kind: string, body: string): Promise<{ status: number; body: string }> {
    if (!this.url) return { status: 0, body: 'no app to send to' };
    const response = await fetch(this.url, { method: 'POST', headers: { 'content-type': this.contentType, ...this.sign(body, 1, 1) }, body, signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    remember(this.attempts, { eventId, kind, copy: 1, attempt: 1, status: response.status });
    return { status: response.status, body: text };
  }

  /** Resolves once every delivery (retries included) has finished. */
  idle(): Promise<void> {
    return this.#inFlight.idle();
  }

  reset(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#inFlight.done(this.#timers.size);
    this.#timers.clear();
    this.#settings = { ...DEFAULT_DELIVERY_SETTINGS };
    this.attempts.length = 0;
  }

  dispose(): void {
    this.#disposed = true;
    this.reset();
  }

  async #attempt(url: string, eventId: string, kind: string, body: string, copy: number, attempt: number): Promise<void> {
    this.#inFlight.add();
    const status = await postDelivery(url, { 'content-type': this.contentType, ...this.sign(body, copy, attempt) }, body);
    remember(this.attempts, { eventId, kind, copy, attempt, status });
    const delivered = typeof status === 'number' && status >= 200 && status < 300;
    if (!delivered && attempt < this.#settings.maxAttempts && !this.#disposed) {
      this.#inFlight.add();
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#inFlight.done();
        void this.#attempt(url, eventId, kind, body, copy, attempt + 1);
      }, this.#settings.retryDelayMs * 2 ** (attempt - 1));
      this.#timers.add(timer);
    }
    this.#inFlight.done();
  }

}
