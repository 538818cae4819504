import { z } from 'zod';

/**
 * Slack Events API envelopes and interaction payloads, as far as the thread sync reads them.
 * Slack adds fields freely: objects pass through, only the fields used are checked.
 */

const ts = z.string().regex(/^\d{1,12}\.\d{1,8}$/);
const slackId = z.string().min(1).max(40);

export const urlVerificationSchema = z.object({ type: z.literal('url_verification'), challenge: z.string().min(1).max(500) });

const innerMessage = z.object({ ts: ts.optional(), thread_ts: ts.optional(), user: slackId.optional(), bot_id: slackId.optional() }).passthrough();

export const messageEventSchema = z
  .object({
    type: z.literal('message'),
    channel: slackId,
    subtype: z.string().max(100).optional(),
    ts: ts.optional(),
    thread_ts: ts.optional(),
    user: slackId.optional(),
    bot_id: slackId.optional(),
    message: innerMessage.optional(),
    previous_message: innerMessage.optional(),
  })
  .passthrough();

export const eventCallbackSchema = z.object({
  type: z.literal('event_callback'),
  event_id: z.string().min(1).max(100),
  event: z.object({ type: z.string().min(1).max(100) }).passthrough(),
});

export type MessageEvent = z.infer<typeof messageEventSchema>;

export const messageActionSchema = z
  .object({
    type: z.literal('message_action'),
    callback_id: z.string().max(255),
    trigger_id: z.string().min(1).max(255),
    user: z.object({ id: slackId }).passthrough(),
    channel: z.object({ id: slackId }).passthrough(),
    message: z
      .object({ ts, thread_ts: ts.optional(), user: slackId.optional(), bot_id: slackId.optional(), text: z.string().max(40_000).default('') })
      .passthrough(),
  })
  .passthrough();

export const viewSubmissionSchema = z
  .object({
    type: z.literal('view_submission'),
    user: z.object({ id: slackId }).passthrough(),
    view: z.object({ id: slackId, callback_id: z.string().max(255).default(''), private_metadata: z.string().max(3000).default('') }).passthrough(),
  })
  .passthrough();

export const interactionTypeSchema = z.object({ type: z.string().min(1).max(100) }).passthrough();
