import { z } from 'zod';
import type { SlackUser } from '../domain/people.js';

/**
 * What Slack told the app about its people, kept in the store so a restart or a second replica
 * starts from it instead of waiting minutes for users.list: the whole directory as last listed,
 * and each users.lookupByEmail answer until it expires.
 */
export interface PeopleCache {
  /** The directory as last saved, and when it was listed (ISO); null before any listing finished. */
  directory(): Promise<StoredDirectory | null>;
  /** Saves a listing, unless one listed later (by another replica) is already there. */
  saveDirectory(directory: StoredDirectory): Promise<void>;
  /** The answer for this email, if it has not expired by `now`: a user, or null for "not in Slack". */
  email(email: string, now: Date): Promise<StoredEmail | null>;
  saveEmail(email: string, user: SlackUser | null, expiresAt: Date): Promise<void>;
  /** Deletes the email answers expired by `now`. */
  prune(now: Date): Promise<void>;
}

export interface StoredEmail {
  user: SlackUser | null;
  expiresAt: Date;
}

export interface StoredDirectory {
  users: SlackUser[];
  loadedAt: string;
}

/**
 * A Slack user as stored, checked when read back: a row written by an older version of the app
 * that does not fit is not trusted, and Slack is asked again.
 */
export const storedSlackUserSchema = z.object({
  id: z.string(),
  handle: z.string(),
  realName: z.string(),
  displayName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  deleted: z.boolean(),
  isBot: z.boolean(),
  isAppUser: z.boolean(),
  isRestricted: z.boolean(),
}) satisfies z.ZodType<SlackUser>;

export const storedUsersSchema = z.array(storedSlackUserSchema);

/** The cache in memory: the memory store's, for tests and runs that do not restart. */
export class MemoryPeopleCache implements PeopleCache {
  #directory: StoredDirectory | null = null;
  readonly #emails = new Map<string, { user: SlackUser | null; expiresAt: number }>();

  directory(): Promise<StoredDirectory | null> {
    return Promise.resolve(this.#directory && { users: [...this.#directory.users], loadedAt: this.#directory.loadedAt });
  }

  saveDirectory(directory: StoredDirectory): Promise<void> {
    if (!this.#directory || Date.parse(this.#directory.loadedAt) < Date.parse(directory.loadedAt)) {
      this.#directory = { users: [...directory.users], loadedAt: directory.loadedAt };
    }
    return Promise.resolve();
  }

  email(email: string, now: Date): Promise<StoredEmail | null> {
    const hit = this.#emails.get(email);
    return Promise.resolve(hit && hit.expiresAt > now.getTime() ? { user: hit.user, expiresAt: new Date(hit.expiresAt) } : null);
  }

  saveEmail(email: string, user: SlackUser | null, expiresAt: Date): Promise<void> {
    this.#emails.set(email, { user, expiresAt: expiresAt.getTime() });
    return Promise.resolve();
  }

  prune(now: Date): Promise<void> {
    for (const [email, hit] of this.#emails) if (hit.expiresAt <= now.getTime()) this.#emails.delete(email);
    return Promise.resolve();
  }
}
