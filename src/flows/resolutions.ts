import { editedSinceCursor } from '../domain/edit-cursor.js';
import { parseTicketId } from '../domain/ticket-id.js';
import type { Ticket } from '../domain/ticket.js';
import { AppError, isAppError } from '../errors.js';
import type { ActivityLog } from '../observability/activity.js';
import { runInBackground } from '../observability/context.js';
import { LatestRun } from '../util/latest-run.js';
import { withTicketTurn } from './tell-late-conversation.js';
import {
  announceResolution,
  type AnnounceOutcome,
  loadTicketForDone,
  rearmResolution,
  requireDone,
} from './announce-resolution.js';
import type { FlowDeps } from './deps.js';

/** Backoff for a round that left messages undelivered: 30 s, 1 min, 2 min … capped at 30 min. */
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 30 * 60_000;
const RETRY_ATTEMPTS = 8;

/**
 * Every way the app learns a ticket is Done ends here: Notion webhook events and automations
 * (statusChanged), POST /ticket-done (closeByApi), and the reconciliation sweep. One run per ticket
 * at a time, and a trigger that arrives during a run gets a run of its own after it (the running
 * one may have read the older Status); triggers waiting together share it. A Done is announced
 * once it has held for DONE_SETTLE_SECONDS; a run that left messages undelivered is retried with
 * backoff, and the sweep picks up whatever is still open after that or after a restart.
 */
export class Resolutions {
  readonly #runs = new LatestRun<AnnounceOutcome>();
  readonly #retries = new Map<string, { attempt: number; timer: NodeJS.Timeout }>();

  constructor(
    private readonly deps: FlowDeps,
    private readonly activity: ActivityLog,
  ) {}

