import type pg from 'pg';
import { silentLogger } from '../../src/observability/logger.js';
import { sqlStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

/** Empties every table the migrations made, so a test starts from a fresh store on a shared server. */
export async function emptyTables(pool: pg.Pool): Promise<void> {
  const rows = (
    await pool.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'",
    )
  ).rows;
  if (rows.length > 0) await pool.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} CASCADE`);
}

/** A store on an existing pool that leaves the pool open when the test closes it. */
export function storeOn(kind: 'pglite' | 'postgres', pool: pg.Pool, now?: () => Date): Promise<Store> {
  return sqlStore(kind, pool, silentLogger, () => Promise.resolve(), { activityRetentionMs: 14 * 24 * 3_600_000, now });
}

/** A store on `pool` with its tables emptied: a fresh disk, on a server the test file shares; `now` stamps the thread ledger. */
export async function freshStoreOn(kind: 'pglite' | 'postgres', pool: pg.Pool, now?: () => Date): Promise<Store> {
  const store = await storeOn(kind, pool, now);
  await emptyTables(pool);
  return store;
}

/** Time passing, as the leases see it: every lease's expiry moved `ms` earlier on the database's clock. */
export async function lapseLeases(pool: pg.Pool, ms: number): Promise<void> {
  await pool.query("UPDATE leases SET expires_at = expires_at - $1 * interval '1 millisecond'", [ms]);
}
