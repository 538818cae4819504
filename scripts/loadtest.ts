import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { signBody } from '../src/http/signatures.js';
import { SANDBOX } from '../src/sandbox/constants.js';
import type { CallSnapshot } from '../src/sandbox/fakes/calls.js';
import { CONVERSATION } from '../src/sandbox/seed/demo-conversations.js';
import { startSandbox } from '../src/sandbox/start-sandbox.js';
import { writesBetween } from '../test/support/fuzz-sandbox.js';
import { describeStatuses } from './hostile-figures.js';
import { type HostileReport, runHostileScenarios } from './hostile-scenarios.js';

/**
 * `npm run loadtest`: the sandbox in this process on a loopback port, driven by autocannon with
 * signed Canvas Kit requests, one scenario at a time; then the hostile scenarios of issue 12
 * against the app as its own process (scripts/hostile-scenarios.ts). `--only canvas|hostile` runs
 * one half. Prints tables, then one JSON line with the figures. Exits 1 when any canvas request
 * failed (error, timeout, non-2xx, or an error canvas), the heap, after a full GC, grew by more
 * than the allowed margin, or a hostile scenario left a request unanswered, grew the app's memory
 * by 150 MB or more, logged the attacker's value, kept a panel past 8 s or failed the Create.
 *
 * The client runs in the same process as the server (2 cores: one for each, roughly), so the
 * figures are a floor for the app alone.
 */

interface AutocannonRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

interface AutocannonResult {
  requests: { average: number; total: number; sent: number };
  latency: { p50: number; p99: number; average: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  '2xx': number;
}

type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: AutocannonRequest[];
  verifyBody: (body: string) => boolean;
}) => Promise<AutocannonResult>;

// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '10' },
    'max-heap-growth-mb': { type: 'string', default: '32' },
    only: { type: 'string' },
  },
});
if (args.only !== undefined && args.only !== 'canvas' && args.only !== 'hostile') throw new Error('--only takes canvas or hostile');
const DURATION_S = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const MAX_HEAP_GROWTH_MB = Number(args['max-heap-growth-mb']);

const gc = exposeGc();
const progress = (message: string) => process.stderr.write(`[loadtest] ${message}\n`);

let canvasOk = true;
if (args.only !== 'hostile') canvasOk = await canvasScenarios();
let hostileOk = true;
if (args.only !== 'canvas') {
  const report = await runHostileScenarios(progress);
  hostileOk = hostileVerdict(report);
  printHostile(report);
  console.log(JSON.stringify({ ok: hostileOk, hostile: report }));
}
process.exitCode = canvasOk && hostileOk ? 0 : 1;

