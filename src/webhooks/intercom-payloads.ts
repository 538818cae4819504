import { z } from 'zod';

/**
 * Intercom webhook notifications (https://developers.intercom.com, "Webhook models"): an envelope
 * around the changed object. Only what the app reads is checked; Intercom adds fields freely.
 */

/** The topics the thread sync subscribes to (intercom-app.json lists them for `npm run manifest`). */
export const THREAD_TOPICS = [
  'conversation.user.replied',
  'conversation.admin.replied',
  'conversation.admin.noted',
  'conversation.admin.closed',
] as const;

const id = z.union([z.string().min(1).max(64), z.number().int().nonnegative()]).transform(String);

/**
 * What every notification has. Intercom's `ping` (sent when a subscription is saved, and by
 * "Send test request") has a null id and an item without one: answered 200 and ignored.
 */
export const intercomEnvelopeSchema = z.object({ type: z.literal('notification_event'), topic: z.string().min(1).max(200) });

/** A notification of one of the thread sync's topics. */
export const intercomNotificationSchema = z.object({
  type: z.literal('notification_event'),
  id: z.string().min(1).max(200),
  topic: z.string().min(1).max(200),
  app_id: z.string().max(100).optional(),
  data: z.object({ item: z.object({ type: z.string().max(100), id }).passthrough() }).passthrough(),
});

export type IntercomNotification = z.infer<typeof intercomNotificationSchema>;
