/**
 * Which webhook deliveries were already handled (Notion's event id, Intercom's notification id,
 * Slack's event_id), kept in the store so a retry is dropped after a restart too, and by any
 * replica. Ids are kept for a week: every sender retries for far less.
 */
export interface WebhookEvents {
  /** Records `key`; false when it was already recorded (a duplicate delivery). */
  firstDelivery(key: string): Promise<boolean>;
}

export const WEBHOOK_EVENT_RETENTION_MS = 7 * 24 * 3_600_000;
