/** People on both sides of the bridge: Intercom teammates and Slack users, as plain data. */

export interface Teammate {
  /** Intercom admin id. */
  id: string;
  name: string;
  email: string | null;
}

export interface SlackUser {
  id: string;
  /** Slack handle (`name`). */
  handle: string;
  realName: string;
  displayName: string;
  firstName: string;
  lastName: string;
  email: string | null;
  deleted: boolean;
  isBot: boolean;
  isAppUser: boolean;
  /** Guests (restricted / ultra-restricted). */
  isRestricted: boolean;
}

/**
 * How one teammate was (or was not) matched to a Slack user (src/domain/people/match-teammates.ts).
 * `score` is 1 for an email match, the name similarity (>= 0.95) for a name match. Reasons:
 * `no_match` nobody fits; `ambiguous` two or more Slack users fit about equally well;
 * `no_email_no_directory` no email match, and names could not be tried because the Slack
 * directory is still loading; `deactivated` the teammate's email belongs to a deactivated Slack user.
 */
export type PersonMatch =
  | { teammate: Teammate; slackUser: SlackUser; by: 'email' | 'name'; score: number }
  | { teammate: Teammate; slackUser: null; reason: 'no_match' | 'ambiguous' | 'no_email_no_directory' | 'deactivated' };
