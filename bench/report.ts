import type { OpFigures } from './lib/measure-op.js';
import { round } from './lib/stats.js';
import type { DesignRun, MachineLoad, RealtimeRun, StoreOpsRun, WarmStartRun } from './results.js';
import { LATENCY_MS, NOTION_RPS } from './settings.js';

/** Everything one run measured, as the driver collected it. */
export interface BenchResults {
  compression: number;
  ours: DesignRun[];
  naive: DesignRun[];
  realtime: RealtimeRun | null;
  warmStart: WarmStartRun | null;
  /** The journal's writes during a Done; postgres null when no PostgreSQL was given (BENCH_DATABASE_URL). */
  storeOps: { pglite: StoreOpsRun | null; postgres: StoreOpsRun | null };
  elapsedS: number;
  load: MachineLoad;
}

/** The last line of the output: every figure, arrays following `n`, scalars at the largest N. */
export function summaryJson(r: BenchResults): Record<string, unknown> {
  return {
    n: r.ours.map((run) => run.n),
    compression: r.compression,
    load_average: [round(r.load.start, 2), round(r.load.end, 2)],
    ours: { ...designFigures(r.ours), ...realtimeFigures(r.realtime), ...warmStartFigures(r.warmStart), ...storeOpsFigures(r.storeOps) },
    naive: designFigures(r.naive),
  };
}

function designFigures(runs: DesignRun[]): Record<string, unknown> {
  const last = runs.at(-1)!;
  return {
    suggest_p50_ms: runs.map((run) => round(run.suggest.p50Ms)),
    suggest_p95_ms: runs.map((run) => round(run.suggest.p95Ms)),
    notion_calls_per_suggest: runs.map((run) => round(run.suggest.notionCallsPerSuggest, 2)),
    prompt_tokens: runs.map((run) => round(run.suggest.promptTokens, 0)),
    create_ms: round(last.create.ms),
    create_round_trips: last.create.roundTrips,
    calls_per_create: round(last.create.calls, 2),
    calls_per_link: round(last.link.calls, 2),
    calls_per_done: round(last.done.calls, 2),
    first_suggest_s: round(last.startup.firstSuggestS ?? Number.NaN, 2),
    full_index_s: round(last.startup.fullIndexS ?? Number.NaN, 1),
    rss_mb: round(last.rssMb, 0),
    // Beyond the issue's keys: what the figures above rest on.
    triage_step_p50_ms: runs.map((run) => round(run.suggest.triageP50Ms ?? Number.NaN)),
    triage_step_p95_ms: runs.map((run) => round(run.suggest.triageP95Ms ?? Number.NaN)),
    prompt_chars: runs.map((run) => round(run.suggest.promptChars, 0)),
    model_calls_per_suggest: runs.map((run) => round(run.suggest.modelCallsPerSuggest, 2)),
    suggest_samples: runs.map((run) => run.suggest.samples),
    create_ms_cold: round(last.createCold.ms),
    create_round_trips_cold: last.createCold.roundTrips,
    link_ms: round(last.link.ms),
    link_round_trips: last.link.roundTrips,
    done_ms: round(last.done.ms),
    done_round_trips: last.done.roundTrips,
    first_suggest_tickets_seen: last.startup.ticketsSeen,
    rss_peak_mb: round(last.rssPeakMb, 0),
    rss_baseline_mb: round(last.rssBaselineMb, 0),
    ...(last.design === 'ours'
      ? {
          rss_after_load_mb: round(last.rssAfterLoadMb ?? Number.NaN, 0),
          pglite_rss_mb: last.pgliteRssMb === null || last.pgliteRssMb === undefined ? null : round(last.pgliteRssMb, 0),
          pglite_peak_mb: last.pglitePeakMb === null || last.pglitePeakMb === undefined ? null : round(last.pglitePeakMb, 0),
        }
      : {}),
    heap_used_mb: round(last.heapUsedMb, 0),
    notion_429s: runs.reduce((n, run) => n + run.notion429, 0),
  };
}

function realtimeFigures(rt: RealtimeRun | null): Record<string, unknown> {
  if (!rt) return {};
  return {
    first_suggest_s: round(rt.firstSuggestS, 2),
    first_suggest_tickets_seen: rt.ticketsSeen,
    first_suggest_with_tickets_s: round(rt.firstSuggestWithTicketsS, 2),
    first_suggest_with_tickets_seen: rt.ticketsSeenWithTickets,
    full_index_real_clock_s: round(rt.fullIndexRealClockS, 0),
    full_index_real_clock_measured: rt.fullIndexRealClockMeasured,
    notion_max_rps_1s: round(rt.notionMaxRps1s, 2),
    notion_max_rps_10s: round(rt.notionMaxRps10s, 2),
    notion_max_rps_1s_exact: round(rt.notionMaxRps1sExact, 2),
    create_during_full_load_ms: round(rt.createDuringSyncMs),
    suggest_during_full_load_p95_ms: round(rt.suggestDuringSyncP95Ms),
  };
}

