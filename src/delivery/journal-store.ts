import type { Round, TargetState } from './journal.js';

/**
 * Where the delivery journal keeps what it must not forget: the store (PGlite or PostgreSQL) in
 * production, memory in tests. The journal holds the open rounds in memory and writes through.
 */
export interface JournalStore {
  /** When this installation's journal began (set on first call, `now` then): the sweep looks no further back. */
  installedAt(now: string): Promise<string>;
  /** The open rounds with their targets, and when each target of each ticket was last sent its message. */
  load(): Promise<{ rounds: Round[]; told: Array<{ pageId: string; target: string; at: string }> }>;
  /** The open rounds alone (the sweep reads them again each time). */
  rounds(): Promise<Round[]>;
  /** One ticket's open round (if any) and when each of its targets was last told: what another replica may have written. */
  loadTicket(pageId: string): Promise<{ round: Round | null; told: Array<{ target: string; at: string }> }>;
  openRound(round: Round): Promise<void>;
  /** Records a target's state; with `toldAt`, also that its message was sent then. */
  saveTarget(round: Round, target: string, state: TargetState, toldAt?: string): Promise<void>;
  /** The round is over: it is no longer loaded (when each target was told stays). */
  /** Records that `target` of the ticket was sent its message at `at` (kept past the round). */
  markTold(pageId: string, target: string, at: string): Promise<void>;
  closeRound(round: Round): Promise<void>;
}