  /** A change to Status was observed: act on the ticket's *current* status, whatever the event said. */
  statusChanged(pageId: string, trigger: string): Promise<AnnounceOutcome> {
    return this.#runs.run(pageId, () =>
      this.activity.run('done', { page_id: pageId, trigger }, (op) => withTicketTurn(this.deps, pageId, async () => {
        const { doneSettle, journal } = this.deps;
        const ticket = await loadTicketForDone(this.deps, pageId);
        op.describe(subject(ticket));
        if (!ticket.done) {
          doneSettle.clear(pageId);
          const rearmed = await rearmResolution(this.deps, ticket);
          return { status: 'not_done', ticket: rearmed, notified: 0, delivery: null };
        }
        // A round already under way (retries, a restart) is finished without waiting again.
        if (!ticket.resolutionNotifiedAt && !journal.current(pageId)) {
          const waitMs = doneSettle.remainingMs(pageId, () => this.recheckLater(pageId));
          if (waitMs > 0) return { status: 'settling', ticket, notified: 0, delivery: null };
        }
        doneSettle.clear(pageId);
        return this.afterRun(await announceResolution(this.deps, ticket));
      })),
    );
  }

  /**
   * POST /ticket-done: a caller saying the ticket is done, so no quiet period; announce now and
   * answer when the messages went out. Only a ticket Notion says is Done; `force` announces its
   * resolution again even if it was announced already.
   */
  async closeByApi(ticketId: string, force: boolean): Promise<AnnounceOutcome> {
    const ticket = await this.findTicket(ticketId);
    return this.#runs.run(
      ticket.pageId,
      () =>
        this.activity.run('done', { ...subject(ticket), trigger: 'api' }, () =>
          withTicketTurn(this.deps, ticket.pageId, async () => {
            const fresh = await loadTicketForDone(this.deps, ticket.pageId);
            requireDone(fresh);
            this.deps.doneSettle.clear(fresh.pageId);
            return this.afterRun(await announceResolution(this.deps, fresh, { again: force }));
          }),
        ),
      { join: false },
    );
  }

  /**
   * The safety net for lost or never-configured webhooks: Done tickets whose resolution was not
   * announced, edited within the lookback window (and not before this installation's journal
   * existed, so an existing database's old Done tickets are never announced: Notion's minute
   * rounding moves that edge a minute or two earlier), plus the open rounds left by retries and
   * restarts.
   */
  async sweep(): Promise<{ checked: number; announced: number }> {
    return runInBackground('resolution-sweep', () =>
      this.activity.run('sweep', {}, async () => {
        const { journal, tickets, now, settings } = this.deps;
        const since = new Date(Math.max(Date.parse(journal.createdAt), now().getTime() - settings.done.sweepLookbackMs));
        await journal.refreshAll();
        const pageIds = new Set(journal.openRounds().map((r) => r.pageId));
        for await (const page of tickets.iterateDoneUnannounced(editedSinceCursor(since))) {
          for (const t of page) pageIds.add(t.pageId);
        }
        let announced = 0;
        for (const pageId of pageIds) {
          try {
            const outcome = await this.statusChanged(pageId, 'sweep');
            if (outcome.status === 'announced') announced += 1;
          } catch (err) {
            this.deps.logger.warn({ err, page_id: pageId }, 'sweep could not settle a ticket');
          }
        }
        return { checked: pageIds.size, announced };
      }),
    );
  }

  /**
   * Runs the sweep every `intervalMs` while `leads()`: with several replicas on one store only the
   * background leader sweeps, and its sweep is what finishes the rounds other replicas left (one
   * that died, one whose retries ran out). A replica's own retries (afterRun) are not gated: the
   * run they retry was started here, the per-ticket lock keeps them from overlapping the leader's
   * sweep, and the journal keeps a message from going out twice.
   */
  startSweeping(intervalMs: number, leads: () => boolean = () => true): () => void {
    const timer = setInterval(() => {
      if (leads()) this.deps.background.start('sweep', () => this.sweep());
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  stop(): void {
    for (const { timer } of this.#retries.values()) clearTimeout(timer);
    this.#retries.clear();
    this.deps.doneSettle.stop();
  }

  /** The quiet period ran out: read the ticket again and announce it if it is still Done. */
  private recheckLater(pageId: string): void {
    this.deps.background.start('resolution-settled', () =>
      runInBackground('resolution-settled', () => this.statusChanged(pageId, 'settled')),
    );
  }

  private afterRun(outcome: AnnounceOutcome): AnnounceOutcome {
    const pageId = outcome.ticket.pageId;
    const previous = this.#retries.get(pageId);
    if (previous) clearTimeout(previous.timer);
    this.#retries.delete(pageId);
    if (outcome.status !== 'pending') return outcome;
    const attempt = (previous?.attempt ?? 0) + 1;
    if (attempt > RETRY_ATTEMPTS) return outcome; // the sweep keeps trying, at its own pace
    const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempt - 1));
    const timer = setTimeout(() => {
      this.deps.background.start('resolution-retry', () =>
        runInBackground('resolution-retry', () => this.statusChanged(pageId, 'retry')),
      );
    }, delay);
    timer.unref();
    this.#retries.set(pageId, { attempt, timer });
    return outcome;
  }

  private async findTicket(ticketId: string): Promise<Ticket> {
    const known = this.deps.index.getByTicketId(ticketId);
    if (known) return known;
    const parsed = parseTicketId(ticketId);
    const found = parsed ? await this.deps.tickets.findByNumber(parsed.number).catch(notFoundAsNull) : null;
    // Notion filters unique ids by number only: ZZZ-12 must not close JMP-12.
    if (!found || found.ticketId?.toUpperCase() !== ticketId.toUpperCase()) throw new AppError('ticket_not_found', 404, `No ticket ${ticketId} in the Notion database.`);
    return found;
  }
}

function subject(ticket: Ticket): Record<string, string> {
  return { page_id: ticket.pageId, ticket_id: ticket.ticketId ?? '' };
}

function notFoundAsNull(err: unknown): null {
  if (isAppError(err) && err.code === 'ticket_not_found') return null;
  throw err;
}
