import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conversationUrl } from '../src/domain/conversation-links.js';
import { SANDBOX } from '../src/sandbox/constants.js';
import { startFakesServer } from '../src/sandbox/fakes-server.js';
import { CONVERSATION } from '../src/sandbox/seed/demo-conversations.js';
import { startAppProcess, type AppProcess } from '../test/support/app-process.js';
import { type Canvas, CanvasClient, textOf } from '../test/support/canvas-client.js';
import { BOGUS_SIGNATURES, rssMb, samplePeak, uploadAttack } from '../test/support/hostile-clients.js';
import { latencyFigures, timesByStatus, type StatusTimes } from './hostile-figures.js';

/**
 * The hostile half of `npm run loadtest` (issue 12), against the app as its own process (so its
 * memory is measured from outside, as an attacker would see it) with production server limits,
 * the fakes in this process, Notion held to its documented 3 requests a second. Each scenario is
 * bounded by a connection count and the app's own timeouts, and everything stays on loopback.
 */

/** What a crowd of uploading connections got, and what it cost the app. */
interface UploadFigures {
  connections: number;
  statuses: Record<string, StatusTimes>;
  unanswered: number;
  rssMb: { before: number; peak: number; after: number };
  seconds: number;
}

export interface HostileReport {
  largeBodies: UploadFigures & { bodyBytes: number };
  slowBodies: UploadFigures & { bytesPerSecond: number };
  verificationFlood: {
    requests: number;
    statuses: Record<string, number>;
    logLines: number;
    logBytes: number;
    linesEchoingTheToken: number;
    seconds: number;
  };
  refreshStorm: {
    clickers: number;
    seconds: number;
    refresh: ReturnType<typeof latencyFigures>;
    errorPanels: number;
    notionPageReads: number;
    create: { ok: boolean; ms: number; ticket: string | null };
  };
}

const LARGE = { connections: 900, bodyBytes: 1_000_000 };
/** Below Node's request timeout of the app (15 s) only by the time a body takes at this pace. */
const SLOW = { connections: 1_000, declaredBytes: 100_000, bytes: 100, everyMs: 1_000 };
const FLOOD = { requests: 3_000, connections: 50 };
const STORM = { clickers: 20, seconds: 6 };
/** After a burst, how long the app gets before its memory is read again. */
const SETTLE_MS = 5_000;

/** Every route that reads a body before it can verify it, and that the issue measured. */
const LARGE_BODY_TARGETS = BOGUS_SIGNATURES.filter((t) => t.path.startsWith('/canvas/') || t.path === '/webhooks/notion');

