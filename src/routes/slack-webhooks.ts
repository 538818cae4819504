import type { Context } from 'hono';
import { Hono } from 'hono';
import { CONFIRM_SEND_CALLBACK, confirmationSchema, SEND_TO_CUSTOMER_CALLBACK } from '../domain/threads/send-to-customer-views.js';
import { AppError } from '../errors.js';
import type { FlowDeps } from '../flows/deps.js';
import { askToSendToCustomer } from '../flows/threads/send-to-customer.js';
import type { ThreadSync } from '../flows/threads/thread-sync.js';
import { type BodyBudget, readWithinBudget } from '../http/body-budget.js';
import { limitBody } from '../http/middleware.js';
import { parseJson, readRawBody } from '../http/raw-body.js';
import { validate } from '../http/validate.js';
import { verifySlackRequest } from '../http/webhook-signatures.js';
import {
  eventCallbackSchema,
  interactionTypeSchema,
  type MessageEvent,
  messageActionSchema,
  messageEventSchema,
  urlVerificationSchema,
  viewSubmissionSchema,
} from '../webhooks/slack-payloads.js';
import { handleOnce } from '../webhooks/webhook-events.js';

export interface SlackWebhookDeps {
  threads: ThreadSync;
  flows: FlowDeps;
  signingSecrets: readonly string[];
  /** Shared by every route that must read a body before it can verify its sender. */
  bodyBudget: BodyBudget;
  /** Injected so tests can move the clock (stale timestamps). */
  nowMs?: () => number;
}

/** Edits and deletions: not synced, but the thread is told so once. */
const EDIT_SUBTYPES = new Set(['message_changed', 'message_deleted']);

/**
 * POST /webhooks/slack (Events API) and POST /webhooks/slack/interactions (the `Send to customer`
 * message shortcut and its confirmation). Both are signed with the app's signing secret over
 * `v0:{timestamp}:{body}`; a request older than five minutes is refused. Slack waits three
 * seconds: events are recorded and answered at once, the work happens in the background.
 */
export function slackWebhookRoutes(deps: SlackWebhookDeps): Hono {
  const app = new Hono();

  app.post('/slack', limitBody(), async (c) => {
    const text = await verified(c, deps);
    const body = parseJson(text);
    const handshake = urlVerificationSchema.safeParse(body);
    if (handshake.success) return c.json({ challenge: handshake.data.challenge });
    const callback = validate(eventCallbackSchema, body, 'Slack event');
    const event = messageEventSchema.safeParse(callback.event);
    if (!event.success) return c.json({ status: 'ignored' });
    let status = 'ignored';
    const first = await handleOnce(deps.flows.webhookEvents, `slack:${callback.event_id}`, async () => {
      status = await dispatch(deps, event.data);
    });
    if (!first) return c.json({ status: 'duplicate', retry: c.req.header('x-slack-retry-num') ?? null });
    return c.json({ status });
  });

  app.post('/slack/interactions', limitBody(), async (c) => {
    const text = await verified(c, deps);
    const raw = new URLSearchParams(text).get('payload');
    if (raw === null) throw new AppError('invalid_request', 400, 'Slack interactions are a form with a `payload` field.');
    const payload = parseJson(raw);
    const { type } = validate(interactionTypeSchema, payload, 'Slack interaction');
    if (type === 'message_action') {
      const action = validate(messageActionSchema, payload, 'Slack message shortcut');
      if (action.callback_id !== SEND_TO_CUSTOMER_CALLBACK) return c.body(null, 200);
      await askToSendToCustomer(deps.flows, action.trigger_id, {
        channelId: action.channel.id,
        ts: action.message.ts,
        threadTs: action.message.thread_ts ?? null,
        user: action.message.user ?? null,
        botId: action.message.bot_id ?? null,
        text: action.message.text,
      });
      return c.body(null, 200);
    }
    if (type === 'view_submission') {
      const submission = validate(viewSubmissionSchema, payload, 'Slack view submission');
      if (submission.view.callback_id !== CONFIRM_SEND_CALLBACK) return c.body(null, 200);
      const confirmation = validate(confirmationSchema, parseJson(submission.view.private_metadata), 'confirmation');
      await handleOnce(deps.flows.webhookEvents, `slack-view:${submission.view.id}`, () => deps.threads.sendConfirmed(confirmation, submission.user.id));
      // An empty 200 closes the modal; the reply is sent in the background.
      return c.body(null, 200);
    }
    return c.body(null, 200);
  });

  return app;
}

/** The body of a Slack request whose signature and timestamp check out; 401 otherwise. */
async function verified(c: Context, deps: SlackWebhookDeps): Promise<string> {
  if (deps.signingSecrets.length === 0) {
    throw new AppError('unauthorized', 401, 'SLACK_SIGNING_SECRET is not set, so Slack requests cannot be verified.');
  }
  const signature = c.req.header('x-slack-signature');
  const timestamp = c.req.header('x-slack-request-timestamp');
  // Refused before a byte of the body is read.
  if (!signature || !timestamp) throw new AppError('invalid_signature', 401, 'Missing X-Slack-Signature or X-Slack-Request-Timestamp.');
  await readWithinBudget(c, deps.bodyBudget);
  const raw = await readRawBody(c);
  const verdict = verifySlackRequest({ body: raw.bytes, signature, timestamp, secrets: deps.signingSecrets, nowMs: deps.nowMs?.() });
  if (verdict === 'stale') throw new AppError('invalid_signature', 401, 'X-Slack-Request-Timestamp is more than five minutes away: refused as a possible replay.');
  if (verdict !== 'ok') throw new AppError('invalid_signature', 401, 'Invalid X-Slack-Signature.');
  return raw.text();
}

async function dispatch(deps: SlackWebhookDeps, event: MessageEvent): Promise<string> {
  if (event.subtype && EDIT_SUBTYPES.has(event.subtype)) {
    const before = event.previous_message ?? event.message;
    if (!before?.thread_ts || before.thread_ts === before.ts || before.bot_id) return 'ignored';
    await deps.threads.threadEdited(event.channel, before.thread_ts);
    return 'accepted';
  }
  // The app's own messages (and other bots') never go back: dropped here, and again by the pass.
  if (event.bot_id || !event.user || !event.thread_ts || event.thread_ts === event.ts) return 'ignored';
  await deps.threads.threadChanged(event.channel, event.thread_ts);
  return 'accepted';
}
