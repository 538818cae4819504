import type { SetupGaps } from './setup-gaps.js';
import type { Sql } from './sql.js';

/** Failed set-up steps in SQL: one row per conversation and ticket with something missing. */
export class SqlSetupGaps implements SetupGaps {
  constructor(private readonly sql: Sql) {}

  async get(conversationId: string, pageIds: string[]): Promise<Map<string, string[]>> {
    if (pageIds.length === 0) return new Map();
    const rows = await this.sql.query<{ page_id: string; steps: string[] }>(
      'SELECT page_id, steps FROM setup_gaps WHERE conversation_id = $1 AND page_id = ANY($2::text[])',
      [conversationId, pageIds],
    );
    return new Map(rows.map((r) => [r.page_id, r.steps]));
  }

  async set(conversationId: string, pageId: string, steps: string[]): Promise<void> {
    if (steps.length === 0) {
      await this.sql.query('DELETE FROM setup_gaps WHERE conversation_id = $1 AND page_id = $2', [conversationId, pageId]);
      return;
    }
    await this.sql.query(
      `INSERT INTO setup_gaps (conversation_id, page_id, steps, at) VALUES ($1, $2, $3::jsonb, now())
       ON CONFLICT (conversation_id, page_id) DO UPDATE SET steps = EXCLUDED.steps, at = EXCLUDED.at`,
      [conversationId, pageId, JSON.stringify(steps)],
    );
  }
}
