import type { TicketIndex } from '../domain/triage/ticket-index.js';
import { runInBackground } from '../observability/context.js';
import type { Logger } from '../observability/logger.js';
import type { TicketStore } from '../ports.js';
import { KeyedLock } from '../util/keyed-lock.js';
import type { SnapshotChanges, TicketSnapshot } from './ticket-snapshot.js';

/**
 * Keeps the in-memory ticket index in step with Notion, so a suggestion never reads the database.
 *
 * - Start-up with a snapshot in the store (a full load finished before): the index is read from it,
 *   then only the tickets edited since its newest edit come from Notion, and it is complete. A full
 *   load follows in the background, for tickets deleted or archived while the app was down.
 * - Start-up without one: a full load, a page of 100 at a time, each page searchable as soon as it
 *   arrives (the first suggestion does not wait for 50,000 tickets; the panel says how many it saw).
 * - What changed in the index (sync or the app's own writes) goes to the snapshot every
 *   SNAPSHOT_FLUSH_MS in one batch, after each full load (marking it whole), and at shutdown.
 * - Every INDEX_REFRESH_SECONDS: tickets edited since the newest edit seen. Notion's
 *   last_edited_time is rounded to the minute, hence the overlap.
 * - Every INDEX_FULL_RESYNC_HOURS: a full load again, which also drops deleted tickets
 *   (an incremental query cannot see a page that left the database).
 * - The app's own writes are put in the index directly by the flows (and reach the snapshot with
 *   the next batch, like the sync's).
 * - Several replicas on one store: only the one that `polls` (the background leader) asks Notion,
 *   whose rate limit the replicas share. Every replica reads the snapshot's changes every
 *   followIntervalMs, so each sees what the others learned (the leader's polling, another
 *   replica's webhook or link). A follower's start without a whole snapshot follows the leader's
 *   full load as it is written. A replica that becomes the leader asks Notion for recent edits,
 *   then loads in full (deletions while nobody polled). A process that owns its store alone
 *   (PGlite) neither follows nor waits for a lease.
 * All of it runs at background priority, behind interactive Notion calls.
 */
export interface SyncStats {
  /** Seconds from start() until the first page of tickets was searchable. */
  firstPageSeconds: number | null;
  /** Seconds from start() until the full load finished. */
  fullLoadSeconds: number | null;
  /** Tickets read from the store's snapshot at start-up; null when it started cold. */
  snapshotTickets: number | null;
  /** Seconds from start() until the index was complete from the snapshot and caught up with Notion. */
  warmStartSeconds: number | null;
  lastRefreshAt: string | null;
  lastError: string | null;
}

const EDIT_OVERLAP_MS = 2 * 60_000;

/** Changes wait at most this long to be written to the snapshot: one batch, not one write per edit. */
const SNAPSHOT_FLUSH_MS = 5000;

/** The snapshot goes into the index this many tickets at a time, so requests are answered meanwhile. */
const RESTORE_CHUNK = 1000;

/** How often a replica reads the snapshot's changes by default. */
const FOLLOW_INTERVAL_MS = 2000;

export interface SyncOptions {
  refreshIntervalMs: number;
  fullResyncIntervalMs: number;
  /** Where the index is saved for the next start; none: every start is a full load. */
  snapshot?: TicketSnapshot;
  /** Whether this process asks Notion (the background leader among replicas); default: always. */
  polls?: () => boolean;
  /** How often the snapshot's changes are read into the index (default 2 s); only with a snapshot. */
  followIntervalMs?: number;
  /**
   * Whether other processes write the snapshot too (replicas on PostgreSQL), so it is worth
   * following; default true. A process that owns its store alone (PGlite) would only read back its
   * own writes: 50,000 tickets of them after a full load, while it serves suggestions.
   */
  follows?: boolean;
}

export class TicketSync {
  readonly stats: SyncStats = {
    firstPageSeconds: null,
    fullLoadSeconds: null,
    snapshotTickets: null,
    warmStartSeconds: null,
    lastRefreshAt: null,
    lastError: null,
  };
  readonly #lock = new KeyedLock();
  readonly #timers: NodeJS.Timeout[] = [];
  /** Page ids changed or removed since the last snapshot write. */
  readonly #dirty = new Set<string>();
  /** Page ids being written to the snapshot: the index's copy is newer than the snapshot's until it is done. */
  readonly #saving = new Set<string>();
  /** Set while the index is filled from the snapshot: nothing to write back. */
  #fromSnapshot = false;
  /** The snapshot's change feed position the index has read to; null until start(). */
  #cursor: string | null = null;
  #startedAt: number | null = null;
  /** When the last full load that succeeded began: an empty index refreshes from there. */
  #loadedFrom: string | null = null;

