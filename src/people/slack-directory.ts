import type { SlackUser } from '../domain/people.js';
import type { Logger } from '../observability/logger.js';
import { runInBackground } from '../observability/context.js';
import type { Chat } from '../ports.js';

/**
 * The Slack user list, for matching teammates by name. users.list is Tier 2 (about 20 calls a
 * minute, 200 users a call), so a large workspace takes minutes to list: it is loaded and
 * refreshed in the background and never on a request path. Until the first load finishes,
 * `users()` is null and name matching reports it rather than waiting.
 */
export class SlackDirectory {
  #users: SlackUser[] | null = null;
  #timer: NodeJS.Timeout | undefined;
  #loading: Promise<void> | null = null;

  constructor(
    private readonly chat: Chat,
    private readonly logger: Logger,
    private readonly refreshMs: number,
  ) {}

  users(): SlackUser[] | null {
    return this.#users;
  }

  start(): void {
    void this.refresh();
    this.#timer = setInterval(() => void this.refresh(), this.refreshMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Reloads the whole list; concurrent calls share one load. Failures keep the previous list. */
  refresh(): Promise<void> {
    this.#loading ??= runInBackground('slack-directory', async () => {
      try {
        const users: SlackUser[] = [];
        for await (const page of this.chat.iterateUsers()) users.push(...page);
        this.#users = users;
        this.logger.info({ users: users.length }, 'slack directory loaded');
      } catch (err) {
        this.logger.warn({ err }, 'slack directory refresh failed; keeping the previous list');
      } finally {
        this.#loading = null;
      }
    });
    return this.#loading;
  }
}
