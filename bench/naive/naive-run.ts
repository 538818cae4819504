import { RateLimiter } from '../../src/services/http/service-fetch.js';
import { loadConfig } from '../../src/config/load-config.js';
import { participantIds } from '../../src/flows/participants.js';
import { createLogger } from '../../src/observability/logger.js';
import { createGeminiTriageModel } from '../../src/services/gemini/gemini-triage-model.js';
import { createIntercomInbox } from '../../src/services/intercom/intercom-inbox.js';
import { createNotionTicketStore } from '../../src/services/notion/notion-ticket-store.js';
import { createSlackChat } from '../../src/services/slack/slack-chat.js';
import { sandboxEnv } from '../../src/sandbox/start-sandbox.js';
import { CREATE_ON, LINK_ON, SUGGEST_ON } from '../conversations.js';
import { childMain } from '../lib/child-process.js';
import { startFakeGemini } from '../lib/fake-gemini.js';
import { FakesControl } from '../lib/fakes-control.js';
import { combineRuns, measureOp, type OpFigures } from '../lib/measure-op.js';
import { heapUsedMb, peakResidentMb, residentMb } from '../lib/memory.js';
import { mean, percentile } from '../lib/stats.js';
import { WireRecorder } from '../lib/wire-recorder.js';
import type { DesignRun } from '../results.js';
import { faults, LATENCY_MS, NAIVE_SUGGESTIONS, NOTION_RPS } from '../settings.js';
import { type NaiveDeps, naiveCreate, naiveDone, naiveLink, naiveSuggest } from './naive-app.js';

/**
 * The naive design at one N, in a process of its own, against the same fakes and the same
 * conversations as ours. Its suggestion reads all of Notion, so it runs on the compressed clock
 * (3 requests per 1/K second, latency / K): the Notion read is scaled by K, the rest (prompt,
 * model calls) is counted as measured.
 */