function warmStartFigures(ws: WarmStartRun | null): Record<string, unknown> {
  if (!ws) return {};
  return { warm_start_s: round(ws.warmStartS, 2), warm_start_notion_requests: ws.notionRequests, warm_start_from_snapshot: ws.fromSnapshot };
}

function storeOpsFigures(ops: BenchResults['storeOps']): Record<string, unknown> {
  const p95 = (run: StoreOpsRun | null) => (run ? round(run.p95Ms, 1) : null);
  return {
    store_ops_p95_ms: { pglite: p95(ops.pglite), postgres: p95(ops.postgres) },
    store_ops_p50_ms: { pglite: ops.pglite ? round(ops.pglite.p50Ms, 1) : null, postgres: ops.postgres ? round(ops.postgres.p50Ms, 1) : null },
    store_ops_samples: { pglite: ops.pglite?.ops ?? null, postgres: ops.postgres?.ops ?? null },
  };
}

// ---------------------------------------------------------------------------------------------
// The table for people
// ---------------------------------------------------------------------------------------------

const num = (value: number | null | undefined, digits = 0): string =>
  value === null || value === undefined || !Number.isFinite(value)
    ? '–'
    : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  const line = (row: string[]) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  ');
  return rows.map(line).join('\n');
}

function calls(op: OpFigures): string {
  const parts = Object.entries(op.byService).map(([service, n]) => `${service} ${num(n, Number.isInteger(n) ? 0 : 1)}`);
  return `${num(op.calls, Number.isInteger(op.calls) ? 0 : 1)} (${parts.join(', ')})`;
}

function msTrips(op: OpFigures): string {
  return `${num(op.ms)} / ${op.roundTrips}`;
}

function wavesLine(op: OpFigures): string {
  return op.waves.map((wave, i) => `${i + 1}: ${wave.map((call) => call.replace(/^(\w+) /, '$1:')).join(' + ')}`).join('\n    ');
}

