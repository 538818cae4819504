import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childMain } from '../lib/child-process.js';
import { startFakeGemini } from '../lib/fake-gemini.js';
import { FakesControl } from '../lib/fakes-control.js';
import { until } from '../lib/wait.js';
import { WireRecorder } from '../lib/wire-recorder.js';
import type { WarmStartRun } from '../results.js';
import { faults, LATENCY_MS, NOTION_RPS } from '../settings.js';
import { createOurApp } from './our-app.js';

/**
 * A restart from the store's snapshot: one app loads every ticket (on the compressed clock, as
 * preparation) and stops; a second on the same STATE_DIR (PGlite) starts on the real clock, Notion
 * at 3 requests a second and 50 ms a call, and is timed from start() until its index is complete.
 */
childMain(async (p: { fakesUrl: string; tickets: number; compression: number }): Promise<WarmStartRun> => {
  const fakes = new FakesControl(p.fakesUrl);
  await fakes.reset(p.tickets);
  const gemini = await startFakeGemini();
  const stateDir = await mkdtemp(join(tmpdir(), 'intercom-slack-notion-warm-'));

  const k = p.compression;
  await fakes.setFaults(faults({ latencyMs: LATENCY_MS / k, notionRps: NOTION_RPS * k }));
  const first = await createOurApp({ fakes, geminiUrl: gemini.baseUrl, notionRps: NOTION_RPS * k, stateDir });
  await first.runtime.start();
  await until(() => first.runtime.flows.index.complete, 600_000, 50);
  await first.close();

  await fakes.setFaults(faults({ latencyMs: LATENCY_MS, notionRps: NOTION_RPS }));
  const recorder = WireRecorder.forFakes(p.fakesUrl, gemini.baseUrl).install();
  const second = await createOurApp({ fakes, geminiUrl: gemini.baseUrl, notionRps: NOTION_RPS, stateDir });
  const started = performance.now();
  await second.runtime.start();
  await until(() => second.runtime.flows.index.complete, 600_000, 5);
  const warmStartS = (performance.now() - started) / 1000;
  const notionRequests = recorder.since(0, 'notion').length;
  const { snapshotTickets } = second.runtime.sync.stats;
  const indexed = second.runtime.flows.index.size;
  await second.close();
  await gemini.close();
  return { n: p.tickets, warmStartS, fromSnapshot: snapshotTickets ?? 0, indexed, notionRequests };
});
