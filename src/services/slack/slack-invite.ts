import type { InviteOutcome } from '../../ports.js';

/** Inviting people to a channel: chunking and reading Slack's per-user answers. Pure. */

/** Slack's documented per-call maximum is 1,000, but the method page now says "up to 100". */
const INVITE_CHUNK_SIZE = 100;

/** Refusals about one user rather than the call: with one user Slack reports them for the call. */
const PER_USER_ERRORS = new Set([
  'user_not_found',
  'no_user',
  'cant_invite',
  'cant_invite_self',
  'user_is_restricted',
  'ura_max_channels',
  'org_user_not_in_team',
  'invitee_cant_see_channel',
]);

/** The users to invite, without the bot itself and without duplicates, in chunks of 100. */
export function inviteChunks(userIds: string[], botUserId: string): string[][] {
  const unique = [...new Set(userIds)].filter((id) => id !== botUserId);
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += INVITE_CHUNK_SIZE) chunks.push(unique.slice(i, i + INVITE_CHUNK_SIZE));
  return chunks;
}

export interface InviteAnswer {
  ok?: boolean;
  error?: string;
  /** With `force: true`, one entry per user Slack refused. */
  errors?: Array<{ user?: string; error?: string }>;
}

/**
 * What one conversations.invite answer (success or `ok:false`) means for each user of the chunk,
 * or null when the whole call failed (channel not found, bot not in channel…) and must be thrown.
 */
export function chunkOutcome(chunk: string[], answer: InviteAnswer): InviteOutcome | null {
  const outcome: InviteOutcome = { invited: [], alreadyMembers: [], failed: [] };
  const perUser = new Map((answer.errors ?? []).map((e) => [e.user ?? '', e.error ?? 'unknown_error']));
  if (answer.ok === false && perUser.size === 0) {
    const error = answer.error ?? 'unknown_error';
    // Without errors[] Slack cannot say which user it meant: it applies to the whole chunk.
    if (error === 'already_in_channel') outcome.alreadyMembers.push(...chunk);
    else if (PER_USER_ERRORS.has(error)) outcome.failed.push(...chunk.map((userId) => ({ userId, error })));
    else return null;
    return outcome;
  }
  for (const userId of chunk) {
    const error = perUser.get(userId);
    if (error === undefined) outcome.invited.push(userId);
    else if (error === 'already_in_channel') outcome.alreadyMembers.push(userId);
    else outcome.failed.push({ userId, error });
  }
  return outcome;
}
