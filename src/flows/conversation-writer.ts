import { withoutReport, withReport } from '../domain/customer-reports.js';
import type { Ticket } from '../domain/ticket.js';
import type { TicketIndex } from '../domain/triage/ticket-index.js';
import type { TicketStore } from '../ports.js';
import type { Locks } from '../store/advisory-locks.js';

interface Change {
  op: 'add' | 'remove';
  conversationId: string;
  /**
   * The customer's words to keep on the ticket (add only); empty keeps what is there. It may still
   * be being read from Intercom: it is awaited beside the page read, not before it.
   */
  excerpt: string | Promise<string>;
  resolve: (result: { ticket: Ticket; changed: boolean }) => void;
  reject: (err: unknown) => void;
}

/**
 * Adds and removes conversations on a ticket without losing concurrent changes.
 *
 * Notion has no compare-and-swap, and the conversations live in one property that is rewritten
 * whole. So changes to one ticket are queued, and one worker per ticket applies everything queued
 * since its last write in a single read-modify-write (group commit): fifty conversations linked
 * at once cost a few Notion calls, not fifty, and none is lost. The ticket's Customer Reports
 * change in the same write: an added conversation's excerpt joins them, a removed one's leaves.
 *
 * `changed` says whether the conversation was added or removed; a repeated add that only fills in a
 * missing excerpt writes it and still answers `changed: false`.
 *
 * The queue is per process; replicas on one PostgreSQL take turns on the ticket's advisory lock
 * for each read-modify-write, so one replica's write never overwrites another's.
 */
export class ConversationWriter {
  readonly #pending = new Map<string, Change[]>();
  readonly #working = new Set<string>();

  constructor(
    private readonly tickets: TicketStore,
    private readonly index: TicketIndex,
    /** Across processes; within one, the queue already serialises a ticket's writes. */
    private readonly locks: Locks = { run: (_key, task) => task() },
  ) {}

  add(pageId: string, conversationId: string, excerpt: string | Promise<string> = ''): Promise<{ ticket: Ticket; changed: boolean }> {
    return this.enqueue(pageId, 'add', conversationId, excerpt);
  }

  remove(pageId: string, conversationId: string): Promise<{ ticket: Ticket; changed: boolean }> {
    return this.enqueue(pageId, 'remove', conversationId, '');
  }

  private enqueue(pageId: string, op: Change['op'], conversationId: string, excerpt: Change['excerpt']): Promise<{ ticket: Ticket; changed: boolean }> {
    return new Promise((resolve, reject) => {
      const queue = this.#pending.get(pageId) ?? [];
      queue.push({ op, conversationId, excerpt, resolve, reject });
      this.#pending.set(pageId, queue);
      if (!this.#working.has(pageId)) void this.work(pageId);
    });
  }

  private async work(pageId: string): Promise<void> {
    this.#working.add(pageId);
    try {
      for (let batch = this.take(pageId); batch.length > 0; batch = this.take(pageId)) {
        try {
          const { ticket, changed } = await this.locks.run(`ticket-conversations:${pageId}`, () => this.write(pageId, batch));
          this.index.upsert([ticket]);
          batch.forEach((change, i) => change.resolve({ ticket, changed: changed[i]! }));
        } catch (err) {
          for (const change of batch) change.reject(err);
        }
      }
    } finally {
      this.#working.delete(pageId);
    }
  }

  /** One read-modify-write of the ticket's conversations and Customer Reports for a batch. */
  private async write(pageId: string, batch: Change[]): Promise<{ ticket: Ticket; changed: boolean[] }> {
    const { customerReports: keepsReports } = await this.tickets.schema();
    const [read, excerpts] = await Promise.all([this.tickets.get(pageId), Promise.all(batch.map((change) => change.excerpt))]);
    const ids = [...read.conversationIds];
    const changed = batch.map((change) => apply(ids, change));
    const reports = batch.reduce(
      (text, change, i) => (change.op === 'add' ? withReport(text, change.conversationId, excerpts[i]!) : withoutReport(text, change.conversationId)),
      read.customerReports,
    );
    const reportsChanged = keepsReports && reports !== read.customerReports;
    if (!changed.some(Boolean) && !reportsChanged) return { ticket: read, changed };
    const ticket = await this.tickets.update(pageId, { conversationIds: ids, ...(reportsChanged ? { customerReports: reports } : {}) });
    return { ticket, changed };
  }

  private take(pageId: string): Change[] {
    const batch = this.#pending.get(pageId) ?? [];
    this.#pending.delete(pageId);
    return batch;
  }
}

function apply(ids: string[], change: Change): boolean {
  const at = ids.indexOf(change.conversationId);
  if (change.op === 'add' && at === -1) {
    ids.push(change.conversationId);
    return true;
  }
  if (change.op === 'remove' && at !== -1) {
    ids.splice(at, 1);
    return true;
  }
  return false;
}
