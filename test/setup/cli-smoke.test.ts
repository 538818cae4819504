import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { startFakes, type Fakes } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/**
 * The three npm scripts as a person runs them: a process each, from a directory without a .env,
 * with only the environment given here.
 */
function run(cli: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      TSX,
      [join(ROOT, 'src', 'cli', cli), ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let cwd: string;
let fakes: Fakes;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'setup-cli-'));
  fakes = await startFakes({ seed: 'empty' });
});

afterAll(async () => {
  await fakes.close();
  await rm(cwd, { recursive: true, force: true });
});

describe('the set-up CLIs as processes', () => {
  it('npm run setup creates the database and prints its id', async () => {
    const { code, stdout } = await run('setup.ts', ['notion', '--parent', SANDBOX.notionParentPageId], fakes.notionEnv());

    expect(stdout).toMatch(/^NOTION_DATABASE_ID=[0-9a-f-]{36}$/m);
    expect(code).toBe(0);
  });

  it('npm run setup -- notion --check --sandbox checks the fakes and exits 0', async () => {
    const { code, stdout } = await run('setup.ts', ['notion', '--check', '--sandbox']);

    expect(stdout).toContain('✓ Schema: every property fits the app');
    expect(code).toBe(0);
  });

  it('npm run doctor -- --sandbox passes and exits 0', async () => {
    const { code, stdout } = await run('doctor.ts', ['--sandbox']);

    expect(stdout).toContain('0 failed');
    expect(code).toBe(0);
  });

  it('npm run doctor exits 1 when nothing is configured', async () => {
    const { code, stdout } = await run('doctor.ts', []);

    expect(stdout).toContain('✗ Environment variables');
    expect(stdout).toContain('Nothing is configured yet');
    expect(code).toBe(1);
  });

  it('npm run manifest -- --json prints the filled manifest', async () => {
    const { code, stdout } = await run('manifest.ts', ['--json'], { PUBLIC_URL: 'https://tickets.example.com' });

    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { notion: { webhook: { url: string } } }).notion.webhook.url).toBe('https://tickets.example.com/webhooks/notion');
  });
});
