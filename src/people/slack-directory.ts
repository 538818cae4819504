import type { SlackUser } from '../domain/people.js';
import type { Logger } from '../observability/logger.js';
import { runInBackground } from '../observability/context.js';
import type { Chat } from '../ports.js';
import { MemoryPeopleCache, type PeopleCache } from './people-cache.js';

/**
 * The Slack user list, for matching teammates by name. users.list is Tier 2 (about 20 calls a
 * minute, 200 users a call), so a large workspace takes minutes to list: it is loaded and
 * refreshed in the background and never on a request path. Each listing is kept in the store, so a
 * restart or a second replica answers from the stored list at once (and lists again in the
 * background only when it is older than half the refresh period); a replica whose turn to refresh
 * comes just after another one listed takes that listing instead of asking Slack. Until a list is
 * known, `users()` is null and name matching reports it rather than waiting.
 */
export class SlackDirectory {
  #users: SlackUser[] | null = null;
  /** When the list in hand was listed (ms); -Infinity before any. */
  #loadedAt = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | undefined;
  #loading: Promise<void> | null = null;

  constructor(
    private readonly chat: Chat,
    private readonly logger: Logger,
    private readonly refreshMs: number,
    private readonly cache: PeopleCache = new MemoryPeopleCache(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  users(): SlackUser[] | null {
    return this.#users;
  }

  /** Takes the stored list, then lists from Slack if it is missing or due; resolves when that is done. */
  start(): Promise<void> {
    this.#timer = setInterval(() => void this.#refreshIfDue(), this.refreshMs);
    this.#timer.unref();
    return this.#refreshIfDue();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Lists from Slack now; concurrent calls share one load. Failures keep the previous list. */
  refresh(): Promise<void> {
    return this.#load(() => this.#listFromSlack());
  }

  /** The stored list if it is newer than the one in hand; Slack only when even that is due for a refresh. */
  #refreshIfDue(): Promise<void> {
    return this.#load(async () => {
      const stored = await this.cache.directory().catch((err: unknown) => {
        this.logger.warn({ err }, 'slack directory: the store could not be read; listing from Slack');
        return null;
      });
      if (stored && Date.parse(stored.loadedAt) > this.#loadedAt) {
        this.#take(stored.users, Date.parse(stored.loadedAt));
        this.logger.info({ users: stored.users.length, listed_at: stored.loadedAt }, 'slack directory taken from the store');
      }
      // Half the period, not the whole: a tick comes one period after the last tick, which is sooner than
      // one period after a listing that took minutes to finish, and must not skip every other refresh.
      if (this.now().getTime() - this.#loadedAt >= this.refreshMs / 2) await this.#listFromSlack();
    });
  }

  async #listFromSlack(): Promise<void> {
    const users: SlackUser[] = [];
    for await (const page of this.chat.iterateUsers()) users.push(...page);
    const loadedAt = this.now();
    this.#take(users, loadedAt.getTime());
    this.logger.info({ users: users.length }, 'slack directory loaded');
    await this.cache.saveDirectory({ users, loadedAt: loadedAt.toISOString() }).catch((err: unknown) => {
      this.logger.warn({ err }, 'slack directory: could not keep the list in the store; the next start lists again');
    });
  }

  #take(users: SlackUser[], loadedAt: number): void {
    this.#users = users;
    this.#loadedAt = loadedAt;
  }

  #load(work: () => Promise<void>): Promise<void> {
    this.#loading ??= runInBackground('slack-directory', async () => {
      try {
        await work();
      } catch (err) {
        this.logger.warn({ err }, 'slack directory refresh failed; keeping the previous list');
      } finally {
        this.#loading = null;
      }
    });
    return this.#loading;
  }
}
