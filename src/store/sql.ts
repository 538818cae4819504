import type pg from 'pg';

/**
 * The one way the store talks SQL, to PGlite (through its socket server) and to PostgreSQL alike:
 * both are reached with node-postgres, so the same statements run against both.
 */
export interface Sql {
  query<R extends object>(text: string, params?: unknown[]): Promise<R[]>;
  /** Runs `fn` in one transaction on one connection; rolled back if it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}

export function poolSql(pool: pg.Pool): Sql {
  return {
    async query<R extends object>(text: string, params?: unknown[]) {
      const result = await pool.query<R>(text, params);
      return result.rows;
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(clientSql(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

function clientSql(client: pg.PoolClient): Sql {
  return {
    async query<R extends object>(text: string, params?: unknown[]) {
      return (await client.query<R>(text, params)).rows;
    },
    transaction: (fn) => fn(clientSql(client)),
  };
}
