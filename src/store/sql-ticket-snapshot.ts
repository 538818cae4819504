import type { Ticket } from '../domain/ticket.js';
import type { TicketSnapshot } from '../sync/ticket-snapshot.js';
import type { Sql } from './sql.js';

/** store_meta's key for when a full load last finished writing the snapshot. */
const RECONCILED_AT = 'ticket_snapshot_reconciled_at';

/** Rows per statement: one round trip each, small enough for any parameter size limit. */
const CHUNK = 1000;

/** The ticket index snapshot in SQL: one row per ticket, the ticket as the index holds it in JSON. */
export class SqlTicketSnapshot implements TicketSnapshot {
  constructor(private readonly sql: Sql) {}

  async load(): ReturnType<TicketSnapshot['load']> {
    const meta = await this.sql.query<{ value: string }>('SELECT value FROM store_meta WHERE key = $1', [RECONCILED_AT]);
    if (meta.length === 0) return null;
    const rows = await this.sql.query<{ ticket: Ticket }>('SELECT ticket FROM ticket_snapshot');
    return { tickets: rows.map((r) => r.ticket), reconciledAt: meta[0]!.value };
  }

  async save({ upserts, removals, reconciledAt }: Parameters<TicketSnapshot['save']>[0]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      for (let i = 0; i < upserts.length; i += CHUNK) {
        // One JSON array per statement, unpacked by the server: no parameter per row.
        await tx.query(
          `INSERT INTO ticket_snapshot (page_id, last_edited_time, ticket)
           SELECT t->>'pageId', (t->>'lastEditedTime')::timestamptz, t FROM jsonb_array_elements($1::jsonb) AS t
           ON CONFLICT (page_id) DO UPDATE SET last_edited_time = EXCLUDED.last_edited_time, ticket = EXCLUDED.ticket`,
          [JSON.stringify(upserts.slice(i, i + CHUNK))],
        );
      }
      for (let i = 0; i < removals.length; i += CHUNK) {
        await tx.query('DELETE FROM ticket_snapshot WHERE page_id = ANY($1::text[])', [removals.slice(i, i + CHUNK)]);
      }
      if (reconciledAt) {
        await tx.query('INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [
          RECONCILED_AT,
          reconciledAt,
        ]);
      }
    });
  }
}
