import type pg from 'pg';
import { AppError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { KeyedLock } from '../util/keyed-lock.js';

/**
 * Runs tasks one at a time per key. The flows hold one around each conversation's or ticket's
 * read-check-write sequence; `KeyedLock` does it within one process, `AdvisoryLocks` across every
 * process on one PostgreSQL.
 */
export interface Locks {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** lock_not_available: lock_timeout ran out while another session held the lock. */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * The order locks nest in: a task holding a conversation's lock may take a ticket's (a link adds
 * itself to the ticket, or tells a late customer), and nothing holding any other lock takes
 * another. Each level holds its locks on connections of its own: on one shared pool, a burst of
 * links held every connection and each waited for one more to take the ticket's lock, until the
 * wait ran out and every link failed.
 */
export interface LockPools {
  /** `conversation:` locks, the outer level. */
  conversations: pg.Pool;
  /** Every other lock (tickets, a ticket's conversation list, thread sync), never nested further. */
  others: pg.Pool;
}

const OUTER_PREFIX = 'conversation:';

/** The key a conversation's create, link and unlink take turns on: the outer level of `LockPools`. */
export function conversationLock(conversationId: string): string {
  return `${OUTER_PREFIX}${conversationId}`;
}

/**
 * A PostgreSQL session-level advisory lock per key (`hashtextextended`, 64 bits), held on a
 * connection of its own for as long as the task runs, so replicas on one database take turns.
 * The in-process lock in front queues this process's callers for one key on one connection, not
 * one each. A holder that dies loses its connection, and PostgreSQL releases its locks with it;
 * a holder that is only slow makes the others fail after `waitMs` with a 503 rather than hang.
 */
export class AdvisoryLocks implements Locks {
  readonly #local = new KeyedLock();

  constructor(
    private readonly pools: LockPools,
    private readonly waitMs: number,
    private readonly logger: Logger,
  ) {}

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.#local.run(key, async () => {
      const client = await this.#connect(key);
      let broken: Error | undefined;
      // A held connection that breaks (PostgreSQL restarted, the backend terminated) emits 'error',
      // which would crash the process unheard; the unlock below finds it broken and drops it.
      const onError = (err: Error) => {
        broken = err;
        this.logger.warn({ err: err.message, lock: key }, 'lock: the connection holding it was lost, and the lock with it');
      };
      client.on('error', onError);
      try {
        await this.#acquire(client, key);
      } catch (err) {
        client.off('error', onError);
        client.release(err instanceof Error ? err : true);
        throw err;
      }
      try {
        return await task();
      } finally {
        if (!broken) {
          try {
            await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]);
          } catch (err) {
            // Dropping the connection releases the lock too.
            broken = err instanceof Error ? err : new Error(String(err));
            this.logger.warn({ err: broken.message, lock: key }, 'lock: could not unlock; the connection is dropped instead');
          }
        }
        client.off('error', onError);
        client.release(broken ?? false);
      }
    });
  }

  async #connect(key: string): Promise<pg.PoolClient> {
    try {
      return await (key.startsWith(OUTER_PREFIX) ? this.pools.conversations : this.pools.others).connect();
    } catch (err) {
      throw busy(key, err);
    }
  }

  async #acquire(client: pg.PoolClient, key: string): Promise<void> {
    try {
      // lock_timeout bounds the wait inside PostgreSQL, so a failed wait leaves no lock taken late.
      await client.query("SELECT set_config('lock_timeout', $1, false)", [`${this.waitMs}ms`]);
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
    } catch (err) {
      throw busy(key, err);
    }
  }
}

function busy(key: string, err: unknown): AppError {
  const timedOut = (err as { code?: string }).code === LOCK_NOT_AVAILABLE;
  const message = timedOut
    ? `Another request is still working on ${key}; try again in a moment.`
    : `The store could not take the lock for ${key}: ${err instanceof Error ? err.message : String(err)}`;
  return new AppError('server_busy', 503, message, { details: { retryAfterMs: 5000 }, cause: err });
}
