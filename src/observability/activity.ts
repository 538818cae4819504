import { randomUUID } from 'node:crypto';
import { atStep } from '../errors.js';
import { type ActivityQuery, type ActivityStore, matches, MemoryActivityStore } from './activity-store.js';
import { currentContext, runWithContext } from './context.js';
import { summarizeTriage, type TriageRecord, type TriageSummary } from './triage-summary.js';

/**
 * The activity log: the last few hundred operations (suggest, create, link, unlink, done), each
 * with its steps and the external calls it made. Support engineers read it at GET /activity to
 * answer "what happened to that ticket?". Finished operations go to an ActivityStore (the app's
 * store, kept ACTIVITY_RETENTION_DAYS); those still running are listed from memory.
 */
export const OPERATION_KINDS = ['suggest', 'create', 'link', 'unlink', 'done', 'sweep'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** The summary at GET /activity?kind=suggest covers this many suggestions, whatever else happened since. */
export const TRIAGE_WINDOW = 300;

export interface ExternalCallRecord {
  service: string;
  method: string;
  /** HTTP status of the last attempt, or "timeout" / "network" when there was none. */
  status: number | 'timeout' | 'network';
  durationMs: number;
  retries: number;
  error?: string;
}

export interface StepRecord {
  name: string;
  durationMs: number;
  ok: boolean;
  error?: string;
}

export interface OperationRecord {
  id: string;
  kind: OperationKind;
  /** What it was about: conversation id, ticket id (the one created or linked), trigger… */
  subject: Record<string, string>;
  startedAt: string;
  durationMs: number | null;
  outcome: 'running' | 'ok' | 'error';
  error?: { code: string; message: string; step?: string };
  steps: StepRecord[];
  calls: ExternalCallRecord[];
  /** Operations that suggested a ticket: who decided, the model and its latency, any fallback. */
  triage?: TriageRecord;
}

export class Operation {
  readonly record: OperationRecord;
  readonly #started = performance.now();

  constructor(kind: OperationKind, subject: Record<string, string>) {
    this.record = {
      id: randomUUID(),
      kind,
      subject: { ...subject },
      startedAt: new Date().toISOString(),
      durationMs: null,
      outcome: 'running',
      steps: [],
      calls: [],
    };
  }

  describe(subject: Record<string, string>): void {
    Object.assign(this.record.subject, subject);
  }

  async step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await fn();
      this.record.steps.push({ name, durationMs: elapsed(started), ok: true });
      return result;
    } catch (err) {
      this.record.steps.push({ name, durationMs: elapsed(started), ok: false, error: messageOf(err) });
      throw err;
    }
  }

  recordTriage(triage: TriageRecord): void {
    this.record.triage = triage;
  }

  recordCall(call: ExternalCallRecord): void {
    this.record.calls.push(call);
  }

  finish(err?: unknown): void {
    this.record.durationMs = elapsed(this.#started);
    if (err === undefined) {
      this.record.outcome = 'ok';
      return;
    }
    this.record.outcome = 'error';
    const e = err as { code?: unknown; step?: unknown };
    this.record.error = {
      code: typeof e.code === 'string' ? e.code : 'internal',
      message: messageOf(err),
      ...(typeof e.step === 'string' ? { step: e.step } : {}),
    };
  }
}

export class ActivityLog {
  readonly #store: ActivityStore;
  readonly #onError: (err: unknown) => void;
  /** Listed from memory until the store has them. */
  readonly #running = new Set<OperationRecord>();
  /** Kept apart from the log: other operations must not push suggestions out of the summary. */
  readonly #triages: TriageRecord[] = [];

  constructor(options: { store?: ActivityStore; onError?: (err: unknown) => void } = {}) {
    this.#store = options.store ?? new MemoryActivityStore();
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Runs `fn` as one operation: its steps and external calls are recorded, its error kept. */
  async run<T>(kind: OperationKind, subject: Record<string, string>, fn: (op: Operation) => Promise<T>): Promise<T> {
    const op = new Operation(kind, subject);
    this.#running.add(op.record);
    try {
      const result = await runWithContext({ operation: op }, () => fn(op));
      op.finish();
      return result;
    } catch (err) {
      op.finish(err);
      throw err;
    } finally {
      // A suggestion counts even when the create it led to failed.
      if (op.record.triage) {
        this.#triages.push(op.record.triage);
        if (this.#triages.length > TRIAGE_WINDOW) this.#triages.shift();
      }
      // Not awaited: the log must not slow the work it records, nor fail it.
      void this.#store
        .append(op.record)
        .catch(this.#onError)
        .finally(() => this.#running.delete(op.record));
    }
  }

  /** Who decided the last TRIAGE_WINDOW suggestions, why the model was not used, how fast it answered. */
  triageSummary(): TriageSummary {
    return summarizeTriage(this.#triages, TRIAGE_WINDOW);
  }

  /** Newest first: those still running, and those the store holds. */
  async list(query: ActivityQuery = { limit: 300 }): Promise<OperationRecord[]> {
    const stored = await this.#store.recent(query);
    const ids = new Set(stored.map((r) => r.id));
    const running = [...this.#running].filter((r) => !ids.has(r.id) && matches(r, query));
    return [...running, ...stored].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, query.limit);
  }
}

/**
 * A named step of a flow: recorded on the current operation, and named on the error if it fails,
 * so the panel can say which step went wrong ("Creating the Slack channel").
 */
export async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const op = currentContext().operation;
  try {
    return await (op ? op.step(name, fn) : fn());
  } catch (err) {
    throw atStep(name, err);
  }
}

/** Adds to what the current operation is about (the ticket a create produced), so /activity?q= finds it. */
export function describeOperation(subject: Record<string, string | null | undefined>): void {
  const defined = Object.entries(subject).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '');
  currentContext().operation?.describe(Object.fromEntries(defined));
}

/** Records who decided the current operation's suggestion (see OperationRecord.triage). */
export function recordTriage(triage: TriageRecord): void {
  currentContext().operation?.recordTriage(triage);
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
