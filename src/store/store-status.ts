import { access, constants, mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { BACKGROUND_LEASE } from './leases.js';
import { MIGRATIONS } from './migrations.js';
import type { StoreSettings } from './open-store.js';
import { alive } from './pglite-process.js';

export type StoreStatus =
  | { kind: 'postgres'; reachable: true; migration: number; latest: number; /** Who does the background work; null: nobody (no app running, or migration 7 not applied). */ leader: string | null }
  | { kind: 'postgres'; reachable: false; error: string }
  | { kind: 'pglite'; dataDir: string; writable: boolean; exists: boolean; inUseBy: number | null; error?: string };

/**
 * What `npm run doctor` says about the store, without changing it: PostgreSQL is connected to and
 * asked its migration; PGlite's directory is checked for writing but not opened (the running app
 * may hold it, and opening takes seconds).
 */
export async function storeStatus(settings: Pick<StoreSettings, 'stateDir' | 'databaseUrl'>, timeoutMs: number): Promise<StoreStatus> {
  const latest = Math.max(...MIGRATIONS.map((m) => m.id));
  if (settings.databaseUrl) {
    const client = new pg.Client({ connectionString: settings.databaseUrl, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
    try {
      await client.connect();
      const table = await client.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
      const migration = table.rows[0]?.t ? ((await client.query<{ m: number | null }>('SELECT max(id) AS m FROM schema_migrations')).rows[0]?.m ?? 0) : 0;
      return { kind: 'postgres', reachable: true, migration, latest, leader: await backgroundLeader(client) };
    } catch (err) {
      return { kind: 'postgres', reachable: false, error: err instanceof Error ? err.message : String(err) };
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const dataDir = join(settings.stateDir, 'pglite');
  let writable = true;
  let error: string | undefined;
  try {
    await mkdir(settings.stateDir, { recursive: true });
    await access(settings.stateDir, constants.W_OK);
  } catch (err) {
    writable = false;
    error = (err as NodeJS.ErrnoException).code ?? String(err);
  }
  return { kind: 'pglite', dataDir, writable, exists: existsSync(join(dataDir, 'PG_VERSION')), inUseBy: await pidInUse(join(settings.stateDir, 'pglite.pid')), error };
}

/** The holder of the app's background lease, if the table exists and it has not run out. */
async function backgroundLeader(client: pg.Client): Promise<string | null> {
  const table = await client.query<{ t: string | null }>("SELECT to_regclass('leases')::text AS t");
  if (!table.rows[0]?.t) return null;
  const rows = await client.query<{ holder: string }>('SELECT holder FROM leases WHERE name = $1 AND expires_at >= now()', [BACKGROUND_LEASE]);
  return rows.rows[0]?.holder ?? null;
}

async function pidInUse(pidFile: string): Promise<number | null> {
  const pid = Number(await readFile(pidFile, 'utf8').catch(() => ''));
  return alive(pid) ? pid : null;
}
