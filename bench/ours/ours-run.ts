import { type Canvas, textOf } from '../../test/support/canvas-client.js';
import { CREATE_ON, LINK_ON, SUGGEST_ON } from '../conversations.js';
import { childMain } from '../lib/child-process.js';
import { startFakeGemini } from '../lib/fake-gemini.js';
import { FakesControl } from '../lib/fakes-control.js';
import { combineRuns, measureOp, type OpFigures } from '../lib/measure-op.js';
import { heapUsedMb, peakResidentMb, pgliteResidentMb, residentMb, settledResidentMb } from '../lib/memory.js';
import { mean, percentile } from '../lib/stats.js';
import { sleep, until } from '../lib/wait.js';
import { WireRecorder } from '../lib/wire-recorder.js';
import { faults, FIRST_SWEEP_SETTLED_MS, LATENCY_MS, NOTION_RPS, OUR_SUGGESTIONS, WARMUP_SUGGESTIONS } from '../settings.js';
import type { DesignRun } from '../results.js';
import { createOurApp } from './our-app.js';

/** How long the app idles after its full load before its memory is read. */
const REST_MS = 5_000;

/**
 * Our design at one N, in a process of its own: start-up and the full index (compressed clock),
 * suggestions from the index (uncompressed), then create, link and Done through the real routes.
 */
