import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/test-sandbox.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The processes under `pid` (npm → the app), from `ps`: the test must see none of them survive. */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

let npm: ChildProcess | null = null;
let left: number[] = [];

afterEach(() => {
  // Whatever the assertions said, nothing this test started outlives it.
  for (const pid of [...left, ...(npm?.pid ? [npm.pid] : [])]) if (alive(pid)) process.kill(pid, 'SIGKILL');
  npm = null;
  left = [];
});

describe('npm start', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('stops the server and every process under npm on %s to the npm process', async (signal) => {
    npm = spawn(NPM, ['start'], {
      cwd: ROOT,
      // Sandbox whatever a .env holds; port 0: any free port, read back from the banner.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SANDBOX: '1', PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(() => /http:\/\/127\.0\.0\.1:\d+\/sandbox/.test(output), 60_000);
    const url = /(http:\/\/127\.0\.0\.1:\d+)\/sandbox/.exec(output)![1]!;
    expect(await answers(url)).toBe(true);
    left = descendants(npm.pid!);
    expect(left.length, 'npm runs the app in a process of its own').toBeGreaterThan(0);

    const exited = once(npm, 'exit');
    npm.kill(signal);
    await exited;

    await eventually(() => left.every((pid) => !alive(pid)), 20_000);
    expect(await answers(url)).toBe(false);
    // It was a graceful stop, not a kill: the app said so on its way out.
    expect(output).toContain('shutting down');
  }, 90_000);
});
