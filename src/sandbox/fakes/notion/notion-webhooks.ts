import { InFlight, postDelivery, remember } from '../in-flight.js';
import { signWebhookPayload } from '@notionhq/client';
import { newUuid } from '../ids.js';

/**
 * Notion's webhook deliveries, signed like the real ones (`X-Notion-Signature: sha256=<HMAC of
 * the raw body keyed by the verification token>`). Delivery is asynchronous and can be bent the
 * ways Notion bends it: duplicated, late, lost, or retried while the receiver fails.
 */

export interface WebhookTarget {
  url: string;
  verificationToken: string;
}

export interface WebhookDelivery {
  /** Times each event is delivered (duplicates share the event id); 0 = never. */
  copies: number;
  /** Wait before the first attempt. */
  delayMs: number;
  /** Attempts per copy while the receiver answers non-2xx or cannot be reached. */
  maxAttempts: number;
  /** First retry wait, doubled each time (Notion backs off exponentially, over hours). */
  retryDelayMs: number;
}

export const DEFAULT_DELIVERY: WebhookDelivery = { copies: 1, delayMs: 0, maxAttempts: 4, retryDelayMs: 200 };

export type WebhookEventType = 'page.created' | 'page.properties_updated';

export interface NotionWebhookEvent {
  id: string;
  timestamp: string;
  workspace_id: string;
  workspace_name: string;
  subscription_id: string;
  integration_id: string;
  type: WebhookEventType;
  authors: Array<{ id: string; type: 'person' | 'bot' }>;
  attempt_number: number;
  api_version: string;
  entity: { id: string; type: 'page' };
  data: {
    parent: { id: string; type: 'database'; data_source_id: string };
    updated_properties?: string[];
  };
}

export interface DeliveryAttempt {
  eventId: string;
  type: WebhookEventType;
  pageId: string;
  attempt: number;
  /** HTTP status, or why there was none. */
  status: number | 'network_error';
  at: string;
}

export interface EmitInput {
  type: WebhookEventType;
  pageId: string;
  databaseId: string;
  dataSourceId: string;
  author: { id: string; type: 'person' | 'bot' };
  /** URL-encoded property ids, for page.properties_updated. */
  updatedProperties?: string[];
}

export const WORKSPACE = {
  id: '0f3c9a12-5b7e-4d21-8c6a-1e2f3a4b5c6d',
  name: 'Sandbox',
  subscriptionId: '1a2b3c4d-0000-4e5f-8a9b-c0d1e2f3a4b5',
  integrationId: '2b3c4d5e-0000-4f6a-9b0c-d1e2f3a4b5c6',
} as const;


export class NotionWebhooks {
  target: WebhookTarget | null;
  #delivery: WebhookDelivery = { ...DEFAULT_DELIVERY };
  readonly #now: () => number;
  readonly events: NotionWebhookEvent[] = [];
  readonly attempts: DeliveryAttempt[] = [];
  #timers = new Set<NodeJS.Timeout>();
  readonly #inFlight = new InFlight();
  #disposed = false;

  constructor(target: WebhookTarget | null, now: () => number) {
    this.target = target;
    this.#now = now;
  }

  get delivery(): WebhookDelivery {
    return { ...this.#delivery };
  }

  configure(patch: Partial<WebhookDelivery>): WebhookDelivery {
    this.#delivery = { ...this.#delivery, ...patch };
    return this.delivery;
  }

  /** Records the event and schedules its delivery; returns it (also when nobody listens). */
  emit(input: EmitInput): NotionWebhookEvent {
    const event: NotionWebhookEvent = {
      id: newUuid(),
      timestamp: new Date(this.#now()).toISOString(),
      workspace_id: WORKSPACE.id,
      workspace_name: WORKSPACE.name,
      subscription_id: WORKSPACE.subscriptionId,
      integration_id: WORKSPACE.integrationId,
      type: input.type,
      authors: [input.author],
      attempt_number: 1,
      api_version: '2025-09-03',
      entity: { id: input.pageId, type: 'page' },
      data: {
        parent: { id: input.databaseId, type: 'database', data_source_id: input.dataSourceId },
        ...(input.updatedProperties ? { updated_properties: input.updatedProperties } : {}),
      },
    };
    remember(this.events, event);
    const target = this.target;
    if (target && !this.#disposed) {
      for (let copy = 0; copy < this.#delivery.copies; copy += 1) this.#schedule(target, event, 1, this.#delivery.delayMs);
    }
    return event;
  }

  /** Resolves once every scheduled delivery (retries included) has finished. */
  idle(): Promise<void> {
    return this.#inFlight.idle();
  }

  /** Forgets history and delivery settings (the target stays: it is where the app listens). */
  reset(): void {
    this.#cancelTimers();
    this.#delivery = { ...DEFAULT_DELIVERY };
    this.events.length = 0;
    this.attempts.length = 0;
  }

  dispose(): void {
    this.#disposed = true;
    this.#cancelTimers();
  }

  #cancelTimers(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#inFlight.done(this.#timers.size);
    this.#timers.clear();
  }

  #schedule(target: WebhookTarget, event: NotionWebhookEvent, attempt: number, waitMs: number): void {
    this.#inFlight.add();
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#attempt(target, event, attempt).finally(() => {
        this.#inFlight.done();
          });
    }, waitMs);
    this.#timers.add(timer);
  }

  async #attempt(target: WebhookTarget, event: NotionWebhookEvent, attempt: number): Promise<void> {
    const body = JSON.stringify({ ...event, attempt_number: attempt });
    const signature = await signWebhookPayload({ body, verificationToken: target.verificationToken });
    const headers = { 'content-type': 'application/json', 'x-notion-signature': signature, 'user-agent': 'notion-api' };
    const status: DeliveryAttempt['status'] = await postDelivery(target.url, headers, body);
    remember(this.attempts, {
      eventId: event.id,
      type: event.type,
      pageId: event.entity.id,
      attempt,
      status,
      at: new Date(this.#now()).toISOString(),
    });
    const delivered = typeof status === 'number' && status >= 200 && status < 300;
    if (!delivered && attempt < this.#delivery.maxAttempts && !this.#disposed) {
      this.#schedule(target, event, attempt + 1, this.#delivery.retryDelayMs * 2 ** (attempt - 1));
    }
  }

}
