import { SANDBOX } from '../../src/sandbox/constants.js';
import { startFakesServer } from '../../src/sandbox/fakes-server.js';
import { sandboxEnv } from '../../src/sandbox/start-sandbox.js';
import type { WorldOptions } from '../../src/sandbox/fakes/world.js';
import type { Output } from '../../src/setup/output.js';

/** An Output that keeps what the command wrote. */
export function captureOutput(): Output & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    line: (text = '') => void out.push(text),
    error: (text) => void err.push(text),
    stdout: () => out.join('\n'),
    stderr: () => err.join('\n'),
  };
}

/** The fakes over real HTTP, and the environments the set-up commands are run with. */
export async function startFakes(options: WorldOptions = {}) {
  const fakes = await startFakesServer(options);
  return {
    ...fakes,
    /** Only what `npm run setup -- notion` needs. */
    notionEnv: (extra: Record<string, string> = {}) => ({
      NOTION_API_KEY: SANDBOX.token,
      NOTION_API_BASE_URL: `${fakes.url}/notion`,
      ...extra,
    }),
    /** The whole app configuration, as the sandbox runs it, with a public URL. */
    appEnv: (extra: Record<string, string> = {}) => ({
      ...sandboxEnv(fakes.url, 0),
      PUBLIC_URL: 'https://tickets.example.com',
      ...extra,
    }),
  };
}

export type Fakes = Awaited<ReturnType<typeof startFakes>>;

/** The database id printed on the NOTION_DATABASE_ID line. */
export function printedDatabaseId(stdout: string): string {
  const match = /^NOTION_DATABASE_ID=(\S+)$/m.exec(stdout);
  if (!match) throw new Error(`no NOTION_DATABASE_ID line in:\n${stdout}`);
  return match[1]!;
}
