import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { silentLogger } from '../../src/observability/logger.js';
import { AdvisoryLocks } from '../../src/store/advisory-locks.js';

/**
 * The per-conversation and per-ticket locks on a real PostgreSQL: two AdvisoryLocks on two pools
 * are two replicas. Advisory locks are database-wide, so each test uses keys of its own.
 */
const url = process.env.TEST_DATABASE_URL!;
const pools: pg.Pool[] = [];
const replica = (waitMs = 10_000) => {
  const [conversations, others] = [new pg.Pool({ connectionString: url, max: 4 }), new pg.Pool({ connectionString: url, max: 4 })];
  pools.push(conversations, others);
  return new AdvisoryLocks({ conversations, others }, waitMs, silentLogger);
};
const key = () => `conversation:${randomUUID()}`;
afterAll(() => Promise.all(pools.map((p) => p.end())));

/** A promise the test settles, to hold a task inside its lock for as long as the test wants. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Starts a task on `locks` that holds `k` until `release`; resolves once it is inside. */
async function holdLock(locks: AdvisoryLocks, k: string): Promise<{ release: () => void; done: Promise<string> }> {
  const held = gate();
  const inside = gate();
  const done = locks.run(k, async () => {
    inside.open();
    await held.opened;
    return 'finished anyway';
  });
  await inside.opened;
  return { release: held.open, done };
}

/** The backend that holds the advisory lock for `k` (the lock's 64 bits are classid:objid). */
async function holderOf(admin: pg.Pool, k: string): Promise<number[]> {
  const rows = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_locks, hashtextextended($1, 0) AS h
     WHERE locktype = 'advisory' AND granted
       AND classid::bigint = (h >> 32) & 4294967295 AND objid::bigint = h & 4294967295`,
    [k],
  );
  return rows.rows.map((r) => r.pid);
}

describe('AdvisoryLocks on PostgreSQL', () => {
  it('never runs two tasks for one key at once, across two replicas', async () => {
    const [a, b] = [replica(), replica()];
    const k = key();
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    const task = (n: number) => async () => {
      inside += 1;
      most = Math.max(most, inside);
      // Yield to the other replica's callers while holding the lock (a read-check-write would).
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(n);
      inside -= 1;
      return n;
    };
    const results = await Promise.all(Array.from({ length: 12 }, (_, n) => (n % 2 === 0 ? a : b).run(k, task(n))));
    expect(results).toEqual(Array.from({ length: 12 }, (_, n) => n));
    expect(order).toHaveLength(12);
    expect(most).toBe(1);
  });

  it('runs tasks for different keys at the same time', async () => {
    const [a, b] = [replica(), replica()];
    const held = gate();
    const first = a.run(key(), () => held.opened.then(() => 'first'));
    // Completes while the other key is still held, or this test times out.
    await expect(b.run(key(), () => Promise.resolve('second'))).resolves.toBe('second');
    held.open();
    await expect(first).resolves.toBe('first');
  });

  it('frees the lock when its holder connection dies', async () => {
    const admin = new pg.Pool({ connectionString: url, max: 1 });
    pools.push(admin);
    const [a, b] = [replica(), replica()];
    const k = key();
    const dying = await holdLock(a, k);
    const holders = await holderOf(admin, k);
    expect(holders).toHaveLength(1);
    await admin.query('SELECT pg_terminate_backend($1)', [holders[0]]);
    // A is still inside its task, but its session is gone: B gets the lock.
    await expect(b.run(k, () => Promise.resolve('b ran'))).resolves.toBe('b ran');
    dying.release();
    await expect(dying.done).resolves.toBe('finished anyway');
    // A drops the dead connection and locks again on a fresh one.
    await expect(a.run(k, () => Promise.resolve('a again'))).resolves.toBe('a again');
    expect(await holderOf(admin, k)).toEqual([]);
  });

  it('fails a waiter with 503 server_busy when the holder keeps the lock past the wait', async () => {
    const a = replica();
    const impatient = replica(200);
    const k = key();
    const holding = await holdLock(a, k);
    const ran: string[] = [];
    const err = await impatient.run(k, () => Promise.resolve(ran.push('ran'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'server_busy', status: 503 });
    expect((err as AppError).message).toContain(k);
    expect(ran).toEqual([]);
    holding.release();
    await holding.done;
    // The failed wait took no lock: the next caller gets it at once.
    await expect(impatient.run(k, () => Promise.resolve('later'))).resolves.toBe('later');
  });
});

describe('nested locks on PostgreSQL', () => {
  it("takes a ticket's lock inside a conversation's even when conversations hold every lock connection", async () => {
    const locks = replica();
    const ticket = `ticket-conversations:${randomUUID()}`;
    // More conversations at once than the pool has connections, each adding itself to one ticket
    // (a burst of links): the ticket's lock must not wait for a connection a conversation holds.
    const linked = await Promise.all(
      Array.from({ length: 6 }, (_, n) => locks.run(key(), () => locks.run(ticket, () => new Promise<number>((resolve) => setTimeout(() => resolve(n), 5))))),
    );
    expect(linked).toEqual([0, 1, 2, 3, 4, 5]);
  }, 10_000);
});
