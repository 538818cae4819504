import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/load-config.js';
import { DeliveryJournal } from '../../src/delivery/journal.js';
import { silentLogger } from '../../src/observability/logger.js';
import { MIGRATIONS, migrate } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { type PgliteProcess, startPglite } from '../../src/store/pglite-process.js';
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

// One PGlite process for the file; each test empties its tables.
let pglite: PgliteProcess;
let pool: pg.Pool;
beforeAll(async () => {
  pglite = await startPglite(await mkdtemp(join(tmpdir(), 'pglite-store-')), silentLogger);
  pool = new pg.Pool({ host: pglite.socketDir, user: 'postgres', database: 'postgres', max: 1 });
}, 120_000);
afterAll(async () => {
  await pool?.end();
  await pglite?.stop();
});

journalContract('PGlite', () => freshStoreOn('pglite', pool), () => storeOn('pglite', pool));
webhookEventsContract('PGlite', () => freshStoreOn('pglite', pool));
activityContract('PGlite', () => freshStoreOn('pglite', pool));
ticketCreationsContract('PGlite', () => freshStoreOn('pglite', pool));
setupGapsContract('PGlite', () => freshStoreOn('pglite', pool));
ticketSnapshotContract('PGlite', () => freshStoreOn('pglite', pool));
leaseContract('PGlite', async (): Promise<LeaseFixture> => ({ store: await freshStoreOn('pglite', pool), lapse: (ms) => lapseLeases(pool, ms) }));
threadStoreContract('PGlite', (now) => freshStoreOn('pglite', pool, now), () => storeOn('pglite', pool));
peopleCacheContract('PGlite', () => freshStoreOn('pglite', pool), () => storeOn('pglite', pool));

describe('the PGlite store', () => {
  it('migrates once, however many processes ask at once', async () => {
    await Promise.all([migrate(pool), migrate(pool), migrate(pool)]);
    const rows = (await pool.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id')).rows;
    expect(rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('keeps the journal and the webhook ids seen across a restart of the app and its PGlite process', async () => {
    const stateDir = await mkdtemp(join(tmpdir(), 'pglite-restart-'));
    const settings = { nodeEnv: 'production', stateDir, databaseUrl: null, activityRetentionMs: 14 * 86_400_000 };
    const first = await openStore(settings, silentLogger);
    expect(first.kind).toBe('pglite');
    const journal = await DeliveryJournal.open(first.journal);
    const round = await journal.openRound('page-9');
    await journal.intent(round, 'intercom:9', 'hello');
    expect(await first.events.firstDelivery('notion:evt-9')).toBe(true);
    await first.close();

    const second = await openStore(settings, silentLogger);
    try {
      const reopened = await DeliveryJournal.open(second.journal);
      expect(reopened.target(reopened.current('page-9')!, 'intercom:9').status).toBe('in_doubt');
      expect(await second.events.firstDelivery('notion:evt-9')).toBe(false);
      expect(await readdir(stateDir)).toContain('pglite');
    } finally {
      await second.close();
    }
  }, 120_000);

  it('refuses to start when STATE_DIR cannot be written, naming DATABASE_URL and STATE_DIR', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'not-a-dir-')), 'file');
    await writeFile(file, '');
    const error = await openStore({ nodeEnv: 'production', stateDir: join(file, 'state'), databaseUrl: null, activityRetentionMs: 14 * 86_400_000 }, silentLogger).catch(
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems[0]).toMatch(/NODE_ENV=production.*STATE_DIR .* is not writable.*Set DATABASE_URL/);
  });
});
