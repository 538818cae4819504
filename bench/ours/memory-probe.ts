import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { memoryStore } from '../../src/store/memory-store.js';
import { childMain } from '../lib/child-process.js';
import { startFakeGemini } from '../lib/fake-gemini.js';
import { FakesControl } from '../lib/fakes-control.js';
import { pgliteResidentMb } from '../lib/memory.js';
import { sleep, until } from '../lib/wait.js';
import { faults, LATENCY_MS, NOTION_RPS } from '../settings.js';
import { createOurApp } from './our-app.js';

/**
 * Diagnostic (bench/probe-memory.ts), not part of `npm run bench`: the app's memory after a full
 * load, broken down as process.memoryUsage() gives it and read again over 40 s, on PGlite or on the
 * memory store, optionally with a heap snapshot at the end, to tell the store's share from the index's.
 */
const round1 = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

function reading(label: string, stateDir: string) {
  (globalThis as { gc?: () => void }).gc?.();
  const u = process.memoryUsage();
  const pglite = pgliteResidentMb(stateDir);
  return {
    label,
    rss: round1(u.rss),
    heapTotal: round1(u.heapTotal),
    heapUsed: round1(u.heapUsed),
    external: round1(u.external),
    arrayBuffers: round1(u.arrayBuffers),
    pglite: pglite ? Math.round(pglite.rssMb) : null,
  };
}

childMain(async (p: { fakesUrl: string; tickets: number; compression: number; store: 'pglite' | 'memory'; heapSnapshot?: string }) => {
  const k = p.compression;
  const fakes = new FakesControl(p.fakesUrl);
  await fakes.reset(p.tickets);
  await fakes.setFaults(faults({ latencyMs: LATENCY_MS / k, notionRps: NOTION_RPS * k }));
  const gemini = await startFakeGemini();
  const app = await createOurApp({
    fakes,
    geminiUrl: gemini.baseUrl,
    notionRps: NOTION_RPS * k,
    env: { INDEX_REFRESH_SECONDS: '3600', SWEEP_INTERVAL_MINUTES: '1440', DONE_SETTLE_SECONDS: '0' },
    ...(p.store === 'memory' ? { store: memoryStore() } : {}),
  });
  const readings = [reading('created', app.stateDir)];
  await app.runtime.start();
  await until(() => app.runtime.flows.index.complete, 900_000);
  readings.push(reading('index complete', app.stateDir));
  let waited = 0;
  for (const s of [5, 10, 20, 40]) {
    await sleep((s - waited) * 1000);
    waited = s;
    readings.push(reading(`+${s} s`, app.stateDir));
  }
  const spaces = getHeapSpaceStatistics()
    .filter((s) => s.space_size > 2 ** 20)
    .map((s) => ({ space: s.space_name, sizeMb: round1(s.space_size), usedMb: round1(s.space_used_size) }));
  if (p.heapSnapshot) writeHeapSnapshot(p.heapSnapshot);
  await app.close();
  await gemini.close();
  return { store: p.store, readings, spaces };
});