childMain(async (p: { fakesUrl: string; tickets: number; compression: number }): Promise<DesignRun> => {
  const k = p.compression;
  const fakes = new FakesControl(p.fakesUrl);
  await fakes.reset(p.tickets);
  const gemini = await startFakeGemini();
  const recorder = WireRecorder.forFakes(p.fakesUrl, gemini.baseUrl).install();
  const deps = naiveDeps(p.fakesUrl, gemini.baseUrl, k);
  const rssBaselineMb = residentMb();

  // Suggestions: Notion compressed, Intercom instant (only our own work and Notion count).
  await fakes.setFaults(faults({ latencyMs: LATENCY_MS / k, intercomLatencyMs: 0, notionRps: NOTION_RPS * k }));
  const samples = NAIVE_SUGGESTIONS[p.tickets] ?? 3;
  const suggestMs: number[] = [];
  const promptChars: number[] = [];
  const promptTokens: number[] = [];
  let notionCalls = 0;
  let modelCalls = 0;
  for (let i = 0; i < samples; i++) {
    const mark = recorder.mark();
    const modelMark = gemini.requests.length;
    const t = performance.now();
    const suggestion = await naiveSuggest(deps, SUGGEST_ON[i % SUGGEST_ON.length]!);
    const ms = performance.now() - t;
    if (suggestion.ticketsRead !== p.tickets) throw new Error(`read ${suggestion.ticketsRead} of ${p.tickets} tickets`);
    // The wait for Notion scales with K; the rest of the work is real time already.
    suggestMs.push(suggestion.notionReadMs * k + (ms - suggestion.notionReadMs));
    notionCalls += recorder.since(mark, 'notion').length;
    const sent = gemini.requests.slice(modelMark);
    modelCalls += sent.length;
    promptChars.push(sent.reduce((n, r) => n + r.chars, 0));
    promptTokens.push(sent.reduce((n, r) => n + r.tokens, 0));
  }
  // It holds every ticket only while it serves a suggestion: its memory is the peak.
  const rssMb = peakResidentMb();
  const heapMb = heapUsedMb();

  // Confirm, link, Done: latency-bound, uncompressed.
  await fakes.setFaults(faults({ latencyMs: LATENCY_MS, notionRps: NOTION_RPS * k }));
  const creates: Array<OpFigures & { pageId: string }> = [];
  for (const conversationId of CREATE_ON) {
    // Participants as the suggestion found them; reading them is not part of the confirm step.
    const participants = participantIds(await deps.inbox.getConversation(conversationId), deps.adminId);
    let pageId = '';
    const figures = await measureOp(recorder, async () => {
      const ticket = await naiveCreate(deps, {
        conversationId,
        title: `Bench ticket for conversation ${conversationId}`,
        description: 'Created by the benchmark.',
        participantIds: participants,
      });
      pageId = ticket.pageId;
    });
    creates.push({ ...figures, pageId });
  }
  const [cold, ...measured] = creates;
  const pageId = measured[0]!.pageId;
  const links: OpFigures[] = [];
  for (const conversationId of LINK_ON) {
    const participants = participantIds(await deps.inbox.getConversation(conversationId), deps.adminId);
    links.push(await measureOp(recorder, () => naiveLink(deps, { conversationId, pageId, participantIds: participants })));
  }
  const done = await measureOp(recorder, () => naiveDone(deps, pageId));

  await gemini.close();
  return {
    design: 'naive',
    n: p.tickets,
    suggest: {
      samples,
      p50Ms: percentile(suggestMs, 50),
      p95Ms: percentile(suggestMs, 95),
      triageP50Ms: null,
      triageP95Ms: null,
      notionCallsPerSuggest: notionCalls / samples,
      modelCallsPerSuggest: modelCalls / samples,
      promptChars: mean(promptChars),
      promptTokens: mean(promptTokens),
    },
    create: combineRuns(measured),
    createSamples: measured.length,
    createCold: cold!,
    link: combineRuns(links),
    done,
    startup: {
      // Nothing to load at start-up: the first suggestion costs what every suggestion costs.
      firstSuggestS: suggestMs[0]! / 1000,
      ticketsSeen: p.tickets,
      fullIndexS: null,
      fullIndexRealS: null,
      rateBoundRealS: null,
      notionRequests: null,
    },
    rssMb,
    heapUsedMb: heapMb,
    rssBaselineMb,
    rssPeakMb: peakResidentMb(),
    notion429: recorder.requests.filter((r) => r.service === 'notion' && r.status === 429).length,
  };
});

/** The app's adapters, configured as the app configures them against the same fakes. */
function naiveDeps(fakesUrl: string, geminiUrl: string, compression: number): NaiveDeps {
  const config = loadConfig(sandboxEnv(fakesUrl, 0, { GOOGLE_GEMINI_API_KEY: 'bench-fake-gemini-key', GEMINI_API_BASE_URL: geminiUrl }));
  const logger = createLogger({ level: 'error', destination: process.stderr });
  return {
    tickets: createNotionTicketStore({
      apiKey: config.notion.apiKey,
      baseUrl: config.notion.baseUrl,
      databaseId: config.notion.databaseId,
      properties: config.notion.properties,
      statusDone: config.notion.statusDone,
      statusNew: config.notion.statusNew,
      intercomAppId: config.intercom.appId,
      // The same number of requests per window, the window K times shorter: raising the rate
      // instead would allow K-times larger bursts, and a small read would never wait.
      limiter: new RateLimiter(NOTION_RPS, 1000 / compression),
      logger,
    }),
    chat: createSlackChat({ token: config.slack.token, apiUrl: config.slack.apiUrl, logger }),
    inbox: createIntercomInbox({ token: config.intercom.apiKey, baseUrl: config.intercom.baseUrl, logger }),
    // A 4 MB prompt takes a moment to send even to a local fake: give the model call room.
    model: createGeminiTriageModel({ apiKey: 'bench-fake-gemini-key', model: config.gemini.model, baseUrl: geminiUrl, timeoutMs: 30_000, logger }),
    intercomAppId: config.intercom.appId,
    adminId: config.intercom.adminId,
  };
}
