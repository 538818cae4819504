/**
 * Which webhook deliveries were already handled (Notion's event id, Intercom's notification id,
 * Slack's event_id), kept in the store so a retry is dropped after a restart too, and by any
 * replica. Ids are kept for a week: every sender retries for far less.
 */
export interface WebhookEvents {
  /** Records `key`; false when it was already recorded (a duplicate delivery). */
  firstDelivery(key: string): Promise<boolean>;
  /** Whether `key` was recorded. */
  seen(key: string): Promise<boolean>;
}

/**
 * Handles a delivery unless it was handled before: `record` (which must durably record the work,
 * and be harmless to repeat) runs first and the id is remembered after it. If `record` fails the
 * id is not remembered, so the sender's retry is handled rather than dropped as a duplicate; a
 * crash between the two, or duplicates arriving at once, record the work twice, which changes
 * nothing. False for a duplicate.
 */
export async function handleOnce(events: WebhookEvents, key: string, record: () => Promise<void>): Promise<boolean> {
  if (await events.seen(key)) return false;
  await record();
  await events.firstDelivery(key);
  return true;
}

export const WEBHOOK_EVENT_RETENTION_MS = 7 * 24 * 3_600_000;
