import { access, constants, mkdir } from 'node:fs/promises';
import pg from 'pg';
import { ConfigError } from '../config/load-config.js';
import type { Logger } from '../observability/logger.js';
import { KeyedLock } from '../util/keyed-lock.js';
import { AdvisoryLocks, type LockPools, type Locks } from './advisory-locks.js';
import { migrate } from './migrations.js';
import { THREAD_LEDGER_RETENTION_MS } from '../domain/threads/sync-window.js';
import { startPglite } from './pglite-process.js';
import { SqlActivityStore } from './sql-activity-store.js';
import { SqlJournalStore } from './sql-journal-store.js';
import { type Leases, MemoryLeases } from './leases.js';
import { SqlLeases } from './sql-leases.js';
import { SqlPeopleCache } from './sql-people-cache.js';
import { SqlThreadStore } from './sql-thread-store.js';
import { SqlSetupGaps } from './sql-setup-gaps.js';
import { SqlTicketCreations } from './sql-ticket-creations.js';
import { SqlTicketSnapshot } from './sql-ticket-snapshot.js';
import { SqlWebhookEvents } from './sql-webhook-events.js';
import { poolSql, type Sql } from './sql.js';
import type { Store } from './store.js';

export interface StoreSettings {
  nodeEnv: string;
  stateDir: string;
  databaseUrl: string | null;
  /** Operations older than this leave the activity log. */
  activityRetentionMs: number;
}

/** Every store call gives up after this long; the flow's own retries (and the sweep) take over. */
const QUERY_TIMEOUT_MS = 15_000;
const CONNECT_TIMEOUT_MS = 10_000;
/**
 * How long a request waits for another replica's hold on the same conversation or ticket before
 * it fails with 503; a Create holds it for a few seconds, so this is only reached by a stuck holder.
 */
const LOCK_WAIT_MS = 30_000;
/** Connections for held locks (one per key being worked on), per level of nesting (LockPools), apart from the store's queries. */
const LOCK_CONNECTIONS = 10;

/**
 * PostgreSQL when DATABASE_URL is set, else PGlite in STATE_DIR; migrated before it is returned.
 * `now` stamps the thread ledger's intents and work (the app's clock).
 */
export async function openStore(settings: StoreSettings, logger: Logger, now: () => Date = () => new Date()): Promise<Store> {
  const { databaseUrl } = settings;
  if (databaseUrl) {
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
    });
    onPoolError(pool, 'postgres', logger);
    // No query_timeout below the lock wait: pg_advisory_lock is bounded by lock_timeout instead.
    const newLockPool = () => {
      const lockPool = new pg.Pool({
        connectionString: databaseUrl,
        max: LOCK_CONNECTIONS,
        connectionTimeoutMillis: LOCK_WAIT_MS,
        query_timeout: LOCK_WAIT_MS + QUERY_TIMEOUT_MS,
      });
      onPoolError(lockPool, 'postgres', logger);
      return lockPool;
    };
    const lockPools: LockPools = { conversations: newLockPool(), others: newLockPool() };
    const locks = new AdvisoryLocks(lockPools, LOCK_WAIT_MS, logger);
    const endLocks = async () => {
      await Promise.all([lockPools.conversations.end(), lockPools.others.end()]);
    };
    return sqlStore('postgres', pool, logger, endLocks, { activityRetentionMs: settings.activityRetentionMs, now, locks });
  }
  await requireWritable(settings);
  const pglite = await startPglite(settings.stateDir, logger);
  // PGlite is one connection: a pool of one keeps transactions whole and queues the rest in order.
  const pool = new pg.Pool({
    host: pglite.socketDir,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
  });
  onPoolError(pool, 'pglite', logger);
  // Only one process ever opens this PGlite (startPglite refuses a second), so it leads the
  // background work alone; a lease in the database would make a start after a kill -9 wait out
  // the dead process's ttl before sweeping what it left.
  return sqlStore('pglite', pool, logger, () => pglite.stop(), {
    activityRetentionMs: settings.activityRetentionMs,
    now,
    leases: () => new MemoryLeases(now),
  });
}

/** An idle connection that breaks (PostgreSQL restarted) must not crash the app; the next query reconnects. */
function onPoolError(pool: pg.Pool, kind: Store['kind'], logger: Logger): void {
  pool.on('error', (err) => logger.warn({ err: err.message, store: kind }, 'store connection lost'));
}

export interface SqlStoreOptions {
  activityRetentionMs: number;
  /** Stamps the thread ledger's intents and work (the app's clock). */
  now?: () => Date;
  /** In-process unless given (PGlite has one process using it); advisory locks on PostgreSQL. */
  locks?: Locks;
  /** The background lease; in the database unless given. */
  leases?: (sql: Sql) => Leases;
}

/** A migrated store on `pool`; `stopServer` runs when it closes (the PGlite process). */
export async function sqlStore(
  kind: 'pglite' | 'postgres',
  pool: pg.Pool,
  logger: Logger,
  stopServer: () => Promise<void>,
  { activityRetentionMs, now = () => new Date(), locks = new KeyedLock(), leases = (sql) => new SqlLeases(sql) }: SqlStoreOptions,
): Promise<Store> {
  try {
    const applied = await migrate(pool);
    if (applied.length > 0) logger.info({ store: kind, migrations: applied }, 'store migrated');
  } catch (err) {
    await pool.end().catch(() => undefined);
    await stopServer();
    throw err;
  }
  const sql = poolSql(pool);
  const events = new SqlWebhookEvents(sql);
  const activity = new SqlActivityStore(sql);
  const tickets = new SqlTicketSnapshot(sql);
  const threads = new SqlThreadStore(sql, now);
  const people = new SqlPeopleCache(sql);
  return {
    kind,
    journal: new SqlJournalStore(sql),
    events,
    activity,
    threads,
    creations: new SqlTicketCreations(sql),
    setupGaps: new SqlSetupGaps(sql),
    tickets,
    people,
    locks,
    leases: leases(sql),
    async prune(at) {
      await events.prune(at);
      await activity.prune(new Date(at.getTime() - activityRetentionMs));
      await tickets.prune(at);
      const { droppedWork } = await threads.prune(new Date(at.getTime() - THREAD_LEDGER_RETENTION_MS));
      await people.prune(at);
      if (droppedWork.length > 0) logger.warn({ work: droppedWork.slice(0, 20), count: droppedWork.length }, 'thread sync: dropped work that kept failing for 30 days');
    },
    async check() {
      await sql.query('SELECT 1');
    },
    async close() {
      await pool.end();
      await stopServer();
    },
  };
}

/** Without DATABASE_URL the store lives in STATE_DIR: it must be writable, or start-up stops and says what to set. */
async function requireWritable({ nodeEnv, stateDir }: StoreSettings): Promise<void> {
  try {
    await mkdir(stateDir, { recursive: true });
    await access(stateDir, constants.W_OK);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? String(err);
    const production = nodeEnv === 'production' ? 'NODE_ENV=production needs a durable store: ' : '';
    throw new ConfigError([
      `${production}STATE_DIR (${stateDir}) is not writable (${why}). Set DATABASE_URL to a PostgreSQL database, or STATE_DIR to a writable directory on a persistent volume.`,
    ]);
  }
}
