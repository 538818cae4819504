import type { Ticket } from '../domain/ticket.js';
import type { TicketIndex } from '../domain/triage/ticket-index.js';
import { isAppError } from '../errors.js';
import { runWithContext } from '../observability/context.js';
import type { TicketStore } from '../ports.js';
import { SingleFlight } from '../util/single-flight.js';

/** Long enough to absorb a burst of Refresh clicks, short enough that Refresh still means "now". */
export const PANEL_READ_TTL_MS = 10_000;

/**
 * Re-reads of tickets for panels (Refresh): five teammates pressing Refresh on conversations
 * linked to the same tickets read each ticket once (single flight), and again only after a few
 * seconds (a brief cache). A cached read counts only while the index still holds what it put
 * there: any write of the app, or a sync, replaces that and makes the next Refresh read again.
 * The reads run at `panel` priority, behind creates, links and Done announcements, so a Refresh
 * storm can delay other panels but never a teammate's create.
 */
export class PanelReads {
  readonly #cache = new Map<string, { held: Ticket; at: number }>();
  readonly #flights = new SingleFlight<Ticket | null>();

  constructor(
    private readonly tickets: TicketStore,
    private readonly index: TicketIndex,
    private readonly now: () => number = Date.now,
  ) {}

  /** The ticket as Notion has it (a few seconds ago at most); null, and out of the index, when deleted. */
  read(pageId: string): Promise<Ticket | null> {
    const cached = this.#cache.get(pageId);
    if (cached && this.now() - cached.at < PANEL_READ_TTL_MS && this.index.get(pageId) === cached.held) {
      return Promise.resolve(cached.held);
    }
    return this.#flights.run(pageId, () => runWithContext({ priority: 'panel' }, () => this.#reread(pageId)));
  }

  async #reread(pageId: string): Promise<Ticket | null> {
    const started = this.now();
    try {
      const ticket = await this.tickets.get(pageId);
      this.index.upsert([ticket]);
      const held = this.index.get(pageId) ?? ticket;
      this.#forgetOld();
      this.#cache.set(pageId, { held, at: started });
      return held;
    } catch (err) {
      if (!isAppError(err) || err.code !== 'ticket_not_found') throw err;
      this.index.remove(pageId);
      this.#cache.delete(pageId);
      return null;
    }
  }

  #forgetOld(): void {
    const now = this.now();
    for (const [pageId, entry] of this.#cache) if (now - entry.at >= PANEL_READ_TTL_MS) this.#cache.delete(pageId);
  }
}
