import { confirmationSchema } from '../../domain/threads/send-to-customer-views.js';
import { runInBackground } from '../../observability/context.js';
import type { PendingWork } from '../../threads/thread-store.js';
import type { FlowDeps } from '../deps.js';
import { mirrorConversation } from './mirror-conversation.js';
import { mirrorThread } from './mirror-thread.js';
import { sendToCustomer } from './send-to-customer.js';

/** Waits before running an incomplete pass again; after the last, the sweep takes over. */
const RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000];
const SWEEP_INTERVAL_MS = 60_000;
/** The sweep leaves fresh work to the pass that was started for it. */
const SWEEP_MIN_AGE_MS = 10_000;

/**
 * The thread sync's work queue. A webhook records what changed (durably, before it is answered)
 * and a pass runs in the background: one at a time per conversation or thread, again while
 * changes keep arriving, again after a delay when something failed, and from the sweep after a
 * restart. Every pass re-reads its source, so running one twice or late does no harm.
 *
 * Work keys: `conv:<conversation id>` (Intercom → Slack), `thread:<channel>:<root ts>` (Slack →
 * Intercom), `customer:<channel>:<ts>` (a confirmed `Send to customer`).
 */
export class ThreadSync {
  readonly #deps: FlowDeps;
  readonly #attempts = new Map<string, number>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #sweeper: NodeJS.Timeout | undefined;
  #started = false;
  #stopped = false;

  constructor(deps: FlowDeps) {
    this.#deps = deps;
  }

  /** An Intercom conversation changed (a webhook, an unlink). */
  async conversationChanged(conversationId: string): Promise<void> {
    await this.#add(`conv:${conversationId}`);
  }

  /** Someone wrote in a Slack thread. */
  async threadChanged(channelId: string, rootTs: string): Promise<void> {
    await this.#add(`thread:${channelId}:${rootTs}`);
  }

  /** Someone edited or deleted a message in a thread: say once that edits are not synced. */
  async threadEdited(channelId: string, rootTs: string): Promise<void> {
    if (await this.#deps.threadStore.noteEdits(channelId, rootTs)) await this.#add(`thread:${channelId}:${rootTs}`);
  }

  /** A `Send to customer` was confirmed in Slack by `requester`. */
  async sendConfirmed(confirmation: { channel: string; ts: string; root: string }, requester: string): Promise<void> {
    await this.#add(`customer:${confirmation.channel}:${confirmation.ts}`, { root: confirmation.root, requester });
  }

  /**
   * Runs the work left over (a restart) now and every minute, while `leads()`: with several
   * replicas on one store only the background leader sweeps, and a replica that becomes the leader
   * later sweeps then (leadershipGained). A replica's own retries (#retryLater) are not gated: the
   * work was started here, and the per-key lock and the work's version keep a second pass harmless.
   */
  start(leads: () => boolean = () => true): void {
    this.#started = true;
    if (leads()) this.#sweepNow();
    this.#sweeper = setInterval(() => void (leads() && this.sweep(SWEEP_MIN_AGE_MS)), SWEEP_INTERVAL_MS);
    this.#sweeper.unref();
  }

  /** This process became the background leader after start(): pick up what the last one left, whatever its age. */
  leadershipGained(): void {
    if (this.#started) this.#sweepNow();
  }

  #sweepNow(): void {
    void this.sweep(0).catch((err: unknown) => this.#deps.logger.warn({ err }, 'thread sync: the sweep could not read the pending work'));
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#sweeper);
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  async sweep(minAgeMs = SWEEP_MIN_AGE_MS): Promise<void> {
    const now = this.#deps.now().getTime();
    for (const work of await this.#deps.threadStore.pendingWork()) {
      if (now - Date.parse(work.since) >= minAgeMs) this.#schedule(work.key);
    }
  }

  async #add(key: string, data?: Record<string, string>): Promise<void> {
    await this.#deps.threadStore.addWork(key, data);
    this.#schedule(key);
  }

  #schedule(key: string, delayMs = 0): void {
    if (this.#stopped) return;
    const run = () => this.#deps.background.start(`thread-sync:${key}`, () => runInBackground(`thread-sync:${key}`, () => this.#drain(key)));
    if (delayMs === 0) return void run();
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, delayMs);
    timer.unref();
    this.#timers.add(timer);
  }

  /** Passes over `key` until its work is done, one at a time per key. */
  #drain(key: string): Promise<void> {
    return this.#deps.locks.run(`thread-sync:${key}`, async () => {
      for (let round = 0; round < 10 && !this.#stopped; round += 1) {
        const work = await this.#deps.threadStore.work(key);
        if (!work) return;
        let complete = false;
        try {
          complete = (await this.#pass(work)).complete;
        } catch (err) {
          this.#deps.logger.warn({ err, work: key }, 'thread sync pass failed; it will be run again');
        }
        if (!complete) return this.#retryLater(key);
        this.#attempts.delete(key);
        if (await this.#deps.threadStore.finishWork(key, work.version)) return;
      }
    });
  }

  #retryLater(key: string): void {
    const attempt = this.#attempts.get(key) ?? 0;
    this.#attempts.set(key, attempt + 1);
    const delay = RETRY_DELAYS_MS[attempt];
    if (delay !== undefined) this.#schedule(key, delay);
    else this.#attempts.delete(key);
  }

  #pass(work: PendingWork): Promise<{ complete: boolean }> {
    const [kind, ...rest] = work.key.split(':');
    if (kind === 'conv') return mirrorConversation(this.#deps, rest.join(':'));
    if (kind === 'thread') return mirrorThread(this.#deps, rest[0]!, rest[1]!);
    if (kind === 'customer') {
      const confirmation = confirmationSchema.safeParse({ channel: rest[0], ts: rest[1], root: work.data.root });
      if (!confirmation.success) return Promise.resolve({ complete: true });
      return sendToCustomer(this.#deps, confirmation.data, work.data.requester ?? '');
    }
    return Promise.resolve({ complete: true });
  }
}
