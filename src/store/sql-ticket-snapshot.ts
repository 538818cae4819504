import type { Ticket } from '../domain/ticket.js';
import { REMOVED_RETENTION_MS, type SnapshotChanges, type TicketSnapshot } from '../sync/ticket-snapshot.js';
import type { Sql } from './sql.js';

/** store_meta's key for when a full load last finished writing the snapshot. */
const RECONCILED_AT = 'ticket_snapshot_reconciled_at';

/** Rows per statement: one round trip each, small enough for any parameter size limit. */
const CHUNK = 1000;

/**
 * Any fixed number: a save holds this transaction advisory lock, so saves (from every replica)
 * commit in the order they took their change numbers, and a reader that has seen number n has
 * seen every number below it. Without it a slower save could commit a lower number after a
 * follower moved its cursor past it, and that change would never reach the follower.
 */
const SAVE_LOCK = 7_310_017;

/**
 * The ticket index snapshot in SQL: one row per ticket, the ticket as the index holds it in JSON,
 * numbered from ticket_snapshot_seq on every write (the followers' change feed). A removal marks
 * the row removed (with a new number) rather than deleting it.
 */
export class SqlTicketSnapshot implements TicketSnapshot {
  constructor(private readonly sql: Sql) {}

  async load(): ReturnType<TicketSnapshot['load']> {
    const meta = await this.sql.query<{ value: string }>('SELECT value FROM store_meta WHERE key = $1', [RECONCILED_AT]);
    if (meta.length === 0) return null;
    // The position first: a save committed after it is read again by changesSince, never missed.
    const [position] = await this.sql.query<{ cursor: string }>('SELECT COALESCE(max(seq), 0)::text AS cursor FROM ticket_snapshot');
    const rows = await this.sql.query<{ ticket: Ticket }>('SELECT ticket FROM ticket_snapshot WHERE NOT removed');
    return { tickets: rows.map((r) => r.ticket), reconciledAt: meta[0]!.value, cursor: position!.cursor };
  }

  async save({ upserts, removals, reconciledAt }: Parameters<TicketSnapshot['save']>[0]): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SAVE_LOCK]);
      for (let i = 0; i < upserts.length; i += CHUNK) {
        // One JSON array per statement, unpacked by the server: no parameter per row.
        await tx.query(
          `INSERT INTO ticket_snapshot (page_id, last_edited_time, ticket)
           SELECT t->>'pageId', (t->>'lastEditedTime')::timestamptz, t FROM jsonb_array_elements($1::jsonb) AS t
           ON CONFLICT (page_id) DO UPDATE SET last_edited_time = EXCLUDED.last_edited_time, ticket = EXCLUDED.ticket,
             seq = nextval('ticket_snapshot_seq'), removed = false, changed_at = now()`,
          [JSON.stringify(upserts.slice(i, i + CHUNK))],
        );
      }
      for (let i = 0; i < removals.length; i += CHUNK) {
        await tx.query(
          "UPDATE ticket_snapshot SET removed = true, seq = nextval('ticket_snapshot_seq'), changed_at = now() WHERE page_id = ANY($1::text[]) AND NOT removed",
          [removals.slice(i, i + CHUNK)],
        );
      }
      if (reconciledAt) {
        await tx.query('INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [
          RECONCILED_AT,
          reconciledAt,
        ]);
      }
    });
  }

  async changesSince(cursor: string, limit: number): Promise<SnapshotChanges> {
    // Whole-ness first: the rows of the save that set it are then read too.
    const meta = await this.sql.query<{ value: string }>('SELECT value FROM store_meta WHERE key = $1', [RECONCILED_AT]);
    const rows = await this.sql.query<{ seq: string; page_id: string; removed: boolean; ticket: Ticket }>(
      'SELECT seq::text AS seq, page_id, removed, ticket FROM ticket_snapshot WHERE seq > $1::bigint ORDER BY seq LIMIT $2',
      [cursor, limit],
    );
    return {
      upserts: rows.filter((r) => !r.removed).map((r) => r.ticket),
      removals: rows.filter((r) => r.removed).map((r) => r.page_id),
      cursor: rows.at(-1)?.seq ?? cursor,
      reconciledAt: meta[0]?.value ?? null,
    };
  }

  /** Forgets removed tickets' rows older than REMOVED_RETENTION_MS. */
  async prune(now: Date): Promise<void> {
    await this.sql.query('DELETE FROM ticket_snapshot WHERE removed AND changed_at < $1', [new Date(now.getTime() - REMOVED_RETENTION_MS).toISOString()]);
  }
}
