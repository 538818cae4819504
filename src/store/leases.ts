/**
 * Named leases in the store: at most one holder per name until its lease runs out, so one replica
 * does the background work (sweeps, Notion polling, pruning) while the others stand by. Expiry is
 * reckoned on the store's clock (the database's now()), so replicas' clocks never disagree on it.
 */
/** The lease the replicas' background work is under (BackgroundLeader). */
export const BACKGROUND_LEASE = 'background';

export interface Leases {
  /**
   * Takes the lease for `holder`, or extends it if `holder` has it already: true when `holder`
   * holds it for `ttlMs` from now. False while another holder's lease has not run out.
   */
  tryAcquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up at once (a clean stop), if `holder` has it; another holder need not wait out the ttl. */
  release(name: string, holder: string): Promise<void>;
  /** Who holds the lease now, or null when nobody does (never taken, released or run out). */
  holder(name: string): Promise<string | null>;
}

/** The leases in memory, for one process's tests; `now` is the store's clock. */
export class MemoryLeases implements Leases {
  readonly #leases = new Map<string, { holder: string; expiresAt: number }>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  tryAcquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const at = this.now().getTime();
    const held = this.#leases.get(name);
    if (held && held.holder !== holder && held.expiresAt >= at) return Promise.resolve(false);
    this.#leases.set(name, { holder, expiresAt: at + ttlMs });
    return Promise.resolve(true);
  }

  release(name: string, holder: string): Promise<void> {
    if (this.#leases.get(name)?.holder === holder) this.#leases.delete(name);
    return Promise.resolve();
  }

  holder(name: string): Promise<string | null> {
    const held = this.#leases.get(name);
    return Promise.resolve(held && held.expiresAt >= this.now().getTime() ? held.holder : null);
  }
}
