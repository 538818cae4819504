import type { SlackUser } from '../../domain/people.js';
import type { SlackChannel } from '../../ports.js';

/**
 * Slack API objects -> port types. The SDK declares a separate channel and user interface per
 * method; these are the fields they share.
 */

export interface ApiChannel {
  id?: string;
  name?: string;
  is_archived?: boolean;
  is_member?: boolean;
  topic?: { value?: string };
}

export interface ApiUser {
  id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_app_user?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  profile?: { real_name?: string; display_name?: string; first_name?: string; last_name?: string; email?: string };
}

export function toSlackChannel(channel: ApiChannel): SlackChannel {
  return {
    id: channel.id ?? '',
    name: channel.name ?? '',
    isArchived: channel.is_archived === true,
    isMember: channel.is_member === true,
    topic: channel.topic?.value ?? '',
  };
}

export function toSlackUser(user: ApiUser): SlackUser {
  const profile = user.profile ?? {};
  return {
    id: user.id ?? '',
    handle: user.name ?? '',
    realName: profile.real_name || user.real_name || '',
    displayName: profile.display_name ?? '',
    firstName: profile.first_name ?? '',
    lastName: profile.last_name ?? '',
    email: profile.email || null,
    deleted: user.deleted === true,
    // Slackbot reports is_bot: false but is never a person to invite.
    isBot: user.is_bot === true || user.id === 'USLACKBOT',
    isAppUser: user.is_app_user === true,
    isRestricted: user.is_restricted === true || user.is_ultra_restricted === true,
  };
}
