import type { Ticket } from '../domain/ticket.js';

/**
 * The ticket index as last written to the store, so a restart searches at once and asks Notion
 * only for what changed while it was down.
 */
export interface TicketSnapshot {
  /**
   * Every ticket saved, and when a full load last finished writing (ISO); null when no full load
   * ever finished (a snapshot cut short by a crash is not a whole index).
   */
  load(): Promise<{ tickets: Ticket[]; reconciledAt: string } | null>;
  /** Saves these tickets, deletes these page ids; `reconciledAt` marks the snapshot whole as of then. */
  save(changes: { upserts: Ticket[]; removals: string[]; reconciledAt?: string }): Promise<void>;
}

/** For tests that do not restart the store: the same contract in memory. */
export class MemoryTicketSnapshot implements TicketSnapshot {
  readonly #tickets = new Map<string, Ticket>();
  #reconciledAt: string | null = null;

  load(): ReturnType<TicketSnapshot['load']> {
    const reconciledAt = this.#reconciledAt;
    return Promise.resolve(reconciledAt === null ? null : { tickets: [...this.#tickets.values()], reconciledAt });
  }

  save({ upserts, removals, reconciledAt }: Parameters<TicketSnapshot['save']>[0]): Promise<void> {
    for (const ticket of upserts) this.#tickets.set(ticket.pageId, ticket);
    for (const pageId of removals) this.#tickets.delete(pageId);
    if (reconciledAt) this.#reconciledAt = reconciledAt;
    return Promise.resolve();
  }
}
