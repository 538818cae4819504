import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The delivery journal: which resolution messages went out, so each is sent once.
 *
 * A ticket marked Done opens a *round*; each target (a Slack channel, an Intercom conversation)
 * gets one message per round. Before a send the journal durably records an intent; after, the
 * result. After a crash, a target with an intent but no result is "in doubt": the sender looks at
 * the target itself (Slack history, Intercom parts) before sending again. When every target is
 * settled the round closes and Notion's "Resolution Notified" is set: that property, not this file,
 * is what says a ticket's resolution was announced.
 *
 * Stored as JSON Lines in STATE_DIR, appended with one fsync per batch of records (group commit),
 * compacted when opened. With no directory (unit tests) it lives in memory.
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

type JournalRecord =
  | { t: 'header'; created_at: string }
  | { t: 'round'; round: string; page: string; at: string }
  | { t: 'intent'; round: string; target: string; at: string; fingerprint: string | null }
  | { t: 'sent'; round: string; target: string; at: string }
  | { t: 'failed'; round: string; target: string; at: string; error: string; permanent: boolean; in_doubt: boolean }
  | { t: 'closed'; round: string; at: string; outcome: 'announced' | 'abandoned' }
  /** Kept through compaction: when a target of a ticket was last sent its message (for the panel). */
  | { t: 'told'; page: string; target: string; at: string };

export class DeliveryJournal {
  readonly #open = new Map<string, Round>();
  /** "<page id> <target>" -> ISO time its message was last sent, closed rounds included. */
  readonly #lastSent = new Map<string, string>();
  readonly #file: FileHandle | null;
  #queue: string[] = [];
  #flushing: Promise<void> | null = null;
  #waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];

  private constructor(
    file: FileHandle | null,
    readonly createdAt: string,
    readonly now: () => Date,
  ) {
    this.#file = file;
  }