export async function runHostileScenarios(progress: (message: string) => void): Promise<HostileReport> {
  const fakes = await startFakesServer({ seed: 'demo', faults: { notion: { requestsPerSecond: 3 } } });
  const stateDir = await mkdtemp(join(tmpdir(), 'loadtest-hostile-'));
  let app: AppProcess | undefined;
  try {
    // Every seeded ticket linked to one conversation, as in the report of the Refresh storm.
    const stormed = CONVERSATION.oktaLoop;
    for (const ticket of fakes.world.tickets()) {
      fakes.world.notion.updatePage(ticket.page_id, {
        properties: { 'Intercom Conversations': { rich_text: [{ text: { content: conversationUrl(SANDBOX.intercomAppId, stormed) } }] } },
      });
    }
    progress('starting the app as its own process (production server limits, Notion at 3 requests/s)');
    app = await startAppProcess(fakes.url, {
      STATE_DIR: stateDir,
      NOTION_REQUESTS_PER_SECOND: '3',
      SWEEP_INTERVAL_MINUTES: '1440',
      INDEX_REFRESH_SECONDS: '3600',
    });
    await waitUntilReady(app.url);
    const pid = app.child.pid!;
    const port = Number(new URL(app.url).port);
    const canvas = new CanvasClient(app.url);
    await canvas.initialize(CONVERSATION.webhookSecret);

    progress(`large bodies: ${LARGE.connections} connections × ${LARGE.bodyBytes} bytes, bogus signatures, to /canvas/* and /webhooks/notion`);
    const large = await measured(pid, () =>
      uploadAttack({ port, targets: LARGE_BODY_TARGETS, connections: LARGE.connections, declaredBytes: LARGE.bodyBytes, sentBytes: LARGE.bodyBytes, giveUpMs: 30_000 }),
    );

    progress(`slow bodies: ${SLOW.connections} connections sending ${SLOW.bytes} bytes a second, bogus signatures`);
    const slow = await measured(pid, () =>
      uploadAttack({
        port,
        targets: BOGUS_SIGNATURES,
        connections: SLOW.connections,
        declaredBytes: SLOW.declaredBytes,
        sentBytes: SLOW.declaredBytes,
        giveUpMs: 30_000,
        trickle: { bytes: SLOW.bytes, everyMs: SLOW.everyMs },
      }),
    );

    progress(`verification flood: ${FLOOD.requests} unsigned {"verification_token": …} requests`);
    const flood = await verificationFlood(app);

    progress(`Refresh storm: ${STORM.clickers} teammates clicking Refresh for ${STORM.seconds} s while another creates a ticket`);
    const storm = await refreshStorm(canvas, stormed, fakes.world.calls.count.bind(fakes.world.calls));

    return {
      largeBodies: {
        ...LARGE,
        statuses: timesByStatus(large.result.outcomes),
        unanswered: large.result.unanswered,
        rssMb: large.rssMb,
        seconds: large.seconds,
      },
      slowBodies: {
        connections: SLOW.connections,
        bytesPerSecond: (SLOW.bytes * 1000) / SLOW.everyMs,
        statuses: timesByStatus(slow.result.outcomes),
        unanswered: slow.result.unanswered,
        rssMb: slow.rssMb,
        seconds: slow.seconds,
      },
      verificationFlood: flood,
      refreshStorm: storm,
    };
  } finally {
    await app?.kill();
    await fakes.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** The app's resident memory before, at its peak during `attack`, and after a settling pause. */
async function measured<T>(pid: number, attack: () => Promise<T>) {
  const before = rssMb(pid);
  const peak = samplePeak(() => rssMb(pid));
  const started = performance.now();
  const result = await attack();
  const seconds = (performance.now() - started) / 1000;
  const highest = peak.stop();
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  return { result, seconds: Math.round(seconds * 10) / 10, rssMb: { before: Math.round(before), peak: Math.round(highest), after: Math.round(rssMb(pid)) } };
}


async function verificationFlood(app: AppProcess): Promise<HostileReport['verificationFlood']> {
  const token = 'secret_loadtest_attacker_value';
  const linesBefore = app.lines.length;
  const statuses: Record<string, number> = {};
  const body = JSON.stringify({ verification_token: token });
  let next = 0;
  const sender = async () => {
    while (next < FLOOD.requests) {
      next += 1;
      const status = await fetch(`${app.url}/webhooks/notion`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
        async (res) => {
          await res.arrayBuffer();
          return String(res.status);
        },
        () => 'failed',
      );
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: FLOOD.connections }, sender));
  const seconds = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 500));
  const written = app.lines.slice(linesBefore);
  return {
    requests: FLOOD.requests,
    statuses,
    logLines: written.length,
    logBytes: written.reduce((n, line) => n + Buffer.byteLength(line) + 1, 0),
    linesEchoingTheToken: written.filter((line) => line.includes(token)).length,
    seconds: Math.round(seconds * 10) / 10,
  };
}

async function refreshStorm(
  canvas: CanvasClient,
  stormed: string,
  notionCalls: (service: 'notion', method: string) => number,
): Promise<HostileReport['refreshStorm']> {
  const panel = await canvas.initialize(stormed);
  const readsBefore = notionCalls('notion', 'pages.retrieve');
  const until = performance.now() + STORM.seconds * 1000;
  const refreshMs: number[] = [];
  let errorPanels = 0;
  const clicker = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      const answer = await canvas.submit(stormed, 'refresh', panel).catch(() => null);
      refreshMs.push(performance.now() - started);
      if (!answer || isErrorPanel(answer)) errorPanels += 1;
    }
  };
  const create = async () => {
    const other = CONVERSATION.smsBrazil;
    const started = performance.now();
    try {
      const suggestion = await canvas.submit(other, 'find_or_create', await canvas.initialize(other));
      const created = await canvas.submit(other, 'create_ticket', suggestion, { ticket_title: 'SMS codes do not arrive in Brazil', ticket_description: 'Loadtest' });
      const ticket = /\bJMP-\d+\b/.exec(textOf(created))?.[0] ?? null;
      return { ok: ticket !== null && !isErrorPanel(created), ms: Math.round(performance.now() - started), ticket };
    } catch {
      return { ok: false, ms: Math.round(performance.now() - started), ticket: null };
    }
  };
  const [created] = await Promise.all([create(), ...Array.from({ length: STORM.clickers }, clicker)]);
  return {
    clickers: STORM.clickers,
    seconds: STORM.seconds,
    refresh: latencyFigures(refreshMs),
    errorPanels,
    notionPageReads: notionCalls('notion', 'pages.retrieve') - readsBefore,
    create: created,
  };
}

function isErrorPanel(canvas: Canvas): boolean {
  return /went wrong|failed|Try again/i.test(textOf(canvas));
}

async function waitUntilReady(url: string): Promise<void> {
  const started = Date.now();
  for (;;) {
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) return;
    if (Date.now() - started > 60_000) throw new Error('the app was not ready within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}
