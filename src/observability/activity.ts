import { randomUUID } from 'node:crypto';
import { atStep } from '../errors.js';
import { currentContext, runWithContext } from './context.js';

/**
 * The activity log: the last few hundred operations (suggest, create, link, unlink, done), each
 * with its steps and the external calls it made. Support engineers read it at GET /activity to
 * answer "what happened to that ticket?". In memory by design: it is a debugging aid, the durable
 * record lives in Notion, Slack and Intercom.
 */
export type OperationKind = 'suggest' | 'create' | 'link' | 'unlink' | 'done' | 'sweep';

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
  /** What it was about: conversation id, ticket id, trigger… */
  subject: Record<string, string>;
  startedAt: string;
  durationMs: number | null;
  outcome: 'running' | 'ok' | 'error';
  error?: { code: string; message: string; step?: string };
  steps: StepRecord[];
  calls: ExternalCallRecord[];
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
  readonly #capacity: number;
  readonly #records: OperationRecord[] = [];

  constructor(capacity = 300) {
    this.#capacity = capacity;
  }

  /** Runs `fn` as one operation: its steps and external calls are recorded, its error kept. */
  async run<T>(kind: OperationKind, subject: Record<string, string>, fn: (op: Operation) => Promise<T>): Promise<T> {
    const op = new Operation(kind, subject);
    this.#records.push(op.record);
    if (this.#records.length > this.#capacity) this.#records.shift();
    try {
      const result = await runWithContext({ operation: op }, () => fn(op));
      op.finish();
      return result;
    } catch (err) {
      op.finish(err);
      throw err;
    }
  }

  /** Newest first. */
  list(limit = this.#capacity): OperationRecord[] {
    return this.#records.slice(-limit).reverse();
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

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
