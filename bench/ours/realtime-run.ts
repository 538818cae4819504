import { textOf } from '../../test/support/canvas-client.js';
import { CREATE_ON, SUGGEST_ON } from '../conversations.js';
import { childMain } from '../lib/child-process.js';
import { startFakeGemini } from '../lib/fake-gemini.js';
import { FakesControl } from '../lib/fakes-control.js';
import { percentile } from '../lib/stats.js';
import { sleep, until } from '../lib/wait.js';
import { maxRatePerSecond } from '../lib/waves.js';
import { WireRecorder } from '../lib/wire-recorder.js';
import type { RealtimeRun } from '../results.js';
import { faults, LATENCY_MS, NOTION_RPS, REALTIME_PHASE_MS } from '../settings.js';
import { createOurApp } from './our-app.js';

/**
 * Start-up on the real clock: Notion at 3 requests a second, 50 ms a call, the app's default
 * timers. A suggestion goes in as soon as start() returns, then suggestions and a create while
 * the full load of every ticket is still running; every Notion request of all that work is
 * timed, to check the app never averages more than 3 a second and serves teammates first.
 */

const CREATE_AT_MS = 4_000;
const SUGGEST_EVERY_MS = 1_000;
/** The limiter counts on Date.now(); our timestamps are taken a moment later, on the wire. */
const CLOCK_TOLERANCE_MS = 5;

childMain(async (p: { fakesUrl: string; tickets: number }): Promise<RealtimeRun> => {
  const fakes = new FakesControl(p.fakesUrl);
  await fakes.reset(p.tickets);
  await fakes.setFaults(faults({ latencyMs: LATENCY_MS, notionRps: NOTION_RPS }));
  const gemini = await startFakeGemini();
  const recorder = WireRecorder.forFakes(p.fakesUrl, gemini.baseUrl).install();
  const app = await createOurApp({ fakes, geminiUrl: gemini.baseUrl, notionRps: NOTION_RPS });
  const { index } = app.runtime.flows;

  const started = performance.now();
  await app.runtime.start();
  const first = await app.canvas.submit(SUGGEST_ON[0]!, 'find_or_create', null);
  const firstServed = performance.now();
  // The first page of tickets arrives once the schema check's calls have left Notion slots.
  await until(() => index.size > 0, 30_000, 5);
  const withTickets = await app.canvas.submit(SUGGEST_ON[1]!, 'find_or_create', null);
  const withTicketsServed = performance.now();

  const suggestMs: number[] = [];
  let createMs: number | null = null;
  let createDuringLoad = false;
  let createCalls: Array<{ service: string; method: string }> = [];
  for (let i = 2; performance.now() - started < REALTIME_PHASE_MS; i++) {
    if (createMs === null && performance.now() - started >= CREATE_AT_MS) {
      const suggested = await app.canvas.submit(CREATE_ON[0]!, 'find_or_create', null);
      createDuringLoad = !index.complete;
      const t = performance.now();
      const result = await app.canvas.submit(CREATE_ON[0]!, 'create_ticket', suggested, {
        ticket_title: 'Bench ticket created during the full load',
      });
      createMs = performance.now() - t;
      if (!/\b[A-Z]+-\d+\b/.test(textOf(result))) throw new Error(`the create during the full load failed:\n${textOf(result)}`);
      const op = (await app.runtime.activity.list()).find((o) => o.kind === 'create');
      createCalls = (op?.calls ?? []).map((c) => ({ service: c.service, method: c.method }));
    }
    const t = performance.now();
    await app.canvas.submit(SUGGEST_ON[i % SUGGEST_ON.length]!, 'find_or_create', null);
    suggestMs.push(performance.now() - t);
    await sleep(SUGGEST_EVERY_MS - (performance.now() - t));
  }
  const phaseMs = performance.now() - started;
  const notion = recorder.since(0, 'notion');
  const sent = notion.map((r) => r.start);
  const indexed = index.size;
  const complete = index.complete;
  const { fullLoadSeconds } = app.runtime.sync.stats;
  await app.close();
  await gemini.close();

  return {
    n: p.tickets,
    firstSuggestS: (firstServed - started) / 1000,
    ticketsSeen: ticketsSeen(textOf(first)),
    firstSuggestWithTicketsS: (withTicketsServed - started) / 1000,
    ticketsSeenWithTickets: ticketsSeen(textOf(withTickets)),
    suggestDuringSyncP50Ms: percentile(suggestMs, 50),
    suggestDuringSyncP95Ms: percentile(suggestMs, 95),
    createDuringSyncMs: createMs ?? Number.NaN,
    createDuringLoad,
    createDuringSyncCalls: createCalls,
    notionMaxRps1s: maxRatePerSecond(sent, 1_000, CLOCK_TOLERANCE_MS),
    notionMaxRps10s: maxRatePerSecond(sent, 10_000, CLOCK_TOLERANCE_MS),
    notionMaxRps1sExact: maxRatePerSecond(sent, 1_000),
    notionRequests: notion.length,
    notion429: notion.filter((r) => r.status === 429).length,
    phaseS: phaseMs / 1000,
    indexedAtEnd: indexed,
    fullIndexRealClockS: complete && fullLoadSeconds !== null ? fullLoadSeconds : (phaseMs / 1000) * (p.tickets / Math.max(1, indexed)),
    fullIndexRealClockMeasured: complete,
  };
});

/** What the panel says it searched: "Searched the 1,200 tickets loaded so far", else everything. */
function ticketsSeen(text: string): number | null {
  const seen = /Searched the ([\d,]+) tickets? loaded so far/.exec(text)?.[1];
  return seen === undefined ? null : Number(seen.replace(/,/g, ''));
}
