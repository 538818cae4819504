import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryJournal } from '../../src/delivery/journal.js';
import { silentLogger } from '../../src/observability/logger.js';
import { AdvisoryLocks } from '../../src/store/advisory-locks.js';
import { MIGRATIONS, migrate } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { storeStatus } from '../../src/store/store-status.js';
import { activityContract } from '../support/activity-contract.js';
import { journalContract } from '../support/journal-contract.js';
import { setupGapsContract } from '../support/setup-gaps-contract.js';
import { ticketCreationsContract } from '../support/ticket-creations-contract.js';
import { leaseContract, type LeaseFixture } from '../support/lease-contract.js';
import { ticketSnapshotContract } from '../support/ticket-snapshot-contract.js';
import { peopleCacheContract } from '../support/people-cache-contract.js';
import { threadStoreContract } from '../support/thread-store-contract.js';
import { webhookEventsContract } from '../support/webhook-events-contract.js';
import { freshStoreOn, lapseLeases, storeOn } from '../support/sql-stores.js';

/**
 * The same store tests against a real PostgreSQL. vitest includes this folder only when
 * TEST_DATABASE_URL is set (.ci/run starts Debian's postgresql and sets it). Each run works in a
 * schema of its own, dropped at the end.
 */
const url = process.env.TEST_DATABASE_URL!;
const schema = `test_${randomUUID().replaceAll('-', '')}`;
const urlInSchema = (() => {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
})();
const pools: pg.Pool[] = [];
const poolInSchema = (max = 5) => {
  const pool = new pg.Pool({ connectionString: urlInSchema, max });
  pools.push(pool);
  return pool;
};
let pool: pg.Pool;

beforeAll(async () => {
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  pool = poolInSchema();
});
afterAll(async () => {
  await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  await Promise.all(pools.map((p) => p.end()));
});

journalContract('PostgreSQL', () => freshStoreOn('postgres', pool), () => storeOn('postgres', poolInSchema()));
webhookEventsContract('PostgreSQL', () => freshStoreOn('postgres', pool));
activityContract('PostgreSQL', () => freshStoreOn('postgres', pool));
ticketCreationsContract('PostgreSQL', () => freshStoreOn('postgres', pool));
setupGapsContract('PostgreSQL', () => freshStoreOn('postgres', pool));
ticketSnapshotContract('PostgreSQL', () => freshStoreOn('postgres', pool));
leaseContract('PostgreSQL', async (): Promise<LeaseFixture> => ({ store: await freshStoreOn('postgres', pool), lapse: (ms) => lapseLeases(pool, ms) }));
threadStoreContract('PostgreSQL', (now) => freshStoreOn('postgres', pool, now), () => storeOn('postgres', poolInSchema()));
peopleCacheContract('PostgreSQL', () => freshStoreOn('postgres', pool), () => storeOn('postgres', poolInSchema()));

describe('the PostgreSQL store', () => {
  it('tells the doctor which replica holds the background lease', async () => {
    const store = await freshStoreOn('postgres', pool);
    const status = () => storeStatus({ databaseUrl: urlInSchema, stateDir: '' }, 5000);
    expect(await status()).toMatchObject({ reachable: true, leader: null });
    await store.leases.tryAcquire('background', 'app-1:42:abcd', 30_000);
    expect(await status()).toMatchObject({ reachable: true, leader: 'app-1:42:abcd' });
  });

  it('migrates once when several processes start at the same moment', async () => {
    const fresh = `${schema}_race`;
    const admin = new pg.Pool({ connectionString: url, max: 1 });
    await admin.query(`CREATE SCHEMA ${fresh}`);
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${fresh}`);
    // Five "processes", each with its own pool and connections, racing on an empty schema.
    const racers = Array.from({ length: 5 }, () => new pg.Pool({ connectionString: u.toString(), max: 2 }));
    try {
      const applied = await Promise.all(racers.map((p) => migrate(p)));
      expect(applied.flat()).toEqual(MIGRATIONS.map((m) => m.id));
      const rows = (await racers[0]!.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id')).rows;
      expect(rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    } finally {
      await Promise.all(racers.map((p) => p.end()));
      await admin.query(`DROP SCHEMA ${fresh} CASCADE`);
      await admin.end();
    }
  });

  it('opens from DATABASE_URL, migrated, and keeps the journal for the next process', async () => {
    const settings = { nodeEnv: 'production', stateDir: '/nonexistent/never-used', databaseUrl: urlInSchema, activityRetentionMs: 14 * 86_400_000 };
    const first = await openStore(settings, silentLogger);
    expect(first.kind).toBe('postgres');
    // The flows' locks go across processes on PostgreSQL (test/postgres/advisory-locks.test.ts).
    expect(first.locks).toBeInstanceOf(AdvisoryLocks);
    await expect(first.locks.run('conversation:pg-open', () => Promise.resolve('locked'))).resolves.toBe('locked');
    const journal = await DeliveryJournal.open(first.journal);
    const round = await journal.openRound('page-pg');
    await journal.intent(round, 'slack:C9', null);
    await first.close();
    const second = await openStore(settings, silentLogger);
    try {
      await second.check();
      const reopened = await DeliveryJournal.open(second.journal);
      expect(reopened.target(reopened.current('page-pg')!, 'slack:C9').status).toBe('in_doubt');
    } finally {
      await second.close();
    }
  });
});
