import type { TicketIndex } from '../domain/triage/ticket-index.js';
import { runInBackground } from '../observability/context.js';
import type { Logger } from '../observability/logger.js';
import type { TicketStore } from '../ports.js';
import { KeyedLock } from '../util/keyed-lock.js';

/**
 * Keeps the in-memory ticket index in step with Notion, so a suggestion never reads the database.
 *
 * - Start-up: a full load, a page of 100 at a time, each page searchable as soon as it arrives
 *   (the first suggestion does not wait for 50,000 tickets; the panel says how many it saw).
 * - Every INDEX_REFRESH_SECONDS: tickets edited since the newest edit seen. Notion's
 *   last_edited_time is rounded to the minute, hence the overlap.
 * - Every INDEX_FULL_RESYNC_HOURS: a full load again, which also drops deleted tickets
 *   (an incremental query cannot see a page that left the database).
 * - The app's own writes are put in the index directly by the flows.
 * All of it runs at background priority, behind interactive Notion calls.
 */
export interface SyncStats {
  /** Seconds from start() until the first page of tickets was searchable. */
  firstPageSeconds: number | null;
  /** Seconds from start() until the full load finished. */
  fullLoadSeconds: number | null;
  lastRefreshAt: string | null;
  lastError: string | null;
}

const EDIT_OVERLAP_MS = 2 * 60_000;

export class TicketSync {
  readonly stats: SyncStats = { firstPageSeconds: null, fullLoadSeconds: null, lastRefreshAt: null, lastError: null };
  readonly #lock = new KeyedLock();
  readonly #timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly store: TicketStore,
    private readonly index: TicketIndex,
    private readonly logger: Logger,
    private readonly options: { refreshIntervalMs: number; fullResyncIntervalMs: number },
  ) {}

  /** Starts the first full load and the timers; resolves when the first full load has finished. */
  start(): Promise<void> {
    const first = this.fullLoad(performance.now());
    const refresh = setInterval(() => void this.refresh(), this.options.refreshIntervalMs);
    const resync = setInterval(() => void this.fullLoad(null), this.options.fullResyncIntervalMs);
    refresh.unref();
    resync.unref();
    this.#timers.push(refresh, resync);
    return first;
  }

  stop(): void {
    for (const t of this.#timers) clearInterval(t);
  }

  /** Loads every ticket; retries with backoff until it succeeds (Notion may be down at start-up). */
  fullLoad(startedAt: number | null): Promise<void> {
    return this.#lock.run('sync', () =>
      runInBackground('ticket-sync', async () => {
        for (let attempt = 0; ; attempt++) {
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
            if (startedAt !== null) this.stats.fullLoadSeconds = (performance.now() - startedAt) / 1000;
            this.stats.lastError = null;
            this.logger.info({ tickets: this.index.size }, 'ticket index loaded');
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
        const newest = this.index.newestEdit();
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