  /** Opens (and compacts) the journal at `path`, or an in-memory one when `path` is null. */
  static async open(path: string | null, now: () => Date = () => new Date()): Promise<DeliveryJournal> {
    if (path === null) return new DeliveryJournal(null, now().toISOString(), now);
    await mkdir(dirname(path), { recursive: true });
    const records = await readRecords(path);
    const header = records.find((r) => r.t === 'header');
    const createdAt = header?.t === 'header' ? header.created_at : now().toISOString();
    const rounds = replay(records);
    const told = lastSentOf(records);
    const compacted: JournalRecord[] = [
      { t: 'header', created_at: createdAt },
      ...[...told].map(([key, at]): JournalRecord => ({ t: 'told', ...splitKey(key), at })),
      ...roundsToRecords(rounds),
    ];
    const tmp = `${path}.${randomUUID()}.tmp`;
    const tmpFile = await open(tmp, 'w');
    await tmpFile.writeFile(compacted.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await tmpFile.sync();
    await tmpFile.close();
    await rename(tmp, path);
    const journal = new DeliveryJournal(await open(path, 'a'), createdAt, now);
    for (const round of rounds) journal.#open.set(round.pageId, round);
    for (const [key, at] of told) journal.#lastSent.set(key, at);
    return journal;
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
    await this.write({ t: 'round', round: round.id, page: pageId, at });
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
    const at = this.now().toISOString();
    Object.assign(this.target(round, key), { status: 'in_doubt', intentAt: at, fingerprint });
    this.target(round, key).attempts += 1;
    await this.write({ t: 'intent', round: round.id, target: key, at, fingerprint });
  }

  async sent(round: Round, key: string): Promise<void> {
    const at = this.now().toISOString();
    Object.assign(this.target(round, key), { status: 'sent', lastError: null });
    this.#lastSent.set(sentKey(round.pageId, key), at);
    await this.write({ t: 'sent', round: round.id, target: key, at });
  }

  async failed(round: Round, key: string, error: string, permanent: boolean, inDoubt: boolean): Promise<void> {
    // An in-doubt failure stays in doubt: the next attempt must check the target first.
    const status: TargetStatus = permanent ? 'gave_up' : inDoubt ? 'in_doubt' : 'failed';
    Object.assign(this.target(round, key), { status, lastError: error });
    await this.write({
      t: 'failed',
      round: round.id,
      target: key,
      at: this.now().toISOString(),
      error,
      permanent,
      in_doubt: inDoubt,
    });
  }

  async close(round: Round, outcome: 'announced' | 'abandoned'): Promise<void> {
    if (this.#open.get(round.pageId) === round) this.#open.delete(round.pageId);
    await this.write({ t: 'closed', round: round.id, at: this.now().toISOString(), outcome });
  }

  /** Open rounds, for the sweep and the inbox panel. */
  openRounds(): Round[] {
    return [...this.#open.values()];
  }

  async closeFile(): Promise<void> {
    await this.#flushing;
    await this.#file?.close();
  }

  private write(record: JournalRecord): Promise<void> {
    if (!this.#file) return Promise.resolve();
    this.#queue.push(JSON.stringify(record));
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    this.#flushing ??= this.flush();
    return done;
  }

  /** Writes everything queued with one fsync, then resolves the writers that were waiting on it. */
  private async flush(): Promise<void> {
    while (this.#queue.length > 0) {
      const lines = this.#queue;
      const waiters = this.#waiters;
      this.#queue = [];
      this.#waiters = [];
      try {
        await this.#file!.write(lines.join('\n') + '\n');
        await this.#file!.datasync();
        for (const w of waiters) w.resolve();
      } catch (err) {
        for (const w of waiters) w.reject(err);
      }
    }
    this.#flushing = null;
  }
}

async function readRecords(path: string): Promise<JournalRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const records: JournalRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch {
      // A torn last line from a crash mid-write: the record it held was never acknowledged.
    }
  }
  return records;
}

function sentKey(pageId: string, target: string): string {
  return `${pageId} ${target}`;
}

function splitKey(key: string): { page: string; target: string } {
  const at = key.indexOf(' ');
  return { page: key.slice(0, at), target: key.slice(at + 1) };
}

/** When each target of each ticket was last sent its message, from every round, closed or not. */
function lastSentOf(records: JournalRecord[]): Map<string, string> {
  const pages = new Map<string, string>();
  const told = new Map<string, string>();
  for (const r of records) {
    if (r.t === 'round') pages.set(r.round, r.page);
    if (r.t === 'told') told.set(sentKey(r.page, r.target), r.at);
    const page = r.t === 'sent' ? pages.get(r.round) : undefined;
    if (r.t === 'sent' && page) told.set(sentKey(page, r.target), r.at);
  }
  return told;
}

/** Rebuilds the open rounds from the log; closed rounds are dropped. */
function replay(records: JournalRecord[]): Round[] {
  const rounds = new Map<string, Round>();
  const state = (round: Round, key: string): TargetState => {
    let s = round.targets.get(key);
    if (!s) {
      s = { status: 'pending', attempts: 0, intentAt: null, fingerprint: null, lastError: null };
      round.targets.set(key, s);
    }
    return s;
  };
  for (const r of records) {
    if (r.t === 'round') rounds.set(r.round, { id: r.round, pageId: r.page, startedAt: r.at, targets: new Map() });
    if (r.t === 'closed') rounds.delete(r.round);
    if (r.t !== 'intent' && r.t !== 'sent' && r.t !== 'failed') continue;
    const round = rounds.get(r.round);
    if (!round) continue;
    const s = state(round, r.target);
    if (r.t === 'intent') Object.assign(s, { status: 'in_doubt', intentAt: r.at, fingerprint: r.fingerprint, attempts: s.attempts + 1 });
    if (r.t === 'sent') Object.assign(s, { status: 'sent', lastError: null });
    if (r.t === 'failed') Object.assign(s, { status: r.permanent ? 'gave_up' : r.in_doubt ? 'in_doubt' : 'failed', lastError: r.error });
  }
  return [...rounds.values()];
}

function roundsToRecords(rounds: Round[]): JournalRecord[] {
  const out: JournalRecord[] = [];
  for (const round of rounds) {
    out.push({ t: 'round', round: round.id, page: round.pageId, at: round.startedAt });
    for (const [target, s] of round.targets) {
      if (s.intentAt) out.push({ t: 'intent', round: round.id, target, at: s.intentAt, fingerprint: s.fingerprint });
      if (s.status === 'sent') out.push({ t: 'sent', round: round.id, target, at: s.intentAt ?? round.startedAt });
      if (s.lastError !== null && s.status !== 'sent') {
        out.push({
          t: 'failed',
          round: round.id,
          target,
          at: round.startedAt,
          error: s.lastError,
          permanent: s.status === 'gave_up',
          in_doubt: s.status === 'in_doubt',
        });
      }
    }
  }
  return out;
}
