import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = 'src/cli/triage-eval.ts';
const env = { ...process.env, GOOGLE_GEMINI_API_KEY: '' };

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', CLI, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function files(tickets: string, queries: string): { tickets: string; queries: string } {
  const dir = mkdtempSync(join(tmpdir(), 'triage-eval-'));
  writeFileSync(join(dir, 'tickets.jsonl'), tickets);
  writeFileSync(join(dir, 'queries.jsonl'), queries);
  return { tickets: join(dir, 'tickets.jsonl'), queries: join(dir, 'queries.jsonl') };
}

const ticketLines = [
  '{"id":"JMP-1","title":"CSV export breaks rows","description":"Line breaks split records.","status":"open"}',
  '{"id":"JMP-2","title":"Webhook retries missing","description":"No retry after 503.","status":"open"}',
].join('\n');

describe('triage-eval CLI', () => {
  it('prints a table and, with --json, ends with one JSON line of the metrics', async () => {
    const f = files(ticketLines, '{"text":"my csv export has broken rows","expected":["JMP-1"]}\n{"text":"dark mode please","expected":[]}');
    const { code, stdout } = await cli(['--tickets', f.tickets, '--queries', f.queries, '--json']);
    expect(code).toBe(0);
    expect(stdout).toContain('recall@1');
    const last = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(Object.keys(last)).toEqual(
      expect.arrayContaining(['recall_at_1', 'recall_at_5', 'recall_at_10', 'mrr', 'decision_accuracy', 'queries', 'uncertain_rate', 'false_link_rate', 'mode']),
    );
    expect(last).toMatchObject({ queries: 2, recall_at_1: 1, mode: 'batch' });
  });

  it('--online: a later query finds the ticket an earlier one was linked to by that query\'s words', async () => {
    const f = files(
      ticketLines,
      [
        '{"text":"webhook retries are missing after a 503, since we rotated the signing secret in the dashboard","expected":["JMP-2"]}',
        '{"text":"rotated the signing secret in the dashboard, nothing arrives","expected":["JMP-2"]}',
      ].join('\n'),
    );
    const batch = JSON.parse((await cli(['--tickets', f.tickets, '--queries', f.queries, '--json'])).stdout.trim().split('\n').at(-1)!);
    const { code, stdout } = await cli(['--tickets', f.tickets, '--queries', f.queries, '--online', '--json']);
    expect(code).toBe(0);
    const online = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(batch).toMatchObject({ mode: 'batch', recall_at_1: 0.5 });
    expect(online).toMatchObject({ mode: 'online', recall_at_1: 1 });
    expect(Object.keys(online)).toEqual(Object.keys(batch));
  });

  it('exits with 2 and names the file and line of a bad input line', async () => {
    const f = files(`${ticketLines}\n{"id":"JMP-3","title":"x"`, '{"text":"a","expected":[]}');
    const { code, stderr } = await cli(['--tickets', f.tickets, '--queries', f.queries]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${f.tickets}:3: not valid JSON`);
  });

  it('exits with 2 for a missing file or missing arguments', async () => {
    const missing = await cli(['--tickets', '/nonexistent/tickets.jsonl', '--queries', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/tickets.jsonl: no such file');
    const noArgs = await cli([]);
    expect(noArgs.code).toBe(2);
    expect(noArgs.stderr).toContain('usage:');
  });
});
