import type { Leases } from './leases.js';
import type { Sql } from './sql.js';

/**
 * Leases in SQL, one row per name. Taking and renewing are one upsert: PostgreSQL locks the row on
 * conflict and checks the holder and expiry on its latest version, so two replicas racing for a
 * lapsed lease cannot both win. Every time is the database's now().
 */
export class SqlLeases implements Leases {
  constructor(private readonly sql: Sql) {}

  async tryAcquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const rows = await this.sql.query(
      `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE leases.holder = EXCLUDED.holder OR leases.expires_at < now()
       RETURNING holder`,
      [name, holder, ttlMs],
    );
    return rows.length === 1;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.sql.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  async holder(name: string): Promise<string | null> {
    const rows = await this.sql.query<{ holder: string }>('SELECT holder FROM leases WHERE name = $1 AND expires_at >= now()', [name]);
    return rows[0]?.holder ?? null;
  }
}
