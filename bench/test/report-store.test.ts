import { describe, expect, it } from 'vitest';
import type { OpFigures } from '../lib/measure-op.js';
import { type BenchResults, renderReport, summaryJson } from '../report.js';
import type { DesignRun, StoreOpsRun } from '../results.js';

const op: OpFigures = { ms: 100, roundTrips: 2, calls: 3, byService: { notion: 3 }, waves: [['notion POST /v1/pages']] };

function run(design: 'ours' | 'naive', extra: Partial<DesignRun> = {}): DesignRun {
  return {
    design,
    n: 50_000,
    suggest: { samples: 1, p50Ms: 1, p95Ms: 1, triageP50Ms: null, triageP95Ms: null, notionCallsPerSuggest: 0, modelCallsPerSuggest: 1, promptChars: 1, promptTokens: 1 },
    create: op,
    createSamples: 1,
    createCold: op,
    link: op,
    done: op,
    startup: { firstSuggestS: null, ticketsSeen: null, fullIndexS: null, fullIndexRealS: null, rateBoundRealS: null, notionRequests: null },
    rssMb: 226,
    heapUsedMb: 139,
    rssBaselineMb: 130,
    rssPeakMb: 324,
    notion429: 0,
    ...extra,
  };
}

const pglite: StoreOpsRun = { store: 'pglite', conversations: 200, ops: 402, byOp: { saveTarget: 400 }, p50Ms: 14, p95Ms: 67.94, maxMs: 150, doneMs: 3900 };

function results(postgres: StoreOpsRun | null): BenchResults {
  return {
    compression: 10,
    ours: [run('ours', { rssAfterLoadMb: 321, rssSettledAfterS: 16, pgliteRssMb: 185, pglitePeakMb: 225 })],
    naive: [run('naive')],
    realtime: null,
    warmStart: null,
    storeOps: { pglite, postgres },
    elapsedS: 1,
    load: { cores: 2, start: 1, end: 1 },
  };
}

describe('the bench report: store writes and the PGlite process', () => {
  it('gives the journal writes p95 per store, PostgreSQL null and said so when no database was given', () => {
    const json = summaryJson(results(null)) as { ours: Record<string, unknown> };
    expect(json.ours.store_ops_p95_ms).toEqual({ pglite: 67.9, postgres: null });
    expect(renderReport(results(null))).toMatch(/PostgreSQL\s+not measured \(set BENCH_DATABASE_URL\)/);
  });

  it('gives PostgreSQL its figure when it was measured', () => {
    const json = summaryJson(results({ ...pglite, store: 'postgres', p95Ms: 46.1 })) as { ours: Record<string, unknown> };
    expect(json.ours.store_ops_p95_ms).toEqual({ pglite: 67.9, postgres: 46.1 });
  });

  it("reports the app's memory and the PGlite process's apart", () => {
    const json = summaryJson(results(null)) as { ours: Record<string, unknown>; naive: Record<string, unknown> };
    expect(json.ours).toMatchObject({ rss_mb: 226, rss_after_load_mb: 321, pglite_rss_mb: 185, pglite_peak_mb: 225 });
    expect(json.naive).not.toHaveProperty('pglite_rss_mb');
    const text = renderReport(results(null));
    expect(text).toMatch(/resident memory, the app \(MB\)\s+226 at rest after the index \(321 at 5 s, settled 16 s later\)/);
    expect(text).toMatch(/resident memory, the PGlite process \(MB\)\s+185 at rest, 225 peak/);
  });
});
