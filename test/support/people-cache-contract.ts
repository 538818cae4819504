import { describe, expect, it } from 'vitest';
import type { SlackUser } from '../../src/domain/people.js';
import { silentLogger } from '../../src/observability/logger.js';
import { EmailLookup } from '../../src/people/email-lookup.js';
import { SlackDirectory } from '../../src/people/slack-directory.js';
import type { Chat } from '../../src/ports.js';
import type { Store } from '../../src/store/store.js';
import { slackUser } from '../unit/people/slack-user.js';

const MINUTE = 60_000;
const REFRESH_MS = 30 * MINUTE;

/** A Slack that counts what it is asked: the directory and the emails it knows. */
function fakeSlack(users: SlackUser[]) {
  const calls = { list: 0, lookups: [] as string[] };
  const chat = {
    async *iterateUsers() {
      calls.list += 1;
      await Promise.resolve();
      yield users.slice(0, 1);
      yield users.slice(1);
    },
    lookupUserByEmail(email: string) {
      calls.lookups.push(email);
      return Promise.resolve(users.find((u) => u.email === email) ?? null);
    },
  } as unknown as Chat;
  return { chat, calls, users };
}

const ana = slackUser('U1', { realName: 'Ana Lima', email: 'ana@example.com' });
const bo = slackUser('U2', { realName: 'Bo Chen', email: 'bo@example.com', isRestricted: true });

/**
 * The Slack directory and the email lookups kept in the store (issue 13), on every store: a
 * restart or another replica answers from what was stored instead of waiting for Slack. `fresh`
 * gives an empty store; `reopen` the same data as another process would see it.
 */
export function peopleCacheContract(name: string, fresh: () => Promise<Store>, reopen: (store: Store) => Promise<Store>): void {
  describe(`the people cache on ${name}`, () => {
    it('lets a second directory on the same store answer from the stored users without calling Slack', async () => {
      let clock = Date.parse('2025-03-01T10:00:00Z');
      const now = () => new Date(clock);
      const store = await fresh();
      const slack = fakeSlack([ana, bo]);
      const first = new SlackDirectory(slack.chat, silentLogger, REFRESH_MS, store.people, now);
      expect(first.users()).toBeNull();
      await first.start();
      first.stop();
      expect(first.users()).toEqual([ana, bo]);
      expect(slack.calls.list).toBe(1);

      clock += 10 * MINUTE;
      const second = new SlackDirectory(slack.chat, silentLogger, REFRESH_MS, (await reopen(store)).people, now);
      await second.start();
      second.stop();
      expect(second.users()).toEqual([ana, bo]);
      expect(slack.calls.list).toBe(1);
    });

    it('answers from a stale stored list at once and lists again in the background, keeping the newer listing', async () => {
      let clock = Date.parse('2025-03-01T10:00:00Z');
      const now = () => new Date(clock);
      const store = await fresh();
      await new SlackDirectory(fakeSlack([ana]).chat, silentLogger, REFRESH_MS, store.people, now).start();

      clock += REFRESH_MS / 2;
      const slack = fakeSlack([ana, bo]);
      let release!: () => void;
      let entered!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const listing = new Promise<void>((resolve) => (entered = resolve));
      const slow = {
        async *iterateUsers() {
          entered();
          await held;
          yield* slack.chat.iterateUsers();
        },
      } as unknown as Chat;
      const restarted = new SlackDirectory(slow, silentLogger, REFRESH_MS, (await reopen(store)).people, now);
      const started = restarted.start();
      restarted.stop();
      // The stored list is served while Slack is still being listed.
      await listing;
      expect(restarted.users()).toEqual([ana]);
      release();
      await started;
      expect(restarted.users()).toEqual([ana, bo]);
      expect((await store.people.directory())?.users).toEqual([ana, bo]);

      // A listing older than the stored one (a slower replica) does not replace it.
      await store.people.saveDirectory({ users: [ana], loadedAt: new Date(clock - MINUTE).toISOString() });
      expect(await store.people.directory()).toEqual({ users: [ana, bo], loadedAt: new Date(clock).toISOString() });
    });

    it('keeps an email answer for the next process, and "not in Slack" for ten minutes only', async () => {
      let clock = Date.parse('2025-03-01T10:00:00Z');
      const store = await fresh();
      const slack = fakeSlack([ana]);
      const first = new EmailLookup(slack.chat, () => clock, store.people);
      expect(await first.lookupAll([' Ana@Example.com', 'bo@example.com'])).toEqual(
        new Map([
          ['ana@example.com', ana],
          ['bo@example.com', null],
        ]),
      );
      // Looked up at once, so in either order.
      expect([...slack.calls.lookups].sort()).toEqual(['ana@example.com', 'bo@example.com']);

      // Bo joins Slack; another process asks within ten minutes and is told the stored answers.
      slack.users.push(bo);
      clock += 9 * MINUTE;
      const second = new EmailLookup(slack.chat, () => clock, (await reopen(store)).people);
      expect(await second.lookup('bo@example.com')).toBeNull();
      expect(await second.lookup('ana@example.com')).toEqual(ana);
      expect(slack.calls.lookups).toHaveLength(2);

      // Past ten minutes "not found" has expired: Slack is asked again and finds Bo. Ana is still cached.
      clock += 2 * MINUTE;
      const third = new EmailLookup(slack.chat, () => clock, (await reopen(store)).people);
      expect(await third.lookup('bo@example.com')).toEqual(bo);
      expect(await third.lookup('ana@example.com')).toEqual(ana);
      expect([...slack.calls.lookups].sort()).toEqual(['ana@example.com', 'bo@example.com', 'bo@example.com']);
      expect(slack.calls.lookups.at(-1)).toBe('bo@example.com');
    });

    it('prunes expired email answers and keeps the live ones', async () => {
      const store = await fresh();
      const at = new Date('2025-03-01T10:00:00Z');
      await store.people.saveEmail('gone@example.com', null, new Date(at.getTime() + MINUTE));
      await store.people.saveEmail('ana@example.com', ana, new Date(at.getTime() + 60 * MINUTE));
      await store.prune(new Date(at.getTime() + 2 * MINUTE));
      // Asked as of `at`, when both were live: only the pruned row is gone.
      expect(await store.people.email('gone@example.com', at)).toBeNull();
      expect(await store.people.email('ana@example.com', at)).toEqual({ user: ana, expiresAt: new Date(at.getTime() + 60 * MINUTE) });
    });
  });
}