async function canvasScenarios(): Promise<boolean> {
  const sandbox = await startSandbox(
    // The app's Notion limiter is set to its ceiling: at Notion's real 3 requests/s, refresh would
    // measure the queue in front of Notion, not the app.
    { LOG_LEVEL: 'silent', NOTION_REQUESTS_PER_SECOND: '100', SWEEP_INTERVAL_MINUTES: '1440', INDEX_REFRESH_SECONDS: '3600' },
    'forced',
    { port: 0, quiet: true },
  );

  try {
    await waitFor(() => sandbox.runtime.flows.index.complete);
    progress('linking tickets to a few more conversations, so refresh has tickets to re-read');
    const linkedBefore = [CONVERSATION.slackRename, CONVERSATION.smsBrazil];
    const toLink = [CONVERSATION.oktaLoop, CONVERSATION.csvExport, CONVERSATION.doubleCharge, CONVERSATION.iosCrash];
    for (const id of toLink) {
      const res = await fetch(`${sandbox.url}/create-ticket`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SANDBOX.apiToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ intercom_conversation_id: id }),
      });
      if (res.status !== 200) throw new Error(`set-up: /create-ticket for ${id} answered ${res.status}: ${await res.text()}`);
    }
    const conversations = Object.values(CONVERSATION);

    const scenarios = [
      { name: 'initialize', requests: conversations.map((id) => signed('/canvas/initialize', canvasBody(id))) },
      { name: 'submit refresh', requests: conversations.map((id) => signed('/canvas/submit', { ...canvasBody(id), component_id: 'refresh' })) },
      { name: 'submit find_or_create', requests: conversations.map((id) => signed('/canvas/submit', { ...canvasBody(id), component_id: 'find_or_create' })) },
    ];

    progress('warming up');
    for (const scenario of scenarios) await run(sandbox.url, scenario.requests, 2);
    gc();
    const before = process.memoryUsage();
    const callsBefore = sandbox.world.calls.snapshot();

    const results: Array<{ name: string } & Figures> = [];
    for (const scenario of scenarios) {
      progress(`${scenario.name}: ${DURATION_S} s, ${CONNECTIONS} connections`);
      results.push({ name: scenario.name, ...figures(await run(sandbox.url, scenario.requests, DURATION_S)) });
    }

    const after = process.memoryUsage();
    gc();
    const afterGc = process.memoryUsage();
    const writes = writesBetween(callsBefore, sandbox.world.calls.snapshot());
    const heapGrowthMb = mb(afterGc.heapUsed - before.heapUsed);
    const failed = results.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx + r.errorCanvases, 0);

    const memory = { before: memoryFigures(before), after: memoryFigures(after), afterGc: memoryFigures(afterGc), heapGrowthMb, maxHeapGrowthMb: MAX_HEAP_GROWTH_MB };
    printTable(results, memory, { linked: linkedBefore.length + toLink.length, conversations: conversations.length, writes });
    const ok = failed === 0 && heapGrowthMb <= MAX_HEAP_GROWTH_MB;
    console.log(
      JSON.stringify({
        ok,
        durationS: DURATION_S,
        connections: CONNECTIONS,
        scenarios: results,
        memory,
        writesDuringLoad: writes.length,
        fakeCalls: callTotals(callsBefore, sandbox.world.calls.snapshot()),
      }),
    );
    return ok;
  } finally {
    await sandbox.close();
  }
}

/** What issue 12 asks of the app under attack; the figures themselves are printed either way. */
function hostileVerdict(r: HostileReport): boolean {
  const growth = (m: { before: number; peak: number }) => m.peak - m.before;
  return (
    r.largeBodies.unanswered === 0 &&
    r.slowBodies.unanswered === 0 &&
    growth(r.largeBodies.rssMb) < 150 &&
    growth(r.slowBodies.rssMb) < 150 &&
    r.verificationFlood.linesEchoingTheToken === 0 &&
    Object.keys(r.verificationFlood.statuses).every((code) => code === '401') &&
    r.refreshStorm.refresh.maxMs < 8_000 &&
    r.refreshStorm.errorPanels === 0 &&
    r.refreshStorm.create.ok &&
    r.refreshStorm.create.ms < 8_000
  );
}

function printHostile(r: HostileReport): void {
  const rss = (m: { before: number; peak: number; after: number }) => `RSS ${m.before} → peak ${m.peak} → ${m.after} MB 5 s later`;
  const { largeBodies: large, slowBodies: slow, verificationFlood: flood, refreshStorm: storm } = r;
  console.log('');
  console.log('Hostile scenarios (the app as its own process, production server limits, loopback):');
  console.log(`- large bodies: ${large.connections} connections × ${large.bodyBytes} bytes, bogus signatures, /canvas/* and /webhooks/notion, in ${large.seconds} s`);
  console.log(`    ${describeStatuses(large.statuses)}; unanswered ${large.unanswered}; ${rss(large.rssMb)}`);
  console.log(`- slow bodies: ${slow.connections} connections at ${slow.bytesPerSecond} bytes/s, bogus signatures, every body-reading route`);
  console.log(`    ${describeStatuses(slow.statuses)}; unanswered ${slow.unanswered}; ${rss(slow.rssMb)}`);
  console.log(`- verification flood: ${flood.requests} unsigned {"verification_token": …} in ${flood.seconds} s`);
  console.log(`    ${Object.entries(flood.statuses).map(([c, n]) => `${c} ×${n}`).join(', ')}; ${flood.logLines} log lines (${flood.logBytes} bytes), ${flood.linesEchoingTheToken} repeating the token`);
  console.log(`- Refresh storm: ${storm.clickers} teammates clicking Refresh for ${storm.seconds} s on a conversation linked to every ticket, Notion at 3 requests/s`);
  console.log(`    ${storm.refresh.count} panels: p50 ${storm.refresh.p50Ms} ms, p95 ${storm.refresh.p95Ms} ms, max ${storm.refresh.maxMs} ms; ${storm.errorPanels} error panels; ${storm.notionPageReads} Notion page reads`);
  console.log(`    another teammate's Create meanwhile: ${storm.create.ok ? `${storm.create.ticket} in ${storm.create.ms} ms` : `FAILED after ${storm.create.ms} ms`}`);
}

