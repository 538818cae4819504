import { Hono } from 'hono';
import { AppError } from '../errors.js';
import type { ThreadSync } from '../flows/threads/thread-sync.js';
import { type BodyBudget, readWithinBudget } from '../http/body-budget.js';
import { limitBody } from '../http/middleware.js';
import { parseJson, readRawBody, requireJsonContentType } from '../http/raw-body.js';
import { validate } from '../http/validate.js';
import { verifyIntercomWebhook } from '../http/webhook-signatures.js';
import type { Logger } from '../observability/logger.js';
import { handleOnce, type WebhookEvents } from '../webhooks/webhook-events.js';
import { intercomEnvelopeSchema, intercomNotificationSchema, THREAD_TOPICS } from '../webhooks/intercom-payloads.js';

export interface IntercomWebhookDeps {
  threads: ThreadSync;
  events: WebhookEvents;
  clientSecrets: readonly string[];
  logger: Logger;
  /** Shared by every route that must read a body before it can verify its sender. */
  bodyBudget: BodyBudget;
}

const TOPICS: ReadonlySet<string> = new Set(THREAD_TOPICS);

/**
 * POST /webhooks/intercom: Intercom's webhook notifications, signed with X-Hub-Signature (sha1
 * HMAC of the raw body with the app's client secret). Intercom waits five seconds: the change is
 * recorded and answered at once; the conversation is read and mirrored in the background.
 */
export function intercomWebhookRoutes(deps: IntercomWebhookDeps): Hono {
  const app = new Hono();

  app.post('/intercom', limitBody(), async (c) => {
    // Refused before a byte of the body is read.
    if (!c.req.header('x-hub-signature')) throw new AppError('invalid_signature', 401, 'Missing X-Hub-Signature.');
    await readWithinBudget(c, deps.bodyBudget);
    const raw = await readRawBody(c);
    if (!verifyIntercomWebhook(raw.bytes, c.req.header('x-hub-signature'), deps.clientSecrets)) {
      throw new AppError('invalid_signature', 401, 'Invalid X-Hub-Signature.');
    }
    requireJsonContentType(c);
    const body = parseJson(raw.text());
    const { topic } = validate(intercomEnvelopeSchema, body, 'Intercom notification');
    if (!TOPICS.has(topic)) return c.json({ status: 'ignored', topic });
    const notification = validate(intercomNotificationSchema, body, 'Intercom notification');
    if (notification.data.item.type !== 'conversation') return c.json({ status: 'ignored', topic });
    const conversationId = notification.data.item.id;
    const first = await handleOnce(deps.events, `intercom:${notification.id}`, () => deps.threads.conversationChanged(conversationId));
    if (!first) return c.json({ status: 'duplicate' });
    deps.logger.info({ notification_id: notification.id, topic: notification.topic, conversation_id: conversationId }, 'intercom notification');
    return c.json({ status: 'accepted' });
  });

  return app;
}