childMain(async (p: { fakesUrl: string; tickets: number; compression: number }): Promise<DesignRun> => {
  const k = p.compression;
  const fakes = new FakesControl(p.fakesUrl);
  await fakes.reset(p.tickets);
  await fakes.setFaults(faults({ latencyMs: LATENCY_MS / k, notionRps: NOTION_RPS * k }));
  const gemini = await startFakeGemini();
  const recorder = WireRecorder.forFakes(p.fakesUrl, gemini.baseUrl).install();
  const app = await createOurApp({
    fakes,
    geminiUrl: gemini.baseUrl,
    notionRps: NOTION_RPS * k,
    // Timers that would add background calls in the middle of a measured operation.
    env: { INDEX_REFRESH_SECONDS: '3600', SWEEP_INTERVAL_MINUTES: '1440', DONE_SETTLE_SECONDS: '0' },
  });

  const rssBaselineMb = residentMb();

  // Start-up: Notion-bound, so compressed; the seconds reported are simulated (× K).
  const started = performance.now();
  await app.runtime.start();
  await until(() => app.runtime.flows.index.complete, 900_000);
  const { fullLoadSeconds } = app.runtime.sync.stats;
  const loadRequests = recorder.since(0, 'notion').length;
  // Resident memory at rest: the load's garbage collected and V8 given time to hand freed pages
  // back (its memory reducer runs when the process goes idle). 5 s after the load it is still
  // falling, so that reading is kept beside the settled one. The peak is reported separately.
  await sleep(REST_MS);
  const rssAfterLoadMb = residentMb();
  const settled = await settledResidentMb();
  const heapMb = heapUsedMb();
  // The PGlite process is not in the app's figure: its memory is read apart, from /proc.
  const pgliteAtRest = pgliteResidentMb(app.stateDir);

  // Suggestions: no Notion read expected, so nothing to compress. Intercom answers at once:
  // only our own work and the Notion calls count.
  await fakes.setFaults(faults({ latencyMs: LATENCY_MS, intercomLatencyMs: 0, notionRps: NOTION_RPS * k }));
  const suggestMs: number[] = [];
  // The flow's own record of its triage step (search, prompt, the fake model's answer).
  const triageMs: number[] = [];
  const promptChars: number[] = [];
  const promptTokens: number[] = [];
  let notionCalls = 0;
  let modelCalls = 0;
  for (let i = 0; i < WARMUP_SUGGESTIONS + OUR_SUGGESTIONS; i++) {
    const conversationId = SUGGEST_ON[i % SUGGEST_ON.length]!;
    const mark = recorder.mark();
    const modelMark = gemini.requests.length;
    const t = performance.now();
    const canvas = await app.canvas.submit(conversationId, 'find_or_create', null);
    const ms = performance.now() - t;
    if (!textOf(canvas).includes('Suggested by Gemini')) throw new Error(`the suggestion did not come from the (fake) model:\n${textOf(canvas)}`);
    if (i < WARMUP_SUGGESTIONS) continue;
    suggestMs.push(ms);
    const steps = (await app.runtime.activity.list()).find((op) => op.kind === 'suggest')?.steps ?? [];
    triageMs.push(steps.find((s) => s.name === 'Choosing a ticket')?.durationMs ?? Number.NaN);
    notionCalls += recorder.since(mark, 'notion').length;
    const sent = gemini.requests.slice(modelMark);
    modelCalls += sent.length;
    promptChars.push(sent.reduce((n, r) => n + r.chars, 0));
    promptTokens.push(sent.reduce((n, r) => n + r.tokens, 0));
  }

  // The first reconciliation sweep (15 s after start) must not land inside a measured operation.
  await sleep(started + FIRST_SWEEP_SETTLED_MS - performance.now());
  await fakes.setFaults(faults({ latencyMs: LATENCY_MS, notionRps: NOTION_RPS * k }));

  const suggestion = (conversationId: string) => app.canvas.submit(conversationId, 'find_or_create', null);
  const creates: Array<OpFigures & { ticketId: string }> = [];
  for (const conversationId of CREATE_ON) {
    const suggested = await suggestion(conversationId);
    let result: Canvas | null = null;
    const figures = await measureOp(recorder, async () => {
      result = await app.canvas.submit(conversationId, 'create_ticket', suggested, {
        ticket_title: `Bench ticket for conversation ${conversationId}`,
        ticket_description: 'Created by the benchmark.',
      });
    });
    const ticketId = /\b[A-Z]+-\d+\b/.exec(result ? textOf(result) : '')?.[0];
    if (!ticketId) throw new Error(`the create did not answer with a ticket:\n${result ? textOf(result) : ''}`);
    creates.push({ ...figures, ticketId });
  }
  const [cold, ...measured] = creates;

  // The agent links the ticket the panel puts first: a panel only links a ticket it showed, so the
  // bench cannot pick its own. The first linked ticket is the one then marked Done.
  const links: OpFigures[] = [];
  let linkedPageId: string | null = null;
  for (const conversationId of LINK_ON) {
    const suggested = await suggestion(conversationId);
    const pageId = firstCandidate(suggested);
    linkedPageId ??= pageId;
    links.push(await measureOp(recorder, () => app.canvas.submit(conversationId, `link:${pageId}`, suggested)));
  }
  const ticket = app.runtime.flows.index.get(linkedPageId!)!;

  // Marked Done by a person in Notion; the signed webhook reaches the app, which announces it.
  const before = new Set((await app.runtime.activity.list()).map((op) => op.id));
  const announcement = async () =>
    (await app.runtime.activity.list()).find((op) => op.kind === 'done' && !before.has(op.id) && op.subject.page_id === ticket.pageId);
  const done = await measureOp(
    recorder,
    async () => {
      await fakes.setStatus(ticket.pageId, 'Done');
      await until(async () => ((await announcement())?.outcome ?? 'running') !== 'running', 30_000);
    },
    800,
  );
  const announced = await announcement();
  if (announced?.outcome !== 'ok') throw new Error(`the Done announcement failed: ${JSON.stringify(announced?.error)}`);

  const notion429 = recorder.requests.filter((r) => r.service === 'notion' && r.status === 429).length;
  const pgliteAtEnd = pgliteResidentMb(app.stateDir);
  await app.close();
  await gemini.close();
  return {
    design: 'ours',
    n: p.tickets,
    suggest: {
      samples: suggestMs.length,
      p50Ms: percentile(suggestMs, 50),
      p95Ms: percentile(suggestMs, 95),
      triageP50Ms: percentile(triageMs, 50),
      triageP95Ms: percentile(triageMs, 95),
      notionCallsPerSuggest: notionCalls / suggestMs.length,
      modelCallsPerSuggest: modelCalls / suggestMs.length,
      promptChars: mean(promptChars),
      promptTokens: mean(promptTokens),
    },
    create: combineRuns(measured),
    createSamples: measured.length,
    createCold: cold!,
    link: combineRuns(links),
    done,
    startup: {
      firstSuggestS: null,
      ticketsSeen: null,
      fullIndexS: fullLoadSeconds === null ? null : fullLoadSeconds * k,
      fullIndexRealS: fullLoadSeconds,
      rateBoundRealS: loadRequests / (NOTION_RPS * k),
      notionRequests: loadRequests,
    },
    rssMb: settled.mb,
    rssSettledAfterS: settled.afterS,
    rssAfterLoadMb,
    heapUsedMb: heapMb,
    pgliteRssMb: pgliteAtRest?.rssMb ?? null,
    pglitePeakMb: pgliteAtEnd?.peakMb ?? null,
    rssBaselineMb,
    rssPeakMb: peakResidentMb(),
    notion429,
  };
});

function firstCandidate(canvas: Canvas): string {
  const candidates = (canvas.stored_data as { candidates?: Array<{ pageId: string }> }).candidates ?? [];
  if (!candidates[0]) throw new Error(`the suggestion showed no ticket to link:\n${textOf(canvas)}`);
  return candidates[0].pageId;
}
