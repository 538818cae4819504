import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Each design runs in a fresh Node process, so its resident memory is its own and one run's
 * garbage cannot slow the next. The processes run the compiled JavaScript (`compileForBench`), as
 * production does (`npm run build`): tsx's loader alone would add some 70 MB to every figure.
 * Parameters go in as JSON on the command line; the result comes back as one IPC message.
 */

type Message = { result: unknown } | { ready: string } | { error: string };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, '.bench-dist');

/** Compiles the app and the benchmark to .bench-dist (bench/tsconfig.json). */
export function compileForBench(): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'bench/tsconfig.json')], {
    stdio: 'inherit',
  });
}

function start(script: string, params: unknown): ChildProcess {
  return fork(join(DIST, 'bench', script.replace(/\.ts$/, '.js')), [JSON.stringify(params)], {
    cwd: ROOT,
    // --expose-gc: memory is read after a collection, not with the last page's garbage in it.
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Runs `script` (relative to bench/) to completion and returns what it reported. */
export function runChild<T>(script: string, params: unknown): Promise<T> {
  const child = start(script, params);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    child.on('message', (message: Message) => {
      if ('result' in message) {
        settled = true;
        resolve(message.result as T);
      } else if ('error' in message) {
        settled = true;
        reject(new Error(`${script}: ${message.error}`));
      }
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`${script} exited with code ${code} before reporting`));
    });
  });
}

/** The fakes in their own process, seeded with `tickets` tickets; stop() ends that process. */
export function startFakesProcess(tickets: number): Promise<{ url: string; stop(): Promise<void> }> {
  const child = start('fakes-process.ts', { tickets });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.on('message', (message: Message) => {
      if ('ready' in message) {
        resolve({
          url: message.ready,
          stop: async () => {
            child.disconnect();
            await exited;
          },
        });
      } else if ('error' in message) reject(new Error(`fakes: ${message.error}`));
    });
    child.once('exit', (code) => reject(new Error(`the fakes process exited with code ${code}`)));
  });
}

/** The child side: reads the parameters, runs `main`, reports its result (or error) and exits. */
export function childMain<P, R>(main: (params: P) => Promise<R>): void {
  // The benchmark stopped (Ctrl-C, a crash): nobody is waiting for this run any more.
  process.once('disconnect', () => process.exit(1));
  const params = JSON.parse(process.argv[2] ?? '{}') as P;
  main(params).then(
    (result) => process.send?.({ result }, () => process.exit(0)),
    (err: unknown) => {
      process.send?.({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, () => process.exit(1));
    },
  );
}
