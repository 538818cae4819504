import type { SlackUser } from '../domain/people.js';
import { type PeopleCache, type StoredDirectory, type StoredEmail, storedSlackUserSchema, storedUsersSchema } from '../people/people-cache.js';
import type { Sql } from './sql.js';

/**
 * The people cache in SQL: the directory as one row (a listing replaces it whole, in one
 * statement, and never with an older listing from a slower replica) and one row per email asked.
 */
export class SqlPeopleCache implements PeopleCache {
  constructor(private readonly sql: Sql) {}

  async directory(): Promise<StoredDirectory | null> {
    const [row] = await this.sql.query<{ users: unknown; loaded_at: Date }>('SELECT users, loaded_at FROM slack_directory WHERE id = 1');
    if (!row) return null;
    const users = storedUsersSchema.safeParse(row.users);
    return users.success ? { users: users.data, loadedAt: row.loaded_at.toISOString() } : null;
  }

  async saveDirectory({ users, loadedAt }: StoredDirectory): Promise<void> {
    await this.sql.query(
      `INSERT INTO slack_directory (id, users, loaded_at) VALUES (1, $1::jsonb, $2)
       ON CONFLICT (id) DO UPDATE SET users = EXCLUDED.users, loaded_at = EXCLUDED.loaded_at
       WHERE slack_directory.loaded_at < EXCLUDED.loaded_at`,
      [JSON.stringify(users), loadedAt],
    );
  }

  async email(email: string, now: Date): Promise<StoredEmail | null> {
    const [row] = await this.sql.query<{ slack_user: unknown; expires_at: Date }>(
      'SELECT slack_user, expires_at FROM slack_email_lookups WHERE email = $1 AND expires_at > $2',
      [email, now.toISOString()],
    );
    if (!row) return null;
    if (row.slack_user === null) return { user: null, expiresAt: row.expires_at };
    const user = storedSlackUserSchema.safeParse(row.slack_user);
    return user.success ? { user: user.data, expiresAt: row.expires_at } : null;
  }

  async saveEmail(email: string, user: SlackUser | null, expiresAt: Date): Promise<void> {
    await this.sql.query(
      `INSERT INTO slack_email_lookups (email, slack_user, expires_at) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (email) DO UPDATE SET slack_user = EXCLUDED.slack_user, expires_at = EXCLUDED.expires_at`,
      [email, user === null ? null : JSON.stringify(user), expiresAt.toISOString()],
    );
  }

  async prune(now: Date): Promise<void> {
    await this.sql.query('DELETE FROM slack_email_lookups WHERE expires_at <= $1', [now.toISOString()]);
  }
}
