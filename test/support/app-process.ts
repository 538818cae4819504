import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { sandboxEnv } from '../../src/sandbox/start-sandbox.js';

export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** Every log line so far. */
  lines: string[];
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * The app as its own process (`node --import tsx src/main.ts`), configured like production but
 * pointed at fakes served by the test process: it can be killed and restarted while Notion,
 * Slack and Intercom keep their state.
 */
export async function startAppProcess(fakesUrl: string, env: Record<string, string>): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH, ...sandboxEnv(fakesUrl, 0), LOG_LEVEL: 'info', DONE_SETTLE_SECONDS: '0', SHUTDOWN_DRAIN_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const ready = new Promise<string>((resolve, reject) => {
    const onLine = (line: string) => {
      lines.push(line);
      if (line.includes('intercom-slack-notion is running')) resolve((JSON.parse(line) as { url: string }).url);
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => reject(new Error(`app exited with ${code} before it was ready:\n${lines.join('\n')}`)));
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  try {
    const url = await ready;
    return {
      url,
      child,
      lines,
      async kill(signal = 'SIGKILL') {
        if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
        const exited = once(child, 'exit');
        child.kill(signal);
        const [code] = (await exited) as [number | null];
        return code;
      },
    };
  } finally {
    clearTimeout(timer);
  }
}