interface Figures {
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 200s whose canvas is the error canvas: a failure the status code hides. */
  errorCanvases: number;
}

function run(url: string, requests: AutocannonRequest[], duration: number): Promise<AutocannonResult> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    requests,
    verifyBody: (body) => !body.includes('"canvas":"error"'),
  });
}

function figures(r: AutocannonResult): Figures {
  return {
    requests: r.requests.total,
    reqPerSec: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    errorCanvases: r.mismatches,
  };
}

/** Shaped like Intercom's documented Canvas Kit request, signed over the exact bytes sent. */
function canvasBody(conversationId: string): Record<string, unknown> {
  return {
    workspace_id: SANDBOX.intercomAppId,
    workspace_region: 'us',
    admin: { type: 'admin', id: SANDBOX.adminId, name: 'Dana Whitfield', email: 'dana.whitfield@sandbox-support.example' },
    conversation: { type: 'conversation', id: conversationId, state: 'open' },
    contact: { type: 'user', id: '66a1f0c2e4b0a1000000001', role: 'user' },
    context: { location: 'conversation', locale: 'en' },
  };
}

function signed(path: string, payload: Record<string, unknown>): AutocannonRequest {
  const body = JSON.stringify(payload);
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', 'x-body-signature': signBody(body, SANDBOX.intercomClientSecret) },
    body,
  };
}

/** `global.gc` when node runs with --expose-gc; otherwise the flag is turned on now (tsx does not pass it). */
function exposeGc(): () => void {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

function mb(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

function memoryFigures(m: NodeJS.MemoryUsage): { rssMb: number; heapUsedMb: number } {
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed) };
}

function callTotals(before: CallSnapshot, after: CallSnapshot): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([service, calls]) => [service, calls.total - before[service as keyof CallSnapshot].total]));
}

async function waitFor(check: () => boolean): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 30_000) throw new Error('the sandbox did not load its ticket index within 30 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function printTable(
  results: Array<{ name: string } & Figures>,
  memory: { before: ReturnType<typeof memoryFigures>; after: ReturnType<typeof memoryFigures>; afterGc: ReturnType<typeof memoryFigures>; heapGrowthMb: number },
  context: { linked: number; conversations: number; writes: string[] },
): void {
  const header = ['scenario', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'timeouts', 'non-2xx', 'error canvases'];
  const rows = results.map((r) => [r.name, r.requests, r.reqPerSec, r.p50Ms, r.p99Ms, r.maxMs, r.errors, r.timeouts, r.non2xx, r.errorCanvases].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`Load test: ${DURATION_S} s per scenario, ${CONNECTIONS} connections, ${context.conversations} conversations (${context.linked} with linked tickets), sandbox on loopback`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log('');
  console.log(`memory      rss MB  heap used MB`);
  for (const [label, m] of [['before', memory.before], ['after', memory.after], ['after GC', memory.afterGc]] as const) {
    console.log(`${label.padEnd(10)}  ${String(m.rssMb).padStart(6)}  ${String(m.heapUsedMb).padStart(12)}`);
  }
  console.log(`heap growth after GC: ${memory.heapGrowthMb} MB (allowed: ${MAX_HEAP_GROWTH_MB} MB)`);
  console.log(`writes to the fakes during the load: ${context.writes.length ? context.writes.join(', ') : 'none'}`);
}