export function renderReport(r: BenchResults): string {
  const k = r.compression;
  const ours = r.ours;
  const naive = r.naive;
  const last = { ours: ours.at(-1)!, naive: naive.at(-1)! };
  const n = last.ours.n;
  const rt = r.realtime;
  const startupOurs = last.ours.startup;
  const pair = (f: (run: DesignRun) => string) => ours.flatMap((run, i) => [f(run), f(naive[i]!)]);

  const suggestion = table([
    ['', ...ours.flatMap((run) => [`ours N=${num(run.n)}`, `naive N=${num(run.n)}`])],
    ['p50 (ms)', ...pair((run) => num(run.suggest.p50Ms, 1))],
    ['p95 (ms)', ...pair((run) => num(run.suggest.p95Ms, 1))],
    ['  of which triage step, p50 / p95', ...pair(triageStep)],
    ['Notion calls per suggestion', ...pair((run) => num(run.suggest.notionCallsPerSuggest, 1))],
    ['model calls per suggestion', ...pair((run) => num(run.suggest.modelCallsPerSuggest, 0))],
    ['prompt, estimated tokens', ...pair((run) => num(run.suggest.promptTokens))],
    ['prompt, characters', ...pair((run) => num(run.suggest.promptChars))],
    ['samples', ...pair((run) => num(run.suggest.samples))],
  ]);

  const confirm = table([
    ['', 'ours', 'naive'],
    ['create: wall time (ms)', num(last.ours.create.ms), num(last.naive.create.ms)],
    ['create: sequential round trips', num(last.ours.create.roundTrips), num(last.naive.create.roundTrips)],
    ['create: external calls', calls(last.ours.create), calls(last.naive.create)],
    ['create, caches cold: ms / round trips', msTrips(last.ours.createCold), msTrips(last.naive.createCold)],
    ['link: ms / round trips', msTrips(last.ours.link), msTrips(last.naive.link)],
    ['link: external calls', calls(last.ours.link), calls(last.naive.link)],
    ['Done: ms / round trips', msTrips(last.ours.done), msTrips(last.naive.done)],
    ['Done: external calls (3 conversations)', calls(last.ours.done), calls(last.naive.done)],
  ]);

  const startup = table([
    ['', 'ours', 'naive'],
    [
      'first suggestion served (s)',
      rt ? `${num(rt.firstSuggestS, 2)} (saw ${seen(rt.ticketsSeen, n)})` : '–',
      `${num(last.naive.startup.firstSuggestS, 1)} (reads all ${num(n)})`,
    ],
    [
      'first suggestion with tickets (s)',
      rt ? `${num(rt.firstSuggestWithTicketsS, 2)} (saw ${seen(rt.ticketsSeenWithTickets, n)})` : '–',
      '–',
    ],
    ['full index (s, compressed × K)', num(last.ours.startup.fullIndexS, 1), 'none: reads all per suggestion'],
    [
      '  measured / rate-limit bound (real s)',
      `${num(startupOurs.fullIndexRealS, 1)} / ${num(startupOurs.rateBoundRealS, 1)} (${num(startupOurs.notionRequests)} requests)`,
      '',
    ],
    [
      `  at the real clock, ${rt?.fullIndexRealClockMeasured ? 'measured' : 'projected from its pace'} (s)`,
      rt ? num(rt.fullIndexRealClockS) : '–',
      '',
    ],
    [
      'restart from the index snapshot, real clock (s)',
      r.warmStart ? `${num(r.warmStart.warmStartS, 2)} (${num(r.warmStart.fromSnapshot)} from the snapshot, ${num(r.warmStart.notionRequests)} Notion requests)` : '–',
      '',
    ],
    [
      'resident memory, the app (MB)',
      `${num(last.ours.rssMb)} at rest after the index (${num(last.ours.rssAfterLoadMb)} at 5 s, settled ${num(last.ours.rssSettledAfterS)} s later)`,
      `${num(last.naive.rssMb)} peak while suggesting`,
    ],
    ['  JavaScript heap in use at rest (MB)', num(last.ours.heapUsedMb), num(last.naive.heapUsedMb)],
    ['  before start-up: app loaded (MB)', num(last.ours.rssBaselineMb), num(last.naive.rssBaselineMb)],
    ['peak resident memory, the app (MB)', num(last.ours.rssPeakMb), num(last.naive.rssPeakMb)],
    [
      'resident memory, the PGlite process (MB)',
      last.ours.pgliteRssMb === null || last.ours.pgliteRssMb === undefined
        ? 'not measured (no /proc)'
        : `${num(last.ours.pgliteRssMb)} at rest, ${num(last.ours.pglitePeakMb)} peak (not in the app's figure)`,
      'none',
    ],
  ]);

  const storeOps = table([
    ['', 'p50 (ms)', 'p95 (ms)', 'max (ms)', 'writes', 'Done (ms)'],
    storeOpsRow('PGlite (STATE_DIR)', r.storeOps.pglite, 'not measured'),
    storeOpsRow('PostgreSQL', r.storeOps.postgres, 'not measured (set BENCH_DATABASE_URL)'),
  ]);

  const lines = [
    `intercom-slack-notion benchmark: our design against the naive design, N = ${ours.map((run) => num(run.n)).join(' / ')} tickets`,
    `World: ${LATENCY_MS} ms added to every call, Notion limited to ${NOTION_RPS} requests/s` +
      ' (the fake answers 429 above it, the app limits itself).',
    `Clock compression K = ${k}: the full index load and the naive read of every ticket ran with latency ${LATENCY_MS}/K ms and`,
    `Notion ${NOTION_RPS} requests per 1/K s, and are reported × K. Our suggestions and every confirm / link / Done ran uncompressed.`,
    'Processes: the fakes in one, each design in its own (compiled JavaScript, as in production; memory is the app alone: Node, the SDKs and the app, no fakes).',
    `Machine: ${r.load.cores} cores, load average ${num(r.load.start, 1)} at the start and ${num(r.load.end, 1)} at the end` +
      ' (the p95s are sensitive to it).',
    '',
    `Suggestion: "Find or create" to the suggestion canvas. The model is a local fake that answers at once; the`,
    'Intercom read answers at once too, so only our own work and the Notion calls count. Prompt = everything sent to the model.',
    suggestion,
    '',
    `Confirm a new ticket, link a conversation, Done (N = ${num(n)}, ${LATENCY_MS} ms a call;` +
      ` mean of ${last.ours.createSamples} creates and 2 links after a warm-up create)`,
    confirm,
    '  Waves of the create (requests in flight together share a wave):',
    `  ours:\n    ${wavesLine(last.ours.create)}`,
    `  naive:\n    ${wavesLine(last.naive.create)}`,
    '',
    `Start-up (N = ${num(n)})`,
    startup,
    '',
    `The delivery journal's writes during a Done (store_ops): a ticket linked to ${r.storeOps.pglite?.conversations ?? '–'} conversations marked Done in Notion;`,
    "each conversation's intent and result, the round opened and closed, timed at the store's port while 8 conversations are told",
    `at once (a write's time includes its wait for a connection; PGlite has one). N = ${num(Math.min(...ours.map((run) => run.n)))}.`,
    storeOps,
  ];
  if (rt) {
    lines.push(
      '',
      `Real clock (${NOTION_RPS} requests/s, ${LATENCY_MS} ms), ${num(rt.phaseS, 0)} s from start-up` +
        (rt.fullIndexRealClockMeasured
          ? ` (the full load finished after ${num(rt.fullIndexRealClockS, 1)} s):`
          : ` while the full load runs (${num(rt.indexedAtEnd)} of ${num(rt.n)} loaded by the end):`),
      `  Notion requests from all of the app's work: ${rt.notionRequests}; highest average over any 1 s window` +
        ` ${num(rt.notionMaxRps1s, 1)}/s, over any 10 s window ${num(rt.notionMaxRps10s, 2)}/s; 429s: ${rt.notion429}.`,
      `  (Windows allow 5 ms for the limiter's millisecond clock; with none, the 1 s figure is ${num(rt.notionMaxRps1sExact, 1)}/s:` +
        ' requests the limiter sees 1,000 ms apart leave 999.x ms apart.)',
      `  A create ${rt.createDuringLoad ? 'during' : 'after'} the full load: ${num(rt.createDuringSyncMs)} ms (idle: ${num(last.ours.create.ms)} ms); its calls:` +
        ` ${rt.createDuringSyncCalls.map((c) => `${c.service}:${c.method}`).join(', ')}`,
      `  Suggestions during the full load (each with its ${LATENCY_MS} ms Intercom read):` +
        ` p50 ${num(rt.suggestDuringSyncP50Ms, 1)} ms, p95 ${num(rt.suggestDuringSyncP95Ms, 1)} ms`,
    );
  }
  lines.push('', 'Targets', ...targets(r), '', `The run took ${num(r.elapsedS, 0)} s.`);
  return lines.join('\n');
}

