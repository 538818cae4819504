import { type ChildProcess, fork } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../observability/logger.js';

/**
 * Starts PGlite in a child process on STATE_DIR/pglite and says where its socket is.
 *
 * Why a child: PGlite's first start (initdb) takes the process to ~750 MB and an open database
 * to ~150–200 MB of WebAssembly memory that is never given back; the app's own process stays at
 * its size, and the initdb peak lives in a process that exits. Why a template: initdb takes
 * 10–30 s of CPU, so its result is kept once per installation (node_modules/.cache) and each new
 * data directory is a copy of it.
 */
export interface PgliteProcess {
  /** The directory holding the socket (node-postgres's `host`). */
  socketDir: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;
const PREVIOUS_OWNER_WAIT_MS = 10_000;

export async function startPglite(stateDir: string, logger: Logger): Promise<PgliteProcess> {
  const dataDir = join(stateDir, 'pglite');
  const pidFile = join(stateDir, 'pglite.pid');
  await waitForPreviousOwner(pidFile, dataDir);
  await ensureDataDir(dataDir, logger);
  const socketDir = await mkdtemp(join(tmpdir(), 'isn-pglite-'));
  let child = await serve(dataDir, socketDir);
  await writeFile(pidFile, String(child.pid));
  let stopping = false;
  const watch = (c: ChildProcess) =>
    c.once('exit', (code, signal) => {
      if (stopping) return;
      logger.error({ code, signal }, 'the PGlite process exited; restarting it');
      setTimeout(() => {
        serve(dataDir, socketDir)
          .then(async (next) => {
            child = next;
            watch(next);
            await writeFile(pidFile, String(next.pid));
          })
          .catch((err: unknown) => logger.error({ err }, 'the PGlite process could not be restarted'));
      }, 1000).unref();
    });
  watch(child);
  return {
    socketDir,
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.disconnect();
        await exited;
      }
      await rm(pidFile, { force: true });
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}

/** The child's entry: the .ts beside this file under tsx and vitest, the .js in the build. */
function serverEntry(): { path: string; execArgv: string[] } {
  const self = fileURLToPath(import.meta.url);
  const typescript = self.endsWith('.ts');
  return { path: join(dirname(self), `pglite-server.${typescript ? 'ts' : 'js'}`), execArgv: typescript ? ['--import', 'tsx'] : [] };
}

function runChild(args: string[]): ChildProcess {
  const entry = serverEntry();
  return fork(entry.path, args, { execArgv: entry.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

async function serve(dataDir: string, socketDir: string): Promise<ChildProcess> {
  const child = runChild([dataDir, join(socketDir, '.s.PGSQL.5432')]);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`PGlite did not start within ${READY_TIMEOUT_MS / 1000} s (data in ${dataDir})`));
    }, READY_TIMEOUT_MS);
    child.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`PGlite exited with ${code} while starting (data in ${dataDir}); see the lines above`));
    });
  });
  child.removeAllListeners('exit');
  return child;
}

/** initdb in a child that exits (taking its memory with it), once per installation; then a copy. */
async function ensureDataDir(dataDir: string, logger: Logger): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  await mkdir(dirname(dataDir), { recursive: true });
  const template = templateDir();
  if (!existsSync(join(template, 'PG_VERSION'))) {
    logger.info('creating the PGlite database (initdb; once per installation, 10–30 s)');
    await initdbInto(template);
  }
  const tmp = `${dataDir}.${process.pid}.tmp`;
  await rm(tmp, { recursive: true, force: true });
  await cp(template, tmp, { recursive: true });
  await rename(tmp, dataDir);
}

/** Where the pristine data directory is kept: beside PGlite in node_modules, per PGlite version. */
export function templateDir(): string {
  // The package's exports hide its package.json: find it from its entry (…/pglite/dist/index.cjs).
  const root = dirname(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return join(root, '..', '..', '.cache', 'intercom-slack-notion', `pglite-${version}`);
}

/** Runs initdb into `dir` (atomically: two processes at once end with one good directory). */
export async function initdbInto(dir: string): Promise<void> {
  if (existsSync(join(dir, 'PG_VERSION'))) return;
  await mkdir(dirname(dir), { recursive: true });
  const tmp = `${dir}.${process.pid}.${Date.now()}.tmp`;
  const child = runChild([tmp, '--init']);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`PGlite initdb failed (exit ${code}) in ${tmp}`);
  try {
    await rename(tmp, dir);
  } catch (err) {
    // Another process finished first: its directory is as good as ours.
    await rm(tmp, { recursive: true, force: true });
    if (!existsSync(join(dir, 'PG_VERSION'))) throw err;
  }
}

/**
 * Two PGlite processes on one data directory would corrupt it. A previous app process killed
 * with -9 leaves its PGlite child a moment to notice and exit: wait for it, then refuse.
 */
async function waitForPreviousOwner(pidFile: string, dataDir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(await readFile(pidFile, 'utf8'));
  } catch {
    return;
  }
  const deadline = Date.now() + PREVIOUS_OWNER_WAIT_MS;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      throw new Error(
        `${dataDir} is in use by another PGlite process (pid ${pid}): stop the other instance, or set DATABASE_URL to share one PostgreSQL between instances`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
