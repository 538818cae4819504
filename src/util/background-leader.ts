import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../observability/logger.js';
import { BACKGROUND_LEASE, type Leases } from '../store/leases.js';

export interface LeaderOptions {
  /** The lease's name in the store: one leader per name. */
  name?: string;
  /** Who this process is in the lease table (default: host, pid and a random part, new per process). */
  holderId?: string;
  /** How long a taken or renewed lease lasts without renewal: a dead leader's work moves after at most this. */
  ttlMs?: number;
  /** How often the lease is renewed (or, by a follower, tried). Well under ttlMs, so one slow store call does not lose it. */
  renewMs?: number;
  /** A monotonic clock in ms (tests). */
  clock?: () => number;
}

export const DEFAULT_LEASE_TTL_MS = 30_000;
export const DEFAULT_LEASE_RENEW_MS = 10_000;

/**
 * Which replica on one store does the background work: sweeps, pruning, polling Notion. Each
 * process tries for one lease every `renewMs`; the one holding it renews it, the others take it
 * when it has run out (the holder died) or was released (the holder stopped).
 *
 * isLeader() is conservative: it turns false on its own `ttlMs` after the last renewal *started*
 * if the store stopped answering, since another replica may have taken the lease by then. The
 * lease is for sharing work, not for safety: a leader can lose it in the middle of a sweep and the
 * new one start another; the per-ticket and per-conversation locks keep that correct.
 */
export class BackgroundLeader {
  readonly holderId: string;
  readonly #name: string;
  readonly #ttlMs: number;
  readonly #renewMs: number;
  readonly #clock: () => number;
  readonly #gained: Array<() => void> = [];
  readonly #lost: Array<() => void> = [];
  /** What the callbacks were last told. */
  #leader = false;
  /** Monotonic ms until which the lease is surely ours. */
  #validUntil = 0;
  #renewing: Promise<boolean> | null = null;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    private readonly leases: Leases,
    private readonly logger: Logger,
    options: LeaderOptions = {},
  ) {
    this.#name = options.name ?? BACKGROUND_LEASE;
    this.holderId = options.holderId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.#ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.#renewMs = options.renewMs ?? DEFAULT_LEASE_RENEW_MS;
    this.#clock = options.clock ?? (() => performance.now());
    if (this.#renewMs >= this.#ttlMs) throw new Error('BackgroundLeader: renewMs must be shorter than ttlMs');
  }

  isLeader(): boolean {
    return this.#leader && this.#clock() < this.#validUntil;
  }

  /** Runs `fn` each time this process becomes the leader. */
  onGain(fn: () => void): void {
    this.#gained.push(fn);
  }

  /** Runs `fn` each time this process stops being the leader (another took the lease, or the store stopped answering). */
  onLoss(fn: () => void): void {
    this.#lost.push(fn);
  }

  /** Tries once (so the caller knows its role before starting work), then every `renewMs`. */
  async start(): Promise<void> {
    await this.renew();
    if (this.#stopped) return;
    this.#timer = setInterval(() => void this.renew(), this.#renewMs);
    this.#timer.unref();
  }

  /** Stops renewing and releases the lease if held, so a follower takes over at its next try rather than after the ttl. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#renewing;
    const held = this.#leader;
    this.#leader = false;
    if (!held) return;
    try {
      await this.leases.release(this.#name, this.holderId);
    } catch (err) {
      this.logger.warn({ err, lease: this.#name }, 'background lease: could not release it; another replica takes it when it runs out');
    }
  }

  /** One try to take or keep the lease (the timer's tick); true when held. */
  renew(): Promise<boolean> {
    this.#renewing ??= this.#try().finally(() => {
      this.#renewing = null;
    });
    return this.#renewing;
  }

  async #try(): Promise<boolean> {
    if (this.#stopped) return false;
    const startedAt = this.#clock();
    try {
      const held = await this.leases.tryAcquire(this.#name, this.holderId, this.#ttlMs);
      if (held) this.#validUntil = startedAt + this.#ttlMs;
      this.#set(held);
    } catch (err) {
      // Unknown whether the lease was renewed: still ours until it would have run out.
      this.logger.warn({ err, lease: this.#name, leader: this.isLeader() }, 'background lease: the store did not answer');
      this.#set(this.isLeader());
    }
    return this.#leader;
  }

  #set(leader: boolean): void {
    if (this.#stopped || leader === this.#leader) return;
    this.#leader = leader;
    this.logger.info({ lease: this.#name, holder: this.holderId }, leader ? 'background work: this replica leads' : 'background work: another replica leads');
    for (const fn of leader ? this.#gained : this.#lost) {
      try {
        fn();
      } catch (err) {
        this.logger.error({ err, lease: this.#name }, 'background lease: a callback failed');
      }
    }
  }
}
