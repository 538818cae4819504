import type pg from 'pg';

/**
 * The store's schema, one migration at a time, applied in order at start-up (and by
 * `npm run migrate`). Append only: a migration that has run anywhere is never edited.
 */
interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: 'delivery journal',
    sql: `
      CREATE TABLE store_meta (key text PRIMARY KEY, value text NOT NULL);
      CREATE TABLE delivery_rounds (
        id text PRIMARY KEY,
        page_id text NOT NULL,
        started_at timestamptz NOT NULL
      );
      CREATE TABLE delivery_targets (
        round_id text NOT NULL REFERENCES delivery_rounds (id) ON DELETE CASCADE,
        target text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL,
        intent_at timestamptz,
        fingerprint text,
        last_error text,
        PRIMARY KEY (round_id, target)
      );
      CREATE TABLE delivery_told (
        page_id text NOT NULL,
        target text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (page_id, target)
      );
    `,
  },
  {
    id: 2,
    name: 'webhook event dedupe',
    sql: `
      CREATE TABLE webhook_events (key text PRIMARY KEY, seen_at timestamptz NOT NULL);
      CREATE INDEX webhook_events_seen_at ON webhook_events (seen_at);
    `,
  },
  {
    id: 3,
    name: 'activity log',
    sql: `
      CREATE TABLE activity (
        id text PRIMARY KEY,
        kind text NOT NULL,
        started_at timestamptz NOT NULL,
        subject_text text NOT NULL,
        record jsonb NOT NULL
      );
      CREATE INDEX activity_started_at ON activity (started_at DESC);
    `,
  },
  {
    id: 4,
    name: 'thread sync ledger',
    sql: `
      CREATE TABLE thread_threads (
        conversation_id text NOT NULL,
        page_id text NOT NULL,
        channel_id text NOT NULL,
        root_ts text NOT NULL,
        opened_at double precision NOT NULL,
        status text NOT NULL,
        edits_seen boolean NOT NULL,
        PRIMARY KEY (conversation_id, page_id)
      );
      CREATE INDEX thread_threads_root ON thread_threads (channel_id, root_ts);
      CREATE TABLE thread_records (
        key text PRIMARY KEY,
        status text NOT NULL,
        attempts integer NOT NULL,
        intent_at timestamptz,
        fingerprint text,
        target_id text,
        last_error text
      );
      CREATE INDEX thread_records_target ON thread_records (target_id);
      CREATE TABLE thread_work (
        key text PRIMARY KEY,
        version integer NOT NULL,
        data jsonb NOT NULL,
        since timestamptz NOT NULL
      );
    `,
  },
  {
    id: 5,
    name: 'ticket index snapshot',
    sql: `
      CREATE TABLE ticket_snapshot (
        page_id text PRIMARY KEY,
        last_edited_time timestamptz NOT NULL,
        ticket jsonb NOT NULL
      );
    `,
  },
  {
    id: 6,
    name: 'ticket creations',
    sql: `
      CREATE TABLE ticket_creations (
        conversation_id text PRIMARY KEY,
        page_id text,
        began_at timestamptz NOT NULL
      );
    `,
  },
  {
    id: 7,
    name: 'background lease, ticket snapshot change feed',
    sql: `
      CREATE TABLE leases (
        name text PRIMARY KEY,
        holder text NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE SEQUENCE ticket_snapshot_seq;
      ALTER TABLE ticket_snapshot
        ADD COLUMN seq bigint NOT NULL DEFAULT nextval('ticket_snapshot_seq'),
        ADD COLUMN removed boolean NOT NULL DEFAULT false,
        ADD COLUMN changed_at timestamptz NOT NULL DEFAULT now();
      CREATE INDEX ticket_snapshot_seq_idx ON ticket_snapshot (seq);
    `,
  },
  {
    id: 8,
    name: 'slack directory and email lookups',
    // One row for the whole directory: a listing replaces it in one statement.
    sql: `
      CREATE TABLE slack_directory (
        id smallint PRIMARY KEY CHECK (id = 1),
        users jsonb NOT NULL,
        loaded_at timestamptz NOT NULL
      );
      CREATE TABLE slack_email_lookups (
        email text PRIMARY KEY,
        slack_user jsonb,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX slack_email_lookups_expires_at ON slack_email_lookups (expires_at);
    `,
  },
  {
    id: 9,
    name: 'thread ledger retention',
    // Records already there count as written now: they are kept a whole retention from the upgrade.
    sql: `
      ALTER TABLE thread_records ADD COLUMN written_at timestamptz NOT NULL DEFAULT now();
      CREATE INDEX thread_records_written_at ON thread_records (written_at);
      CREATE INDEX thread_work_since ON thread_work (since);
    `,
  },
  {
    id: 10,
    name: 'set-up gaps',
    sql: `
      CREATE TABLE setup_gaps (
        conversation_id text NOT NULL,
        page_id text NOT NULL,
        steps jsonb NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (conversation_id, page_id)
      );
    `,
  },
];

/** Any fixed number: every process of the app takes this advisory lock while it migrates. */
const MIGRATION_LOCK = 7_310_013;

/**
 * Applies what is missing. Two processes starting at once (a rolling deploy) take turns on a
 * session advisory lock, so the second finds the work done; each migration commits with its row
 * in schema_migrations, so a crash half-way leaves nothing half-applied.
 */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const done = new Set((await client.query<{ id: number }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
      const applied: number[] = [];
      for (const migration of MIGRATIONS) {
        if (done.has(migration.id)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
        applied.push(migration.id);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
