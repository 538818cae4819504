import type { SlackUser } from '../../../src/domain/people.js';

/** A Slack user with the given id; names default to empty, flags to a plain active member. */
export function slackUser(id: string, fields: Partial<SlackUser> = {}): SlackUser {
  return {
    id,
    handle: id.toLowerCase(),
    realName: '',
    displayName: '',
    firstName: '',
    lastName: '',
    email: null,
    deleted: false,
    isBot: false,
    isAppUser: false,
    isRestricted: false,
    ...fields,
  };
}
