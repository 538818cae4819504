import type { JournalStore } from './journal-store.js';

/**
 * The delivery journal: which resolution messages went out, so each is sent once.
 *
 * A ticket marked Done opens a *round*; each target (a Slack channel, an Intercom conversation)
 * gets one message per round. Before a send the journal durably records an intent; after, the
 * result. After a crash, a target with an intent but no result is "in doubt": the sender looks at
 * the target itself (Slack history, Intercom parts) before sending again. When every target is
 * settled the round closes and Notion's "Resolution Notified" is set: that property, not the
 * journal, is what says a ticket's resolution was announced.
 *
 * Kept in the store (src/store: PGlite or PostgreSQL); the open rounds are also held in memory,
 * loaded when the journal opens, and every change is written through before it is acknowledged.
 * Replicas share the store: each reads a ticket's round again under the ticket's lock (`refresh`).
 */

export type TargetStatus = 'pending' | 'in_doubt' | 'sent' | 'failed' | 'gave_up';

export interface TargetState {
  status: TargetStatus;
  attempts: number;
  /** ISO time of the last intent: the in-doubt check looks for messages from then on. */
  intentAt: string | null;
  /** For in-doubt checks: the normalised text that was being sent. */
  fingerprint: string | null;
  lastError: string | null;
}

export interface Round {
  id: string;
  pageId: string;
  startedAt: string;
  targets: Map<string, TargetState>;
}

export class DeliveryJournal {
  readonly #open = new Map<string, Round>();
  /** "<page id> <target>" -> ISO time its message was last sent, closed rounds included. */
  readonly #lastSent = new Map<string, string>();

  private constructor(
    private readonly store: JournalStore,
    readonly createdAt: string,
    readonly now: () => Date,
  ) {}

  /** Loads the open rounds from the store. */
  static async open(store: JournalStore, now: () => Date = () => new Date()): Promise<DeliveryJournal> {
    const createdAt = await store.installedAt(now().toISOString());
    const { rounds, told } = await store.load();
    const journal = new DeliveryJournal(store, createdAt, now);
    for (const round of rounds) journal.#open.set(round.pageId, round);
    for (const t of told) journal.#lastSent.set(sentKey(t.pageId, t.target), t.at);
    return journal;
  }

  /**
   * Reads the ticket's round and told times again from the store: another replica may have sent
   * messages since this one loaded them. Called under the ticket's lock before deciding what to send.
   */
  async refresh(pageId: string): Promise<void> {
    const { round, told } = await this.store.loadTicket(pageId);
    if (round) this.#open.set(pageId, round);
    else this.#open.delete(pageId);
    for (const t of told) this.#lastSent.set(sentKey(pageId, t.target), t.at);
  }

  /** Every open round again (the sweep, which settles what other replicas left open). */
  async refreshAll(): Promise<void> {
    const rounds = await this.store.rounds();
    this.#open.clear();
    for (const round of rounds) this.#open.set(round.pageId, round);
  }

  /** When `target` (e.g. "intercom:123") of this ticket was last sent its message; null if never. */
  lastSent(pageId: string, target: string): string | null {
    return this.#lastSent.get(sentKey(pageId, target)) ?? null;
  }

  /** The open round of a ticket, if its resolution is being announced. */
  current(pageId: string): Round | undefined {
    return this.#open.get(pageId);
  }

  /** The open round of the ticket, or a new one. */
  async openRound(pageId: string): Promise<Round> {
    const existing = this.#open.get(pageId);
    if (existing) return existing;
    const at = this.now().toISOString();
    const round: Round = { id: `${pageId}@${at}`, pageId, startedAt: at, targets: new Map() };
    this.#open.set(pageId, round);
    await this.store.openRound(round);
    return round;
  }

  target(round: Round, key: string): TargetState {
    let state = round.targets.get(key);
    if (!state) {
      state = { status: 'pending', attempts: 0, intentAt: null, fingerprint: null, lastError: null };
      round.targets.set(key, state);
    }
    return state;
  }

  async intent(round: Round, key: string, fingerprint: string | null): Promise<void> {
    const state = this.target(round, key);
    // No error until this attempt has one: an intent without a result means its sender stopped mid-send.
    Object.assign(state, { status: 'in_doubt', intentAt: this.now().toISOString(), fingerprint, attempts: state.attempts + 1, lastError: null });
    await this.store.saveTarget(round, key, state);
  }

  async sent(round: Round, key: string): Promise<void> {
    const at = this.now().toISOString();
    const state = Object.assign(this.target(round, key), { status: 'sent', lastError: null });
    this.#lastSent.set(sentKey(round.pageId, key), at);
    await this.store.saveTarget(round, key, state, at);
  }

  async failed(round: Round, key: string, error: string, permanent: boolean, inDoubt: boolean): Promise<void> {
    // An in-doubt failure stays in doubt: the next attempt must check the target first.
    const status: TargetStatus = permanent ? 'gave_up' : inDoubt ? 'in_doubt' : 'failed';
    const state = Object.assign(this.target(round, key), { status, lastError: error });
    await this.store.saveTarget(round, key, state);
  }

  async close(round: Round): Promise<void> {
    if (this.#open.get(round.pageId) === round) this.#open.delete(round.pageId);
    await this.store.closeRound(round);
  }

  /** Open rounds, for the sweep and the inbox panel. */
  openRounds(): Round[] {
    return [...this.#open.values()];
  }
}

function sentKey(pageId: string, target: string): string {
  return `${pageId} ${target}`;
}
