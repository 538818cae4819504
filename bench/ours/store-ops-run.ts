import type { JournalStore } from '../../src/delivery/journal-store.js';
import { childMain } from '../lib/child-process.js';
import { startFakeGemini } from '../lib/fake-gemini.js';
import { FakesControl } from '../lib/fakes-control.js';
import { percentile } from '../lib/stats.js';
import { until } from '../lib/wait.js';
import { freshSchema } from '../../test/support/pg-schema.js';
import type { StoreOpsRun } from '../results.js';
import { faults, LATENCY_MS, NOTION_RPS } from '../settings.js';
import { createOurApp } from './our-app.js';

/** The journal writes a Done makes: one round opened and closed, an intent and a result per target. */
const JOURNAL_WRITES = ['openRound', 'saveTarget', 'markTold', 'closeRound'] as const;

/**
 * The delivery journal's writes on the Done path, timed where the app makes them: a ticket linked
 * to CONVERSATIONS conversations is marked Done in Notion, the webhook reaches the app, and every
 * call the journal makes to its store (PGlite in STATE_DIR, or PostgreSQL in a schema of its own)
 * is timed until the announcement is over. Eight conversations are told at once, as in
 * production, so a write's time includes its wait for the store's connection.
 */
childMain(async (p: { fakesUrl: string; tickets: number; compression: number; conversations: number; databaseUrl: string | null }): Promise<StoreOpsRun> => {
  const schema = p.databaseUrl ? await freshSchema(p.databaseUrl, 'bench') : null;
  const fakes = new FakesControl(p.fakesUrl);
  await fakes.reset(p.tickets);
  // Notion's rate compressed as in the other runs: the Status re-reads between batches are not what is measured.
  await fakes.setFaults(faults({ latencyMs: LATENCY_MS, notionRps: NOTION_RPS * p.compression }));
  const gemini = await startFakeGemini();
  const app = await createOurApp({
    fakes,
    geminiUrl: gemini.baseUrl,
    notionRps: NOTION_RPS * p.compression,
    env: {
      INDEX_REFRESH_SECONDS: '3600',
      SWEEP_INTERVAL_MINUTES: '1440',
      DONE_SETTLE_SECONDS: '0',
    },
    ...(schema ? { databaseUrl: schema.url } : {}),
  });
  try {
    await app.runtime.start();
    await until(() => app.runtime.flows.index.complete, 900_000);
    const { index } = app.runtime.flows;
    const ticket = index.pageIds().map((id) => index.get(id)!).find((t) => !t.done && t.conversationIds.length === 0)!;
    const conversationIds: string[] = [];
    for (let i = 0; i < p.conversations; i++) {
      conversationIds.push(await fakes.startConversation({ name: `Customer ${i}`, email: `customer${i}@example.com` }, `Issue report ${i}`));
    }
    await app.runtime.flows.tickets.update(ticket.pageId, { conversationIds });

    const timings = timeJournalWrites(app.runtime.store.journal);
    const before = new Set((await app.runtime.activity.list()).map((op) => op.id));
    const announcement = async () =>
      (await app.runtime.activity.list()).find((op) => op.kind === 'done' && !before.has(op.id) && op.subject.page_id === ticket.pageId);
    const started = performance.now();
    await fakes.setStatus(ticket.pageId, 'Done');
    await until(async () => ((await announcement())?.outcome ?? 'running') !== 'running', 120_000);
    const doneMs = performance.now() - started;
    const announced = await announcement();
    if (announced?.outcome !== 'ok') throw new Error(`the Done announcement failed: ${JSON.stringify(announced?.error)}`);
    const ms = timings.map((t) => t.ms);
    const byOp: Record<string, number> = {};
    for (const t of timings) byOp[t.op] = (byOp[t.op] ?? 0) + 1;
    // Every conversation had its intent and its result recorded, or the figure is of something else.
    if ((byOp.saveTarget ?? 0) < 2 * p.conversations) throw new Error(`only ${byOp.saveTarget} target writes for ${p.conversations} conversations`);
    const kind = app.runtime.store.kind;
    if (kind !== (schema ? 'postgres' : 'pglite')) throw new Error(`the app opened a ${kind} store`);
    return {
      store: kind,
      conversations: p.conversations,
      ops: ms.length,
      byOp,
      p50Ms: percentile(ms, 50),
      p95Ms: percentile(ms, 95),
      maxMs: Math.max(...ms),
      doneMs,
    };
  } finally {
    await app.close();
    await gemini.close();
    await schema?.drop();
  }
});

/** Wraps the store's journal writes in place (the app's DeliveryJournal holds this very object). */
function timeJournalWrites(store: JournalStore): Array<{ op: string; ms: number }> {
  const timings: Array<{ op: string; ms: number }> = [];
  const methods = store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const op of JOURNAL_WRITES) {
    const original = methods[op]!.bind(store);
    methods[op] = async (...args: unknown[]) => {
      const t = performance.now();
      try {
        return await original(...args);
      } finally {
        timings.push({ op, ms: performance.now() - t });
      }
    };
  }
  return timings;
}

