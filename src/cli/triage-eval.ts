/**
 * Measures triage on a labelled set: retrieval recall@1/5/10 and MRR, and how often the
 * existing/new/uncertain decision is right, how often it asks, and how often it links wrongly. Runs the app's own index, retrieval and triage; the offline
 * triager decides unless GOOGLE_GEMINI_API_KEY is set, then Gemini does (GEMINI_MODEL,
 * GEMINI_API_BASE_URL and TRIAGE_TIMEOUT_MS as for the server).
 *
 *   tsx src/cli/triage-eval.ts --tickets test/fixtures/triage/tickets.jsonl \
 *     --queries test/fixtures/triage/queries.jsonl [--online] [--json]
 *
 * --online answers the queries in file order and settles each as an agent confirming the right
 * answer would (linked to its expected ticket, whose Customer Reports learn its words, or created
 * as a new ticket), so later queries search an index that learned from earlier ones.
 *
 * Exit codes: 0 done, 2 bad arguments or input files (the message names the file and line).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import type { TriageModel } from '../ports.js';
import { FixtureError, parseQueriesJsonl, parseTicketsJsonl } from '../domain/triage/eval-fixtures.js';
import { decidedRight, type EvalMetrics } from '../domain/triage/eval-metrics.js';
import { evaluateTriage, type Evaluation } from '../domain/triage/evaluate.js';
import { createLogger } from '../observability/logger.js';

const USAGE = 'usage: tsx src/cli/triage-eval.ts --tickets FILE --queries FILE [--online] [--json]';
const DEFAULT_MODEL = 'gemini-3.5-flash';
const DEFAULT_TIMEOUT_MS = 4000;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const args = readArgs(argv);
  const tickets = parseTicketsJsonl(readInput(args.tickets), args.tickets);
  const queries = parseQueriesJsonl(readInput(args.queries), args.queries, tickets);
  const timeoutMs = Number(process.env.TRIAGE_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
  const model = await geminiFromEnv(timeoutMs);
  const mode = args.online ? 'online' : 'batch';
  console.log(`${tickets.length} tickets, ${queries.length} queries (${mode}), decided by ${model ? model.name : 'the offline triager'}\n`);
  const evaluation = await evaluateTriage({ tickets, queries, model, timeoutMs, mode });
  printCases(evaluation);
  printMetrics(evaluation.metrics, evaluation);
  if (args.json) console.log(JSON.stringify({ ...evaluation.metrics, mode: evaluation.mode }));
  return 0;
}

function readArgs(argv: string[]): { tickets: string; queries: string; json: boolean; online: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        tickets: { type: 'string' },
        queries: { type: 'string' },
        json: { type: 'boolean', default: false },
        online: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  if (!values.tickets || !values.queries) throw new UsageError(`--tickets and --queries are required\n${USAGE}`);
  return { tickets: values.tickets, queries: values.queries, json: values.json ?? false, online: values.online ?? false };
}

function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new FixtureError(file, null, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(err)})`);
  }
}

/** Gemini when a key is set; imported lazily so the offline path needs none of it. */
async function geminiFromEnv(timeoutMs: number): Promise<TriageModel | null> {
  const apiKey = process.env.GOOGLE_GEMINI_API_KEY?.trim();
  if (!apiKey) return null;
  const { createGeminiTriageModel } = await import('../services/gemini/gemini-triage-model.js');
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', secrets: [apiKey], destination: pino.destination(2) });
  return createGeminiTriageModel({
    apiKey,
    model: process.env.GEMINI_MODEL?.trim() || DEFAULT_MODEL,
    baseUrl: process.env.GEMINI_API_BASE_URL?.trim() || null,
    timeoutMs,
    logger,
  });
}

function printCases(evaluation: Evaluation): void {
  const rows = evaluation.cases.map((c, i) => [
    String(i + 1),
    decidedRight(c) ? 'ok' : 'WRONG',
    c.expected.join(' ') || '(new)',
    c.decision === 'existing' ? `existing ${c.suggested}` : c.decision,
    c.ranked.slice(0, 3).join(' '),
    c.text.replace(/\s+/g, ' ').slice(0, 60),
  ]);
  console.log(table(['#', 'result', 'expected', 'decision', 'top 3 retrieved', 'query'], rows));
}

function printMetrics(m: EvalMetrics, evaluation: Evaluation): void {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const fallbacks = evaluation.cases.filter((c) => c.madeBy.kind === 'offline' && c.madeBy.why !== 'not_configured').length;
  const rows = [
    ['recall@1', pct(m.recall_at_1), `of ${m.queries_with_ticket} queries with a ticket`],
    ['recall@5', pct(m.recall_at_5), ''],
    ['recall@10', pct(m.recall_at_10), ''],
    ['MRR', m.mrr.toFixed(3), ''],
    ['decision accuracy', pct(m.decision_accuracy), `of ${m.queries} queries`],
    ['  existing right', pct(m.existing_accuracy), `of ${m.queries_with_ticket}`],
    ['  new right', pct(m.new_accuracy), `of ${m.queries_new}`],
    ['uncertain', pct(m.uncertain_rate), 'asked the agent (right when the ticket is among the 3 shown, or new is right)'],
    ['false links', pct(m.false_link_rate), 'answered "existing" with a wrong ticket, or when new was right'],
  ];
  if (fallbacks > 0) rows.push(['model fallbacks', String(fallbacks), 'decided offline after a timeout, error or invalid answer']);
  console.log(`\n${table(['metric', 'value', ''], rows)}`);
}

function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((r) => (r[col] ?? '').length)));
  const line = (r: string[]) => r.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof FixtureError) {
      console.error(`triage-eval: ${err.message}`);
      process.exitCode = 2;
      return;
    }
    console.error(err);
    process.exitCode = 1;
  },
);
