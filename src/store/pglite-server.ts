import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The PGlite child process (started by pglite-process.ts): Postgres compiled to WebAssembly, on
 * STATE_DIR/pglite, served on a Unix socket only the app can reach. It runs apart from the app so
 * its WebAssembly memory (≈110–160 MB) is not in the app's process, and it exits when the app
 * does, even after a kill -9 (the IPC channel closes).
 *
 *   node pglite-server.js <data dir> <socket path>     serve
 *   node pglite-server.js <data dir> --init            create the data dir (initdb) and exit
 */

/** Small caches: the store holds the journal and a few tables, not a warehouse. */
const PGLITE_CONF = [
  'shared_buffers=8MB',
  'work_mem=1MB',
  'maintenance_work_mem=4MB',
  'temp_buffers=1MB',
  'wal_buffers=256kB',
];

async function main(): Promise<void> {
  const [dataDir, socketPath] = process.argv.slice(2);
  if (!dataDir || !socketPath) throw new Error('usage: pglite-server <data dir> <socket path>|--init');
  const db = new PGlite({ dataDir, postgresqlconf: PGLITE_CONF });
  await db.waitReady;
  if (socketPath === '--init') {
    await db.close();
    return;
  }
  const server = new PGLiteSocketServer({ db, path: socketPath });
  await server.start();
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('disconnect', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => undefined);
  process.send?.({ ready: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
