import type { SlackUser } from '../domain/people.js';
import type { Chat } from '../ports.js';

const FOUND_TTL_MS = 60 * 60_000;
const NOT_FOUND_TTL_MS = 10 * 60_000;

/**
 * users.lookupByEmail with a cache: the same few teammates are looked up on every ticket, and the
 * method is Tier 3. "Not found" is cached for less time, so a teammate who joins Slack is found soon.
 * A failed lookup is not cached and counts as "not found" for this request: a flaky Slack should
 * cost an invite, not the whole ticket.
 */
export class EmailLookup {
  readonly #cache = new Map<string, { user: SlackUser | null; expires: number }>();

  constructor(
    private readonly chat: Chat,
    private readonly now: () => number = Date.now,
  ) {}

  async lookup(email: string): Promise<SlackUser | null> {
    const key = email.trim().toLowerCase();
    const hit = this.#cache.get(key);
    if (hit && hit.expires > this.now()) return hit.user;
    try {
      const user = await this.chat.lookupUserByEmail(key);
      this.#cache.set(key, { user, expires: this.now() + (user ? FOUND_TTL_MS : NOT_FOUND_TTL_MS) });
      return user;
    } catch {
      return null;
    }
  }

  async lookupAll(emails: string[]): Promise<Map<string, SlackUser | null>> {
    const entries = await Promise.all(emails.map(async (e) => [e.trim().toLowerCase(), await this.lookup(e)] as const));
    return new Map(entries);
  }
}
