import type { JournalStore } from '../delivery/journal-store.js';

/**
 * The app's durable state, behind one port: PGlite in STATE_DIR by default, PostgreSQL when
 * DATABASE_URL is set, memory in tests that do not restart.
 */
export interface Store {
  readonly kind: 'pglite' | 'postgres' | 'memory';
  readonly journal: JournalStore;
  /** Throws when the store cannot answer (readiness, doctor). */
  check(): Promise<void>;
  close(): Promise<void>;
}
