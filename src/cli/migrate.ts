/**
 * `npm run migrate`: brings the store (PostgreSQL with DATABASE_URL, else PGlite in STATE_DIR) to
 * the latest schema and exits. The app does the same when it starts; this is for deploy pipelines
 * that migrate before they roll out. Safe while other instances run or start (advisory lock).
 */
import { existsSync } from 'node:fs';
import { envSchema } from '../config/env-schema.js';
import { configProblem } from '../config/load-config.js';
import { createLogger } from '../observability/logger.js';
import { MIGRATIONS } from '../store/migrations.js';
import { openStore } from '../store/open-store.js';

if (existsSync('.env')) process.loadEnvFile('.env');
const parsed = envSchema.pick({ NODE_ENV: true, STATE_DIR: true, DATABASE_URL: true, ACTIVITY_RETENTION_DAYS: true }).safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? '');
    process.stderr.write(`${configProblem(name, process.env[name], issue.message)}\n`);
  }
  process.exit(1);
}
const e = parsed.data;
const logger = createLogger({ level: 'info', secrets: e.DATABASE_URL ? [decodeURIComponent(new URL(e.DATABASE_URL).password)] : [] });
try {
  const store = await openStore(
    { nodeEnv: e.NODE_ENV, stateDir: e.STATE_DIR, databaseUrl: e.DATABASE_URL ?? null, activityRetentionMs: e.ACTIVITY_RETENTION_DAYS * 86_400_000 },
    logger,
  );
  await store.close();
  const where = store.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${e.STATE_DIR}/pglite`;
  process.stdout.write(`${where} is at migration ${Math.max(...MIGRATIONS.map((m) => m.id))}, the latest.\n`);
} catch (err) {
  process.stderr.write(`migrate failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
