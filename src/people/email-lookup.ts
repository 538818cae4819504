import type { SlackUser } from '../domain/people.js';
import type { Chat } from '../ports.js';
import { MemoryPeopleCache, type PeopleCache } from './people-cache.js';

const FOUND_TTL_MS = 60 * 60_000;
const NOT_FOUND_TTL_MS = 10 * 60_000;

/**
 * users.lookupByEmail with a cache: the same few teammates are looked up on every ticket, and the
 * method is Tier 3. Answers are kept in the store (shared by replicas, kept across a restart) and
 * in the process (no store round trip for the same teammate twice). "Not found" is kept for less
 * time, so a teammate who joins Slack is found soon. A failed lookup is not cached and counts as
 * "not found" for this request: a flaky Slack should cost an invite, not the whole ticket. A
 * store that fails is passed by: the cache only saves calls.
 */
export class EmailLookup {
  readonly #local = new Map<string, { user: SlackUser | null; expires: number }>();

  constructor(
    private readonly chat: Chat,
    private readonly now: () => number = Date.now,
    private readonly cache: PeopleCache = new MemoryPeopleCache(),
  ) {}

  async lookup(email: string): Promise<SlackUser | null> {
    const key = email.trim().toLowerCase();
    const local = this.#local.get(key);
    if (local && local.expires > this.now()) return local.user;
    const stored = await this.cache.email(key, new Date(this.now())).catch(() => null);
    if (stored) {
      this.#local.set(key, { user: stored.user, expires: stored.expiresAt.getTime() });
      return stored.user;
    }
    try {
      const user = await this.chat.lookupUserByEmail(key);
      const expires = this.now() + (user ? FOUND_TTL_MS : NOT_FOUND_TTL_MS);
      this.#local.set(key, { user, expires });
      await this.cache.saveEmail(key, user, new Date(expires)).catch(() => undefined);
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
