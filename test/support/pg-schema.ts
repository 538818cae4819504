import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A schema of its own on the PostgreSQL at `baseUrl`, so runs sharing one server (tests, the
 * bench) never see each other's tables; `url` is `baseUrl` with it as the search_path, and `drop`
 * leaves nothing behind.
 */
export async function freshSchema(baseUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: baseUrl, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
