import type { SlackUser } from '../people.js';

/** Slackbot's fixed id; Slack reports it with `is_bot: false`, so the id is the only sure sign. */
export const SLACKBOT_USER_ID = 'USLACKBOT';

/** Whether a Slack user is a person the app may invite: not deactivated, not a bot or app, not the app's own bot. */
export function eligible(user: SlackUser, botUserId: string | null): boolean {
  return (
    !user.deleted && !user.isBot && !user.isAppUser && user.id !== SLACKBOT_USER_ID && user.id !== botUserId
  );
}