  constructor(
    private readonly store: TicketStore,
    private readonly index: TicketIndex,
    private readonly logger: Logger,
    private readonly options: SyncOptions,
  ) {}

  /**
   * Loads the index (from the snapshot, or in full; a follower without a whole snapshot from the
   * leader's writes) and starts the timers; resolves when the index is complete (a follower
   * starting cold: when it has started following).
   */
  async start(): Promise<void> {
    const startedAt = performance.now();
    this.#startedAt = startedAt;
    this.index.watch((pageId) => {
      if (!this.#fromSnapshot) this.#dirty.add(pageId);
    });
    const snapshot = this.options.snapshot;
    const timers = [
      setInterval(() => void (this.#polls() && this.refresh()), this.options.refreshIntervalMs),
      setInterval(() => void (this.#polls() && this.fullLoad(null)), this.options.fullResyncIntervalMs),
      ...(snapshot ? [setInterval(() => void this.flush(), SNAPSHOT_FLUSH_MS)] : []),
      ...(snapshot && this.#follows() ? [setInterval(() => void this.follow(), this.options.followIntervalMs ?? FOLLOW_INTERVAL_MS)] : []),
    ];
    for (const t of timers) t.unref();
    this.#timers.push(...timers);
    if (await this.#restore(startedAt)) {
      if (this.#polls()) void this.fullLoad(null);
      return;
    }
    // Started cold: the leader loads from Notion (a leader among replicas also reads back what it
    // wrote, once, at no index cost); a follower reads the snapshot as the leader writes it.
    if (snapshot && this.#follows()) this.#cursor = '0';
    if (this.#polls() || !snapshot) return this.fullLoad(startedAt);
    await this.follow();
  }

  /**
   * This process became the background leader after start(): catch up with Notion's recent edits,
   * then load in full, for the edits and deletions nobody polled while the lease was changing hands.
   */
  leadershipGained(): void {
    if (this.#startedAt === null) return; // start() decides for itself
    void this.refresh().then(() => this.fullLoad(null));
  }

  /**
   * Reads what was written to the snapshot since the last read (by this replica or another) into
   * the index. A ticket changed here and not yet written keeps this replica's copy, the newer one.
   */
  follow(): Promise<void> {
    const snapshot = this.options.snapshot;
    if (!snapshot || this.#cursor === null) return Promise.resolve();
    return this.#lock.run('follow', async () => {
      try {
        for (;;) {
          const changes = await snapshot.changesSince(this.#cursor!, RESTORE_CHUNK);
          this.#apply(changes);
          this.#cursor = changes.cursor;
          if (changes.upserts.length + changes.removals.length < RESTORE_CHUNK) {
            // A follower that started cold is complete once the leader's full load was written whole.
            if (changes.reconciledAt && !this.index.complete && !this.#polls()) this.#followedWhole();
            return;
          }
          await new Promise((r) => setImmediate(r));
        }
      } catch (err) {
        this.logger.warn({ err }, 'ticket index: could not read the snapshot\'s changes; trying again shortly');
      }
    });
  }

  #apply(changes: SnapshotChanges): void {
    const local = (pageId: string) => this.#dirty.has(pageId) || this.#saving.has(pageId);
    const upserts = changes.upserts.filter((t) => !local(t.pageId));
    this.#fromSnapshot = true;
    try {
      if (upserts.length > 0) this.index.upsert(upserts);
      for (const pageId of changes.removals) if (!local(pageId)) this.index.remove(pageId);
    } finally {
      this.#fromSnapshot = false;
    }
    if (upserts.length > 0 && this.stats.firstPageSeconds === null && this.#startedAt !== null) {
      this.stats.firstPageSeconds = (performance.now() - this.#startedAt) / 1000;
    }
  }

  #followedWhole(): void {
    this.index.markComplete();
    if (this.#startedAt !== null) this.stats.fullLoadSeconds = (performance.now() - this.#startedAt) / 1000;
    this.logger.info({ tickets: this.index.size }, 'ticket index loaded from the snapshot as the leader wrote it');
  }

  #follows(): boolean {
    return this.options.follows ?? true;
  }

  #polls(): boolean {
    return this.options.polls?.() ?? true;
  }

  /** Stops the timers; resolves when what changed is in the snapshot. */
  stop(): Promise<void> {
    for (const t of this.#timers) clearInterval(t);
    return this.flush();
  }

  /**
   * The index from the snapshot, then what was edited in Notion since its newest edit (the same
   * query and minute overlap as the refresh). False when there is none to use: start cold.
   */
  async #restore(startedAt: number): Promise<boolean> {
    const snapshot = this.options.snapshot;
    if (!snapshot) return false;
    let saved: Awaited<ReturnType<TicketSnapshot['load']>>;
    try {
      saved = await snapshot.load();
    } catch (err) {
      this.logger.warn({ err }, 'ticket index snapshot could not be read; loading every ticket from Notion');
      return false;
    }
    if (!saved) return false;
    for (let i = 0; i < saved.tickets.length; i += RESTORE_CHUNK) {
      this.#fromSnapshot = true;
      try {
        this.index.upsert(saved.tickets.slice(i, i + RESTORE_CHUNK));
      } finally {
        this.#fromSnapshot = false;
      }
      await new Promise((r) => setImmediate(r));
    }
    this.stats.snapshotTickets = saved.tickets.length;
    if (this.#follows()) this.#cursor = saved.cursor;
    // A failed catch-up is retried by the refresh timer; the snapshot alone already answers. A
    // follower catches up from the snapshot's changes instead.
    if (this.#polls()) await this.refresh();
    else await this.follow();
    this.index.markComplete();
    this.stats.warmStartSeconds = (performance.now() - startedAt) / 1000;
    this.logger.info(
      { tickets: this.index.size, from_snapshot: saved.tickets.length, reconciled_at: saved.reconciledAt, seconds: this.stats.warmStartSeconds },
      'ticket index loaded from the snapshot',
    );
    return true;
  }

  /** Writes what changed in the index since the last write; `reconciledAt` marks the snapshot whole. */
  flush(reconciledAt?: string): Promise<void> {
    const snapshot = this.options.snapshot;
    if (!snapshot) return Promise.resolve();
    return this.#lock.run('snapshot', async () => {
      const pageIds = [...this.#dirty];
      this.#dirty.clear();
      if (pageIds.length === 0 && !reconciledAt) return;
      for (const pageId of pageIds) this.#saving.add(pageId);
      const upserts = [];
      const removals = [];
      for (const pageId of pageIds) {
        const ticket = this.index.get(pageId);
        if (ticket) upserts.push(ticket);
        else removals.push(pageId);
      }
      try {
        await snapshot.save({ upserts, removals, reconciledAt });
      } catch (err) {
        for (const pageId of pageIds) this.#dirty.add(pageId);
        this.logger.warn({ err, tickets: pageIds.length }, 'ticket index snapshot: write failed; retrying with the next batch');
      } finally {
        for (const pageId of pageIds) this.#saving.delete(pageId);
      }
    });
  }

  /** Loads every ticket; retries with backoff until it succeeds (Notion may be down at start-up). */
  fullLoad(startedAt: number | null): Promise<void> {
    return this.#lock.run('sync', () =>
      runInBackground('ticket-sync', async () => {
        for (let attempt = 0; ; attempt++) {
          const loadStartedAt = new Date().toISOString();
          try {
            const seen = new Set<string>();
            for await (const page of this.store.iterateAll()) {
              this.index.upsert(page);
              for (const t of page) seen.add(t.pageId);
              if (startedAt !== null && this.stats.firstPageSeconds === null) {
                this.stats.firstPageSeconds = (performance.now() - startedAt) / 1000;
              }
            }
            for (const pageId of this.index.pageIds()) if (!seen.has(pageId)) this.index.remove(pageId);
            this.index.markComplete();
            this.#loadedFrom = loadStartedAt;
            if (startedAt !== null) this.stats.fullLoadSeconds = (performance.now() - startedAt) / 1000;
            this.stats.lastError = null;
            this.logger.info({ tickets: this.index.size }, 'ticket index loaded');
            await this.flush(new Date().toISOString());
            return;
          } catch (err) {
            this.stats.lastError = err instanceof Error ? err.message : String(err);
            const delay = Math.min(60_000, 1000 * 2 ** attempt);
            this.logger.warn({ err, retry_in_ms: delay }, 'ticket index load failed');
            await new Promise((r) => setTimeout(r, delay).unref());
          }
        }
      }),
    );
  }

  /** Pulls tickets edited since the newest edit the index has seen. */
  refresh(): Promise<void> {
    return this.#lock.run('sync', () =>
      runInBackground('ticket-refresh', async () => {
        // An empty index (a new installation) has no newest edit: ask from the last full load on,
        // or a ticket made elsewhere (another replica, Notion itself) waits for the next full load.
        const newest = this.index.newestEdit() ?? this.#loadedFrom;
        if (newest === null) return;
        const since = new Date(Date.parse(newest) - EDIT_OVERLAP_MS).toISOString();
        try {
          let count = 0;
          for await (const page of this.store.iterateEditedSince(since)) {
            this.index.upsert(page);
            count += page.length;
          }
          this.stats.lastRefreshAt = new Date().toISOString();
          this.stats.lastError = null;
          this.logger.debug({ tickets: count }, 'ticket index refreshed');
        } catch (err) {
          this.stats.lastError = err instanceof Error ? err.message : String(err);
          this.logger.warn({ err }, 'ticket index refresh failed');
        }
      }),
    );
  }
}
