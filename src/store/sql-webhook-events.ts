import { WEBHOOK_EVENT_RETENTION_MS, type WebhookEvents } from '../webhooks/webhook-events.js';
import type { Sql } from './sql.js';

/** Webhook ids in SQL: the primary key makes the first insert win, in one process or across replicas. */
export class SqlWebhookEvents implements WebhookEvents {
  constructor(private readonly sql: Sql) {}

  async firstDelivery(key: string): Promise<boolean> {
    const rows = await this.sql.query('INSERT INTO webhook_events (key, seen_at) VALUES ($1, now()) ON CONFLICT (key) DO NOTHING RETURNING key', [
      key,
    ]);
    return rows.length === 1;
  }

  async seen(key: string): Promise<boolean> {
    return (await this.sql.query('SELECT 1 FROM webhook_events WHERE key = $1', [key])).length === 1;
  }

  async prune(now: Date): Promise<void> {
    await this.sql.query('DELETE FROM webhook_events WHERE seen_at < $1', [new Date(now.getTime() - WEBHOOK_EVENT_RETENTION_MS).toISOString()]);
  }
}
