import type { OpFigures } from './lib/measure-op.js';

/** Load average of the machine (1 minute) when the run started and ended: noisy neighbours show. */
export interface MachineLoad {
  cores: number;
  start: number;
  end: number;
}

/** What one design reports for one N (from its own process). */
export interface DesignRun {
  design: 'ours' | 'naive';
  n: number;
  suggest: {
    samples: number;
    p50Ms: number;
    p95Ms: number;
    /** Ours: the flow's "Choosing a ticket" step alone (index search, prompt, model answer). */
    triageP50Ms: number | null;
    triageP95Ms: number | null;
    notionCallsPerSuggest: number;
    modelCallsPerSuggest: number;
    /** Everything sent to the model for one suggestion (all its model calls), mean. */
    promptChars: number;
    promptTokens: number;
  };
  /** Mean of the measured creates (caches warm), longest critical path among them. */
  create: OpFigures;
  createSamples: number;
  /** The first create of the process (caches cold). */
  createCold: OpFigures;
  link: OpFigures;
  /** Marked Done in Notion (ours: by webhook) until every message is out. */
  done: OpFigures;
  startup: {
    /** Simulated seconds (compressed measurements × K). */
    firstSuggestS: number | null;
    ticketsSeen: number | null;
    fullIndexS: number | null;
    /** The full load as measured, and what the rate limit alone allows: equal means rate-bound. */
    fullIndexRealS: number | null;
    rateBoundRealS: number | null;
    notionRequests: number | null;
  };
  /**
   * Ours: after the full index, following a collection, once it stopped falling (see
   * settledResidentMb). Naive: the peak while it suggests (it holds every ticket only then).
   */
  rssMb: number;
  /** Ours: seconds after the first reading (5 s after the load) that rssMb settled; null for naive. */
  rssSettledAfterS?: number | null;
  /** Ours: 5 s after the full index, following a collection (the figure the bench gave before). */
  rssAfterLoadMb?: number | null;
  /** At rest: after the full index (ours), after the suggestions (naive), following a collection. */
  heapUsedMb: number;
  /** The process with the app loaded, before start-up: Node, the SDKs, the app. */
  rssBaselineMb: number;
  rssPeakMb: number;
  /**
   * Ours: the PGlite process (a child of the app, not in rssMb), resident when rssMb was read and
   * at its highest by the end of the run; null for naive or when /proc cannot be read.
   */
  pgliteRssMb?: number | null;
  pglitePeakMb?: number | null;
  notion429: number;
}

/** The start-up run at the real rate (3 requests/s, 50 ms), N = the largest size. */
export interface RealtimeRun {
  n: number;
  /** From runtime.start() to the first suggestion canvas, and what the panel said it searched. */
  firstSuggestS: number;
  ticketsSeen: number | null;
  /** The first suggestion once the first page of tickets is in the index. */
  firstSuggestWithTicketsS: number;
  ticketsSeenWithTickets: number | null;
  /** Suggestions (each with its 50 ms Intercom read) and a create, while the full load runs. */
  suggestDuringSyncP50Ms: number;
  suggestDuringSyncP95Ms: number;
  createDuringSyncMs: number;
  /** False when the full load had already finished (small N): then it is an ordinary create. */
  createDuringLoad: boolean;
  /** The create's external calls, as the app's activity log recorded them. */
  createDuringSyncCalls: Array<{ service: string; method: string }>;
  /**
   * Notion requests from all of the app's work, as the highest average over any window, allowing
   * 5 ms for the limiter's millisecond clock; `Exact` allows nothing.
   */
  notionMaxRps1s: number;
  notionMaxRps10s: number;
  notionMaxRps1sExact: number;
  notionRequests: number;
  notion429: number;
  phaseS: number;
  indexedAtEnd: number;
  /** The full load on the real clock: measured when it finished in the phase, else projected from its pace. */
  fullIndexRealClockS: number;
  fullIndexRealClockMeasured: boolean;
}

/** A restart on the store's snapshot, N = the largest size, Notion at the real rate. */
export interface WarmStartRun {
  n: number;
  /** From runtime.start() (schema check included) until the index is complete. */
  warmStartS: number;
  /** Tickets read from the snapshot, and held when complete. */
  fromSnapshot: number;
  indexed: number;
  /** Notion requests until then (the schema check and the catch-up query). */
  notionRequests: number;
}

/** The delivery journal's writes during one Done of a ticket with many conversations, on one store. */
export interface StoreOpsRun {
  store: 'pglite' | 'postgres';
  conversations: number;
  /** Journal writes timed (an intent and a result per conversation, the round opened and closed). */
  ops: number;
  byOp: Record<string, number>;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Marked Done in Notion until the announcement finished. */
  doneMs: number;
}
