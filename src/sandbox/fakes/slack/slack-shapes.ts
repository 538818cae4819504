import { SANDBOX } from '../../constants.js';
import type { BookmarkState, ChannelState, SlackMessageState, SlackUserState } from './slack-store.js';

/** Slack's wire shapes for users, channels, messages and bookmarks. */

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** `showEmail`: emails are only visible with the `users:read.email` scope. */
export function renderUser(u: SlackUserState, showEmail: boolean): Record<string, unknown> {
  return {
    id: u.id,
    team_id: SANDBOX.slackTeamId,
    name: u.name,
    deleted: u.deleted,
    color: '9f69e7',
    real_name: u.realName,
    tz: 'Europe/London',
    tz_label: 'Greenwich Mean Time',
    tz_offset: 0,
    profile: {
      title: '',
      phone: '',
      real_name: u.realName,
      real_name_normalized: fold(u.realName),
      display_name: u.displayName,
      display_name_normalized: fold(u.displayName),
      first_name: u.firstName,
      last_name: u.lastName,
      status_text: '',
      status_emoji: '',
      team: SANDBOX.slackTeamId,
      ...(showEmail && u.email ? { email: u.email } : {}),
      ...(u.botId ? { bot_id: u.botId, always_active: true } : {}),
    },
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: u.isRestricted,
    is_ultra_restricted: false,
    is_bot: u.isBot,
    is_app_user: u.isAppUser,
    updated: 1_700_000_000,
    is_email_confirmed: !u.isBot,
  };
}

/** `is_member` is the bot's membership: the only point of view the API has. */
export function renderChannel(c: ChannelState, botUserId: string, withMemberCount = false): Record<string, unknown> {
  return {
    id: c.id,
    name: c.name,
    is_channel: !c.isPrivate,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: c.isPrivate,
    created: c.created,
    creator: c.creator,
    is_archived: c.isArchived,
    is_general: false,
    unlinked: 0,
    name_normalized: c.name,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: SANDBOX.slackTeamId,
    is_member: c.members.includes(botUserId),
    topic: { ...c.topic },
    purpose: { value: '', creator: '', last_set: 0 },
    previous_names: [],
    ...(withMemberCount ? { num_members: c.members.length } : {}),
  };
}

/** Metadata is only returned when asked for (`include_all_metadata`), as in Slack. */
export function renderMessage(m: SlackMessageState, withMetadata: boolean, replyCount = 0): Record<string, unknown> {
  return {
    type: 'message',
    ...(m.subtype ? { subtype: m.subtype } : {}),
    user: m.user,
    text: m.text,
    ts: m.ts,
    team: SANDBOX.slackTeamId,
    ...(m.threadTs ? { thread_ts: m.threadTs } : replyCount > 0 ? { thread_ts: m.ts, reply_count: replyCount } : {}),
    ...(m.editedTs ? { edited: { user: m.user, ts: m.editedTs } } : {}),
    ...(m.botId ? { bot_id: m.botId, app_id: 'A0SBXAPP01' } : {}),
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
  };
}

export function renderBookmark(channel: ChannelState, b: BookmarkState, botUserId: string): Record<string, unknown> {
  return {
    id: b.id,
    channel_id: channel.id,
    title: b.title,
    link: b.link,
    emoji: b.emoji,
    icon_url: null,
    type: 'link',
    entity_id: null,
    date_created: b.created,
    date_updated: 0,
    rank: 'U',
    last_updated_by_user_id: botUserId,
    last_updated_by_team_id: SANDBOX.slackTeamId,
    shortcut_id: null,
    app_id: null,
  };
}
