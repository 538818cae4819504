import { compileForBench, runChild, startFakesProcess } from './lib/child-process.js';

/**
 * Diagnostic: where the app's memory goes at N tickets, PGlite beside the memory store.
 *   npx tsx bench/probe-memory.ts 50000 pglite memory        readings over 40 s after the full load
 *   npx tsx bench/probe-memory.ts 50000 memory:/tmp/a.heapsnapshot   and a heap snapshot at the end
 */
const [n = '50000', ...runs] = process.argv.slice(2);
compileForBench();
const fakes = await startFakesProcess(Number(n));
try {
  for (const run of runs.length > 0 ? runs : ['pglite', 'memory']) {
    const [store, heapSnapshot] = run.split(':');
    const result = await runChild('ours/memory-probe.ts', { fakesUrl: fakes.url, tickets: Number(n), compression: 10, store, heapSnapshot });
    console.log(JSON.stringify(result));
  }
} finally {
  await fakes.stop();
}
