import { availableParallelism, loadavg } from 'node:os';
import { compileForBench, runChild, startFakesProcess } from './lib/child-process.js';
import { renderReport, summaryJson } from './report.js';
import type { DesignRun, RealtimeRun, StoreOpsRun, WarmStartRun } from './results.js';
import { parseArgs, STORE_OPS_CONVERSATIONS } from './settings.js';

/**
 * `npm run bench`: the real app and a reproduction of the naive design, side by side, against the
 * same sandbox fakes at each N. Prints a table, then one JSON line with every figure. Progress
 * goes to stderr so stdout is the report alone.
 */

const settings = parseArgs(process.argv.slice(2));
const started = performance.now();
const loadAtStart = loadavg()[0]!;
const progress = (message: string) => process.stderr.write(`[bench ${Math.round((performance.now() - started) / 1000)}s] ${message}\n`);

progress('compiling the app as production runs it');
compileForBench();

const ours: DesignRun[] = [];
const naive: DesignRun[] = [];
let realtime: RealtimeRun | null = null;
let warmStart: WarmStartRun | null = null;
const storeOps: { pglite: StoreOpsRun | null; postgres: StoreOpsRun | null } = { pglite: null, postgres: null };
const largest = Math.max(...settings.sizes);
const smallest = Math.min(...settings.sizes);
// PostgreSQL is measured only when the run is given one: the bench never starts a server itself.
const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null;

for (const n of settings.sizes) {
  progress(`seeding ${n.toLocaleString('en-US')} tickets`);
  const fakes = await startFakesProcess(n);
  try {
    const params = { fakesUrl: fakes.url, tickets: n, compression: settings.compression };
    progress(`N=${n}: our design`);
    ours.push(await runChild<DesignRun>('ours/ours-run.ts', params));
    progress(`N=${n}: the naive design`);
    naive.push(await runChild<DesignRun>('naive/naive-run.ts', params));
    if (n === smallest) {
      const opsParams = { ...params, conversations: STORE_OPS_CONVERSATIONS };
      progress(`N=${n}: the delivery journal's writes during a Done, PGlite`);
      storeOps.pglite = await runChild<StoreOpsRun>('ours/store-ops-run.ts', { ...opsParams, databaseUrl: null });
      if (databaseUrl) {
        progress(`N=${n}: the delivery journal's writes during a Done, PostgreSQL`);
        storeOps.postgres = await runChild<StoreOpsRun>('ours/store-ops-run.ts', { ...opsParams, databaseUrl });
      }
    }
    if (n === largest) {
      progress(`N=${n}: start-up at the real clock`);
      realtime = await runChild<RealtimeRun>('ours/realtime-run.ts', { fakesUrl: fakes.url, tickets: n });
      progress(`N=${n}: a restart from the index snapshot`);
      warmStart = await runChild<WarmStartRun>('ours/warm-start-run.ts', params);
    }
  } finally {
    await fakes.stop();
  }
}

const results = {
  compression: settings.compression,
  ours,
  naive,
  realtime,
  warmStart,
  storeOps,
  elapsedS: (performance.now() - started) / 1000,
  load: { cores: availableParallelism(), start: loadAtStart, end: loadavg()[0]! },
};
console.log(renderReport(results));
console.log(JSON.stringify(summaryJson(results)));
