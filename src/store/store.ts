import type { Locks } from './advisory-locks.js';
import type { Leases } from './leases.js';
import type { JournalStore } from '../delivery/journal-store.js';
import type { ActivityStore } from '../observability/activity-store.js';
import type { PeopleCache } from '../people/people-cache.js';
import type { ThreadStore } from '../threads/thread-store.js';
import type { TicketSnapshot } from '../sync/ticket-snapshot.js';
import type { SetupGaps } from './setup-gaps.js';
import type { TicketCreations } from './ticket-creations.js';
import type { WebhookEvents } from '../webhooks/webhook-events.js';

/**
 * The app's durable state, behind one port: PGlite in STATE_DIR by default, PostgreSQL when
 * DATABASE_URL is set, memory in tests that do not restart.
 */
export interface Store {
  readonly kind: 'pglite' | 'postgres' | 'memory';
  readonly journal: JournalStore;
  readonly events: WebhookEvents;
  readonly activity: ActivityStore;
  /** The thread sync's ledger: threads, one record per synced message, pending work. */
  readonly threads: ThreadStore;
  /** The ticket index as last synced, for a warm restart. */
  readonly tickets: TicketSnapshot;
  /** Which ticket each conversation created: Creates on any replica find it. */
  readonly creations: TicketCreations;
  /** Set-up steps that failed, for the panel's "Finish setting up" on any replica. */
  readonly setupGaps: SetupGaps;
  /** The Slack directory and users.lookupByEmail answers, so a restart or a replica need not wait for Slack. */
  readonly people: PeopleCache;
  /** The per-conversation and per-ticket locks: PostgreSQL advisory locks, else in-process. */
  readonly locks: Locks;
  /** Who does the background work among the replicas on this store (see BackgroundLeader). */
  readonly leases: Leases;
  /**
   * Deletes what is past its retention: webhook ids older than a week, operations older than
   * ACTIVITY_RETENTION_DAYS, removed tickets' snapshot rows after a week, the thread ledger's
   * records and stuck work after 30 days, expired email lookups.
   */
  prune(now: Date): Promise<void>;
  /** Throws when the store cannot answer (readiness, doctor). */
  check(): Promise<void>;
  close(): Promise<void>;
}
