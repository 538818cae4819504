import type { PersonMatch, SlackUser, Teammate } from '../people.js';
import { eligible } from './eligible.js';
import { findByName } from './name-match.js';

export interface MatchTeammatesInput {
  teammates: readonly Teammate[];
  /** Result of the email lookups the caller made: lower-cased email -> Slack user or null (not found). */
  byEmail: ReadonlyMap<string, SlackUser | null>;
  /** The cached Slack directory (users.list), or null while it is still loading. */
  directory: readonly SlackUser[] | null;
  /** The app's own bot user id: never matched. */
  botUserId: string | null;
}

/**
 * Which Slack user each teammate is, one result per distinct teammate id, in input order.
 *
 * The email is the only sure sign and is tried first, in the lookups and then in the directory.
 * Only teammates without an email match fall back to their name, and only against people: guests
 * are left out there, since a guest who happens to share a teammate's name is an outsider who must
 * not land in an internal channel (a guest with the teammate's email is the teammate). Two
 * teammates may end up with the same Slack user; `slackUserIdsToInvite` invites that user once.
 */
export function matchTeammates(input: MatchTeammatesInput): PersonMatch[] {
  const { byEmail, botUserId } = input;
  const directory = input.directory ? uniqueById(input.directory).filter((u) => eligible(u, botUserId)) : null;
  const directoryByEmail = emailIndex(directory ?? []);
  const nameCandidates = directory?.filter((user) => !user.isRestricted) ?? null;

  return uniqueById(input.teammates).map((teammate): PersonMatch => {
    const email = normalizeEmail(teammate.email);
    if (email) {
      const looked = byEmail.get(email);
      const user = looked && eligible(looked, botUserId) ? looked : directoryByEmail.get(email);
      if (user) return { teammate, slackUser: user, by: 'email', score: 1 };
    }
    // Their email belongs to a deactivated account: said so when nobody else fits their name.
    const deactivated = Boolean(email && (byEmail.get(email)?.deleted || input.directory?.some((u) => u.deleted && normalizeEmail(u.email) === email)));
    if (!nameCandidates) return { teammate, slackUser: null, reason: deactivated ? 'deactivated' : 'no_email_no_directory' };
    const found = findByName(teammate.name, nameCandidates);
    if (found === 'ambiguous') return { teammate, slackUser: null, reason: 'ambiguous' };
    if (!found) return { teammate, slackUser: null, reason: deactivated ? 'deactivated' : 'no_match' };
    return { teammate, slackUser: found.user, by: 'name', score: found.score };
  });
}

/**
 * The emails worth a users.lookupByEmail call: the teammates' emails, lower-cased and without
 * repeats, that no eligible user in the directory has (all of them while it is still loading).
 */
export function emailsToLookUp(teammates: readonly Teammate[], directory: readonly SlackUser[] | null): string[] {
  // The bot id is unknown here; the bot has no teammate's email, so leaving it in changes nothing.
  const known = emailIndex((directory ?? []).filter((user) => eligible(user, null)));
  const emails = new Set<string>();
  for (const teammate of teammates) {
    const email = normalizeEmail(teammate.email);
    if (email && !known.has(email)) emails.add(email);
  }
  return [...emails];
}

/** The Slack user ids to invite for these matches, each once, in order. */
export function slackUserIdsToInvite(matches: readonly PersonMatch[]): string[] {
  const ids = new Set<string>();
  for (const match of matches) if (match.slackUser) ids.add(match.slackUser.id);
  return [...ids];
}

function normalizeEmail(email: string | null): string | null {
  const normalized = email?.trim().toLowerCase();
  return normalized ? normalized : null;
}

function emailIndex(users: readonly SlackUser[]): Map<string, SlackUser> {
  const index = new Map<string, SlackUser>();
  for (const user of users) {
    const email = normalizeEmail(user.email);
    if (email && !index.has(email)) index.set(email, user);
  }
  return index;
}

function uniqueById<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.id) && Boolean(seen.add(item.id)));
}