function storeOpsRow(label: string, run: StoreOpsRun | null, missing: string): string[] {
  if (!run) return [label, missing, '', '', '', ''];
  return [label, num(run.p50Ms, 1), num(run.p95Ms, 1), num(run.maxMs, 1), num(run.ops), num(run.doneMs)];
}

function triageStep(run: DesignRun): string {
  const { triageP50Ms, triageP95Ms } = run.suggest;
  return triageP50Ms === null ? '–' : `${num(triageP50Ms, 1)} / ${num(triageP95Ms, 1)}`;
}

function seen(count: number | null, n: number): string {
  return count === null ? `all ${num(n)}` : `${num(count)} tickets`;
}

function targets(r: BenchResults): string[] {
  const last = r.ours.at(-1)!;
  const rt = r.realtime;
  const tokens = r.ours.map((run) => run.suggest.promptTokens);
  const check = (ok: boolean, text: string) => `  [${ok ? 'met ' : 'MISS'}] ${text}`;
  const out = [
    check(
      last.suggest.p95Ms < 50 && last.suggest.notionCallsPerSuggest === 0,
      `suggestion p95 under 50 ms at ${num(last.n)} with no Notion read:` +
        ` ${num(last.suggest.p95Ms, 1)} ms, ${num(last.suggest.notionCallsPerSuggest, 1)} Notion calls`,
    ),
    check(
      Math.max(...tokens) < 3000 && Math.max(...tokens) / Math.min(...tokens) < 1.25,
      `prompt flat in N and under ~3,000 tokens: ${tokens.map((t) => num(t)).join(' / ')}`,
    ),
    check(last.create.roundTrips <= 3, `create critical path at most 3 sequential round trips: ${last.create.roundTrips}`),
    check(last.rssMb < 300, `memory under 300 MB at ${num(last.n)}: ${num(last.rssMb)} MB`),
  ];
  if (rt) {
    out.push(
      check(
        rt.notionMaxRps1s <= 3 && rt.notionMaxRps10s <= 3 && rt.notion429 === 0,
        `Notion at most 3 requests/s on average:` +
          ` ${num(rt.notionMaxRps1s, 1)}/s (1 s), ${num(rt.notionMaxRps10s, 2)}/s (10 s), ${rt.notion429} refused`,
      ),
      check(
        (last.startup.fullIndexS ?? 0) > rt.firstSuggestS,
        `first suggestion before the full index: ${num(rt.firstSuggestS, 2)} s vs ${num(last.startup.fullIndexS, 0)} s`,
      ),
    );
  }
  return out;
}
