import type { Teammate } from '../domain/people.js';
import type { Inbox } from '../ports.js';

const MAX_AGE_MS = 10 * 60_000;
/** A missing id triggers a reload at most this often, so unknown ids cannot hammer GET /admins. */
const MISS_RELOAD_MS = 60_000;

/**
 * Intercom teammates by id. A conversation names its teammates by id only, so names and emails
 * come from GET /admins, which lists the whole workspace in one call: loaded at start-up, refreshed
 * in the background when stale, and reloaded at once only for an id it does not know.
 */
export class TeammateDirectory {
  #byId = new Map<string, Teammate>();
  #loadedAt = 0;
  #loading: Promise<void> | null = null;

  constructor(
    private readonly inbox: Inbox,
    private readonly now: () => number = Date.now,
  ) {}

  /** The teammates with these ids, in order, duplicates and unknown ids dropped. */
  async resolve(ids: string[]): Promise<Teammate[]> {
    const age = this.now() - this.#loadedAt;
    const missing = ids.some((id) => !this.#byId.has(id));
    if (this.#loadedAt === 0 || (missing && age > MISS_RELOAD_MS)) await this.reload();
    // Stale but complete: answer now, refresh for next time.
    else if (age > MAX_AGE_MS) void this.reload().catch(() => undefined);
    const seen = new Set<string>();
    const teammates: Teammate[] = [];
    for (const id of ids) {
      const teammate = this.#byId.get(id);
      if (teammate && !seen.has(id)) {
        seen.add(id);
        teammates.push(teammate);
      }
    }
    return teammates;
  }

  /** Records a teammate known from a request (the admin who clicked), saving a lookup. */
  remember(teammate: Teammate): void {
    if (!this.#byId.has(teammate.id)) this.#byId.set(teammate.id, teammate);
  }

  private reload(): Promise<void> {
    this.#loading ??= this.inbox
      .listAdmins()
      .then((admins) => {
        this.#byId = new Map(admins.map((a) => [a.id, a]));
        this.#loadedAt = this.now();
      })
      .finally(() => {
        this.#loading = null;
      });
    return this.#loading;
  }
}
