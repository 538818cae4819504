import type { Ticket } from '../domain/ticket.js';

/** A removed ticket is remembered this long, for followers to learn of the removal, then pruned. */
export const REMOVED_RETENTION_MS = 7 * 24 * 3_600_000;

/**
 * The ticket index as last written to the store, so a restart searches at once and asks Notion
 * only for what changed while it was down. It is also how replicas share the index: every write
 * takes the next number of a change feed, and a replica that does not poll Notion (a follower)
 * reads the changes after the last number it saw.
 */
export interface TicketSnapshot {
  /**
   * Every ticket saved, when a full load last finished writing (ISO), and the change feed's
   * position they are current to; null when no full load ever finished (a snapshot cut short by
   * a crash is not a whole index).
   */
  load(): Promise<{ tickets: Ticket[]; reconciledAt: string; cursor: string } | null>;
  /** Saves these tickets, deletes these page ids; `reconciledAt` marks the snapshot whole as of then. */
  save(changes: { upserts: Ticket[]; removals: string[]; reconciledAt?: string }): Promise<void>;
  /**
   * What was saved or deleted after `cursor` ('0': from the start), oldest first, at most `limit`
   * changes; `cursor` in the answer is where the next call starts. `reconciledAt` as in load().
   */
  changesSince(cursor: string, limit: number): Promise<SnapshotChanges>;
}

export interface SnapshotChanges {
  upserts: Ticket[];
  removals: string[];
  cursor: string;
  reconciledAt: string | null;
}

/** For tests that do not restart the store: the same contract in memory. */
export class MemoryTicketSnapshot implements TicketSnapshot {
  /** A removed ticket stays as null, with its change number, so followers learn of the removal. */
  readonly #rows = new Map<string, { ticket: Ticket | null; seq: number; at: number }>();
  #seq = 0;
  #reconciledAt: string | null = null;

  load(): ReturnType<TicketSnapshot['load']> {
    const reconciledAt = this.#reconciledAt;
    if (reconciledAt === null) return Promise.resolve(null);
    const tickets = [...this.#rows.values()].flatMap((r) => (r.ticket ? [r.ticket] : []));
    return Promise.resolve({ tickets, reconciledAt, cursor: String(this.#seq) });
  }

  save({ upserts, removals, reconciledAt }: Parameters<TicketSnapshot['save']>[0]): Promise<void> {
    const at = Date.now();
    for (const ticket of upserts) this.#rows.set(ticket.pageId, { ticket, seq: ++this.#seq, at });
    for (const pageId of removals) if (this.#rows.get(pageId)?.ticket) this.#rows.set(pageId, { ticket: null, seq: ++this.#seq, at });
    if (reconciledAt) this.#reconciledAt = reconciledAt;
    return Promise.resolve();
  }

  /** Forgets removed tickets older than REMOVED_RETENTION_MS. */
  prune(now: Date): void {
    for (const [pageId, row] of this.#rows) if (!row.ticket && row.at < now.getTime() - REMOVED_RETENTION_MS) this.#rows.delete(pageId);
  }

  changesSince(cursor: string, limit: number): Promise<SnapshotChanges> {
    const after = Number(cursor);
    const rows = [...this.#rows]
      .filter(([, r]) => r.seq > after)
      .sort(([, a], [, b]) => a.seq - b.seq)
      .slice(0, limit);
    return Promise.resolve({
      upserts: rows.flatMap(([, r]) => (r.ticket ? [r.ticket] : [])),
      removals: rows.flatMap(([pageId, r]) => (r.ticket ? [] : [pageId])),
      cursor: rows.length > 0 ? String(rows.at(-1)![1].seq) : cursor,
      reconciledAt: this.#reconciledAt,
    });
  }
}
