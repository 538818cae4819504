import type { OperationKind, OperationRecord } from './activity.js';

/**
 * Where finished operations are kept for GET /activity: the store (PGlite or PostgreSQL, for
 * ACTIVITY_RETENTION_DAYS, so the log survives restarts and shows every replica's work), or memory.
 */
export interface ActivityQuery {
  kind?: OperationKind;
  /** Matches any subject value, case-insensitively: a ticket id, a conversation id, a page id. */
  q?: string;
  limit: number;
}

export interface ActivityStore {
  append(record: OperationRecord): Promise<void>;
  /** Newest first. */
  recent(query: ActivityQuery): Promise<OperationRecord[]>;
}

/** Whether a record answers a query (the memory store's filter, and for operations still running). */
export function matches(record: OperationRecord, query: ActivityQuery): boolean {
  if (query.kind && record.kind !== query.kind) return false;
  const q = query.q?.toLowerCase();
  return !q || Object.values(record.subject).some((v) => v.toLowerCase().includes(q));
}

/** The last `capacity` operations, in memory: tests, the sandbox, and the app without a store. */
export class MemoryActivityStore implements ActivityStore {
  readonly #records: OperationRecord[] = [];

  constructor(private readonly capacity = 300) {}

  append(record: OperationRecord): Promise<void> {
    this.#records.push(record);
    if (this.#records.length > this.capacity) this.#records.shift();
    return Promise.resolve();
  }

  recent(query: ActivityQuery): Promise<OperationRecord[]> {
    return Promise.resolve(
      this.#records
        .filter((r) => matches(r, query))
        .slice(-query.limit)
        .reverse(),
    );
  }

  prune(before: Date): void {
    const keep = this.#records.filter((r) => Date.parse(r.startedAt) >= before.getTime());
    this.#records.splice(0, this.#records.length, ...keep);
  }
}
