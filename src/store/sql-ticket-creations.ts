import type { TicketCreations } from './ticket-creations.js';
import type { Sql } from './sql.js';

/** The conversation → created ticket record in SQL (one row per conversation that began a create). */
export class SqlTicketCreations implements TicketCreations {
  constructor(private readonly sql: Sql) {}

  async get(conversationId: string): Promise<{ pageId: string | null } | null> {
    const [row] = await this.sql.query<{ page_id: string | null }>('SELECT page_id FROM ticket_creations WHERE conversation_id = $1', [conversationId]);
    return row ? { pageId: row.page_id } : null;
  }

  async begin(conversationId: string): Promise<void> {
    await this.sql.query('INSERT INTO ticket_creations (conversation_id, began_at) VALUES ($1, now()) ON CONFLICT (conversation_id) DO NOTHING', [conversationId]);
  }

  async finish(conversationId: string, pageId: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO ticket_creations (conversation_id, page_id, began_at) VALUES ($1, $2, now())
       ON CONFLICT (conversation_id) DO UPDATE SET page_id = EXCLUDED.page_id`,
      [conversationId, pageId],
    );
  }

  async forget(conversationId: string): Promise<void> {
    await this.sql.query('DELETE FROM ticket_creations WHERE conversation_id = $1', [conversationId]);
  }
}
