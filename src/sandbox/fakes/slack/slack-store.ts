import { SANDBOX } from '../../constants.js';
import { slackId } from '../ids.js';
import { channelNameError } from './slack-channel-names.js';
import { flag, optionalInt, paginate, parseJson, tsToMicros } from './slack-args.js';
import { SlackApiError } from './slack-errors.js';
import { renderBookmark, renderChannel, renderMessage, renderUser } from './slack-shapes.js';

/**
 * A Slack workspace as the app's bot sees it: users, channels with members, messages (with
 * metadata) and bookmarks. Methods are named after Web API methods; they take the form
 * arguments as strings, as Slack receives them, and return the `ok: true` payload or throw
 * SlackApiError.
 */

export type Args = Record<string, string | undefined>;

export interface SlackUserState {
  id: string;
  name: string;
  realName: string;
  displayName: string;
  firstName: string;
  lastName: string;
  email: string | null;
  deleted: boolean;
  isBot: boolean;
  isAppUser: boolean;
  isRestricted: boolean;
  botId: string | null;
}

export interface SlackMessageState {
  ts: string;
  /** Microseconds since the epoch: `ts` as an integer, for range filters. */
  micros: number;
  user: string;
  text: string;
  subtype?: string;
  botId?: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** The root's ts when this is a reply in a thread. */
  threadTs?: string;
  /** Set when someone edited the message after posting it. */
  editedTs?: string;
}

/** A modal the app opened (views.open) for the person who used a shortcut. */
export interface OpenViewState {
  id: string;
  user: string;
  view: Record<string, unknown>;
}

/** Something Slack would deliver through the Events API (the World signs and sends it). */
export type SlackEventListener = (channel: ChannelState, event: Record<string, unknown>) => void;

export interface BookmarkState {
  id: string;
  title: string;
  link: string;
  emoji: string | null;
  created: number;
}

export interface ChannelState {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  created: number;
  creator: string;
  topic: { value: string; creator: string; last_set: number };
  members: string[];
  /** Oldest first. */
  messages: SlackMessageState[];
  bookmarks: BookmarkState[];
}

export const DEFAULT_SCOPES = [
  'channels:manage',
  'channels:read',
  'channels:join',
  'channels:history',
  'groups:read',
  'groups:write',
  'chat:write',
  'users:read',
  'users:read.email',
  'bookmarks:read',
  'bookmarks:write',
  'commands',
] as const;

/** Scopes a method needs (any one of them), as documented per method. */
const METHOD_SCOPES: Record<string, string[]> = {
  'users.list': ['users:read'],
  'users.lookupByEmail': ['users:read.email'],
  'conversations.create': ['channels:manage', 'groups:write'],
  'conversations.list': ['channels:read', 'groups:read'],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.join': ['channels:join'],
  'conversations.invite': ['channels:manage', 'channels:write.invites', 'groups:write'],
  'conversations.setTopic': ['channels:manage', 'channels:write.topic', 'groups:write'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.members': ['channels:read', 'groups:read'],
  'conversations.archive': ['channels:manage', 'groups:write'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'users.info': ['users:read'],
  'chat.postMessage': ['chat:write'],
  'bookmarks.add': ['bookmarks:write'],
  'bookmarks.list': ['bookmarks:read'],
};

export const SLACK_BOT_ID = 'B0SBXBOT01';
const TOPIC_MAX = 250;
const BOOKMARKS_MAX = 100;

export class SlackFake {
  /** Scopes granted to the bot token; remove one to see how the app copes. */
  scopes: string[] = [...DEFAULT_SCOPES];
  readonly botUserId = SANDBOX.slackBotUserId;
  readonly #now: () => number;
  #users = new Map<string, SlackUserState>();
  #channels = new Map<string, ChannelState>();
  #nextChannel = 1;
  #nextBookmark = 1;
  #lastMicros = 0;
  #triggers = new Map<string, { user: string; expiresMs: number; used: boolean }>();
  #nextTrigger = 1;
  #nextView = 1;
  /** Modals open now, newest last. */
  views: OpenViewState[] = [];
  /** Told of every message, edit and deletion in a channel after seeding (the Events API). */
  onEvent: SlackEventListener | null = null;

  constructor(now: () => number) {
    this.#now = now;
  }

  reset(): void {
    this.scopes = [...DEFAULT_SCOPES];
    this.#users.clear();
    this.#channels.clear();
    this.#nextChannel = 1;
    this.#nextBookmark = 1;
    this.#lastMicros = 0;
    this.#triggers.clear();
    this.views = [];
  }

  // ------------------------------------------------------------------------------------------
  // Seeding and inspection
  // ------------------------------------------------------------------------------------------

  addUser(user: SlackUserState): void {
    this.#users.set(user.id, user);
  }

  users(): SlackUserState[] {
    return [...this.#users.values()];
  }

  channels(): ChannelState[] {
    return [...this.#channels.values()];
  }

  channel(idOrName: string): ChannelState | undefined {
    return this.#channels.get(idOrName) ?? this.channels().find((c) => c.name === idOrName.replace(/^#/, ''));
  }

  /** Creates a channel as if the bot had, before the app started (seed data). */
  addChannel(input: { name: string; topic: string; members: string[]; createdMs: number }): ChannelState {
    const created = this.#createChannel(input.name, false, input.createdMs);
    for (const member of input.members) if (!created.members.includes(member)) created.members.push(member);
    created.topic = { value: input.topic, creator: this.botUserId, last_set: Math.floor(input.createdMs / 1000) };
    return created;
  }

  /** A message posted by someone else (seed data, or a person in the simulator). */
  addMessage(channelId: string, user: string, text: string, atMs: number): SlackMessageState {
    const channel = this.#requireChannel(channelId);
    const message: SlackMessageState = { ...this.#stamp(atMs), user, text };
    channel.messages.push(message);
    return message;
  }

  /** A person writes in a channel or, with `threadTs`, replies in a thread: the app hears an event. */
  post(channelId: string, input: { user: string; text: string; threadTs?: string }): SlackMessageState {
    const channel = this.#requireChannel(channelId);
    const user = this.#users.get(input.user);
    if (!user || user.deleted) throw new SlackApiError('user_not_found');
    if (channel.isArchived) throw new SlackApiError('is_archived');
    if (input.text.trim() === '') throw new SlackApiError('no_text');
    // Writing in a public channel joins it, as the Slack client offers to.
    if (!channel.members.includes(input.user)) {
      if (channel.isPrivate) throw new SlackApiError('not_in_channel');
      this.#join(channel, input.user);
    }
    const threadTs = input.threadTs ? this.#threadRoot(channel, input.threadTs) : undefined;
    const message: SlackMessageState = { ...this.#stamp(this.#now()), user: input.user, text: input.text, ...(threadTs ? { threadTs } : {}) };
    channel.messages.push(message);
    this.onEvent?.(channel, messageEvent(channel, message));
    return message;
  }

  /** A person edits their message: Slack sends `message_changed`. */
  edit(channelId: string, ts: string, text: string): SlackMessageState {
    const channel = this.#requireChannel(channelId);
    const message = this.#requireMessage(channel, ts);
    const previous = { ...message };
    message.text = text;
    message.editedTs = this.#stamp(this.#now()).ts;
    this.onEvent?.(channel, {
      type: 'message',
      subtype: 'message_changed',
      channel: channel.id,
      hidden: true,
      ts: message.editedTs,
      event_ts: message.editedTs,
      message: { ...messageEvent(channel, message), edited: { user: message.user, ts: message.editedTs } },
      previous_message: messageEvent(channel, previous),
    });
    return message;
  }

  /** A person deletes their message: Slack sends `message_deleted`. */
  remove(channelId: string, ts: string): void {
    const channel = this.#requireChannel(channelId);
    const message = this.#requireMessage(channel, ts);
    channel.messages = channel.messages.filter((m) => m !== message);
    const at = this.#stamp(this.#now()).ts;
    this.onEvent?.(channel, { type: 'message', subtype: 'message_deleted', channel: channel.id, hidden: true, ts: at, event_ts: at, deleted_ts: ts, previous_message: messageEvent(channel, message) });
  }

  /** A person uses a message shortcut: a trigger id the app may open one modal with, for a while. */
  issueTrigger(user: string): string {
    const trigger = `${this.#nextTrigger++}.${Math.floor(this.#now() / 1000)}.sandbox${String(this.#nextTrigger).padStart(6, '0')}`;
    // Slack gives three seconds; the sandbox is kinder to a loaded machine.
    this.#triggers.set(trigger, { user, expiresMs: this.#now() + 30_000, used: false });
    return trigger;
  }

  /** The person closes a modal (Cancel, or after submitting it). */
  closeView(viewId: string): OpenViewState | undefined {
    const view = this.views.find((v) => v.id === viewId);
    this.views = this.views.filter((v) => v.id !== viewId);
    return view;
  }

  message(channelId: string, ts: string): SlackMessageState | undefined {
    return this.channel(channelId)?.messages.find((m) => m.ts === ts);
  }

  // ------------------------------------------------------------------------------------------
  // Web API methods
  // ------------------------------------------------------------------------------------------

  /** `x-accepted-oauth-scopes`: the scopes that would let the bot call `method`. */
  acceptedScopes(method: string): string {
    return (METHOD_SCOPES[method] ?? []).join(',');
  }

  checkScopes(method: string): void {
    const needed = METHOD_SCOPES[method];
    if (needed && !needed.some((s) => this.scopes.includes(s))) {
      throw new SlackApiError('missing_scope', { needed: needed.join(','), provided: this.scopes.join(',') });
    }
  }

  'auth.test'(): Record<string, unknown> {
    return {
      url: SANDBOX.slackTeamUrl,
      team: 'Sandbox',
      user: 'ticket-bot',
      team_id: SANDBOX.slackTeamId,
      user_id: this.botUserId,
      bot_id: SLACK_BOT_ID,
      is_enterprise_install: false,
    };
  }

  'users.list'(args: Args): Record<string, unknown> {
    const all = this.users();
    const { items, nextCursor } = paginate(all, args.cursor, optionalInt(args.limit) ?? all.length, 1000);
    return {
      members: items.map((u) => renderUser(u, this.#showEmails())),
      cache_ts: Math.floor(this.#now() / 1000),
      response_metadata: { next_cursor: nextCursor },
    };
  }

  'users.lookupByEmail'(args: Args): Record<string, unknown> {
    const email = args.email?.trim().toLowerCase();
    if (!email) throw new SlackApiError('invalid_arguments');
    const user = this.users().find((u) => u.email?.toLowerCase() === email);
    if (!user) throw new SlackApiError('users_not_found');
    return { user: renderUser(user, this.#showEmails()) };
  }

  'conversations.create'(args: Args): Record<string, unknown> {
    const name = args.name;
    const nameError = channelNameError(name);
    if (nameError) throw new SlackApiError(nameError);
    // Archived channels keep their names, so they count as taken too.
    if (this.channels().some((c) => c.name === name)) throw new SlackApiError('name_taken');
    const channel = this.#createChannel(name!, flag(args.is_private), this.#now());
    return { channel: renderChannel(channel, this.botUserId) };
  }

  'conversations.list'(args: Args): Record<string, unknown> {
    const types = (args.types ?? 'public_channel').split(',').map((t) => t.trim()).filter(Boolean);
    if (types.some((t) => !['public_channel', 'private_channel', 'mpim', 'im'].includes(t))) throw new SlackApiError('invalid_types');
    const limit = optionalInt(args.limit) ?? 100;
    if (limit < 1 || limit >= 1000) throw new SlackApiError('invalid_limit');
    const visible = this.channels().filter(
      (c) =>
        (c.isPrivate ? types.includes('private_channel') && c.members.includes(this.botUserId) : types.includes('public_channel')) &&
        !(flag(args.exclude_archived) && c.isArchived),
    );
    const { items, nextCursor } = paginate(visible, args.cursor, limit, 999);
    return { channels: items.map((c) => renderChannel(c, this.botUserId)), response_metadata: { next_cursor: nextCursor } };
  }

  'conversations.info'(args: Args): Record<string, unknown> {
    return { channel: renderChannel(this.#visibleChannel(args.channel), this.botUserId, true) };
  }

  'conversations.join'(args: Args): Record<string, unknown> {
    const channel = this.#visibleChannel(args.channel);
    if (channel.isArchived) throw new SlackApiError('is_archived');
    if (channel.isPrivate) throw new SlackApiError('method_not_supported_for_channel_type');
    if (channel.members.includes(this.botUserId)) {
      return {
        channel: renderChannel(channel, this.botUserId),
        warning: 'already_in_channel',
        response_metadata: { warnings: ['already_in_channel'] },
      };
    }
    this.#join(channel, this.botUserId);
    return { channel: renderChannel(channel, this.botUserId) };
  }

  /**
   * Slack's partial-failure rules: without `force`, one refused user means nobody is invited;
   * with `force`, the valid users are invited anyway. Deactivated users (and Slackbot) fail
   * "silently": the others are invited, the response is still an error. Refusals come back in
   * `errors[]`.
   */
  'conversations.invite'(args: Args): Record<string, unknown> {
    const channel = this.#visibleChannel(args.channel);
    if (channel.isArchived) throw new SlackApiError('is_archived');
    if (!channel.members.includes(this.botUserId)) throw new SlackApiError('not_in_channel');
    const ids = [...new Set((args.users ?? '').split(',').map((u) => u.trim()).filter(Boolean))];
    if (ids.length === 0) throw new SlackApiError('no_user');
    if (ids.length > 1000) throw new SlackApiError('too_many_users');
    const errors: Array<{ user: string; ok: false; error: string }> = [];
    const valid: string[] = [];
    let blocking = false;
    for (const id of ids) {
      const error = this.#inviteError(channel, id);
      if (error === null) valid.push(id);
      else {
        errors.push({ user: id, ok: false, error });
        if (error !== 'cant_invite') blocking = true;
      }
    }
    if (!blocking || flag(args.force)) for (const id of valid) this.#join(channel, id);
    if (errors.length > 0) throw new SlackApiError(errors[0]!.error, { errors });
    return { channel: renderChannel(channel, this.botUserId) };
  }

  'conversations.setTopic'(args: Args): Record<string, unknown> {
    const channel = this.#memberChannel(args.channel);
    const topic = args.topic ?? '';
    if ([...topic].length > TOPIC_MAX) throw new SlackApiError('too_long');
    channel.topic = { value: topic, creator: this.botUserId, last_set: Math.floor(this.#now() / 1000) };
    channel.messages.push({
      ...this.#stamp(this.#now()),
      user: this.botUserId,
      subtype: 'channel_topic',
      text: `set the channel topic: ${topic}`,
    });
    return { channel: renderChannel(channel, this.botUserId) };
  }

  'conversations.replies'(args: Args): Record<string, unknown> {
    const channel = this.#memberChannel(args.channel, { allowArchived: true });
    const asked = channel.messages.find((m) => m.ts === args.ts);
    if (!asked) throw new SlackApiError('thread_not_found');
    const rootTs = asked.threadTs ?? asked.ts;
    const oldest = args.oldest ? tsToMicros(args.oldest) : null;
    const latest = args.latest ? tsToMicros(args.latest) : null;
    const inclusive = flag(args.inclusive);
    const thread = channel.messages.filter(
      (m) =>
        m.ts === rootTs ||
        (m.threadTs === rootTs &&
          (oldest === null || (inclusive ? m.micros >= oldest : m.micros > oldest)) &&
          (latest === null || (inclusive ? m.micros <= latest : m.micros < latest))),
    );
    const { items, nextCursor } = paginate(thread, args.cursor, optionalInt(args.limit) ?? 1000, 1000);
    const withMetadata = flag(args.include_all_metadata);
    return {
      messages: items.map((m) => renderMessage(m, withMetadata, replyCount(channel, m))),
      has_more: nextCursor !== '',
      response_metadata: { next_cursor: nextCursor },
    };
  }

  'users.info'(args: Args): Record<string, unknown> {
    const user = args.user ? this.#users.get(args.user) : undefined;
    if (!user) throw new SlackApiError('user_not_found');
    return { user: renderUser(user, this.#showEmails()) };
  }

  'views.open'(args: Args): Record<string, unknown> {
    const trigger = args.trigger_id ? this.#triggers.get(args.trigger_id) : undefined;
    if (!trigger) throw new SlackApiError('invalid_trigger_id');
    if (trigger.used) throw new SlackApiError('exchanged_trigger_id');
    if (this.#now() > trigger.expiresMs) throw new SlackApiError('expired_trigger_id');
    const view = parseJson(args.view, 'invalid_arguments') as Record<string, unknown> | undefined;
    if (!view || view.type !== 'modal' || typeof view.title !== 'object') throw new SlackApiError('invalid_arguments');
    trigger.used = true;
    const opened: OpenViewState = { id: `V0SBX${String(this.#nextView++).padStart(6, '0')}`, user: trigger.user, view };
    this.views.push(opened);
    return { view: { id: opened.id, ...view } };
  }

  'conversations.history'(args: Args): Record<string, unknown> {
    const channel = this.#memberChannel(args.channel, { allowArchived: true });
    const oldest = args.oldest ? tsToMicros(args.oldest) : null;
    const latest = args.latest ? tsToMicros(args.latest) : null;
    const inclusive = flag(args.inclusive);
    // Replies live in their thread (conversations.replies), unless also sent to the channel.
    const inRange = channel.messages.filter(
      (m) =>
        (!m.threadTs || m.subtype === 'thread_broadcast') &&
        (oldest === null || (inclusive ? m.micros >= oldest : m.micros > oldest)) &&
        (latest === null || (inclusive ? m.micros <= latest : m.micros < latest)),
    );
    const newestFirst = [...inRange].reverse();
    const limit = optionalInt(args.limit) ?? 100;
    const { items, nextCursor } = paginate(newestFirst, args.cursor, limit, 999);
    const withMetadata = flag(args.include_all_metadata);
    return {
      messages: items.map((m) => renderMessage(m, withMetadata, replyCount(channel, m))),
      has_more: nextCursor !== '',
      pin_count: 0,
      response_metadata: { next_cursor: nextCursor },
    };
  }

  'conversations.members'(args: Args): Record<string, unknown> {
    const channel = this.#visibleChannel(args.channel);
    const { items, nextCursor } = paginate(channel.members, args.cursor, optionalInt(args.limit) ?? 100, 1000);
    return { members: items, response_metadata: { next_cursor: nextCursor } };
  }

  'conversations.archive'(args: Args): Record<string, unknown> {
    const channel = this.#visibleChannel(args.channel);
    if (channel.isArchived) throw new SlackApiError('already_archived');
    if (!channel.members.includes(this.botUserId)) throw new SlackApiError('not_in_channel');
    channel.isArchived = true;
    // Archiving removes the bot: it cannot post, invite or rejoin afterwards.
    channel.members = channel.members.filter((m) => m !== this.botUserId);
    return {};
  }

  'chat.postMessage'(args: Args): Record<string, unknown> {
    const channel = this.#memberChannel(args.channel);
    const text = args.text ?? '';
    const blocks = parseJson(args.blocks, 'invalid_blocks_format');
    if (blocks !== undefined && !Array.isArray(blocks)) throw new SlackApiError('invalid_blocks_format');
    if (text === '' && (!blocks || blocks.length === 0)) throw new SlackApiError('no_text');
    const metadata = parseJson(args.metadata, 'invalid_metadata_format');
    if (metadata !== undefined) {
      const m = metadata as { event_type?: unknown; event_payload?: unknown };
      if (typeof m.event_type !== 'string' || typeof m.event_payload !== 'object' || m.event_payload === null) {
        throw new SlackApiError('invalid_metadata_format');
      }
    }
    const threadTs = args.thread_ts ? this.#threadRoot(channel, args.thread_ts) : undefined;
    const message: SlackMessageState = {
      ...this.#stamp(this.#now()),
      user: this.botUserId,
      botId: SLACK_BOT_ID,
      text,
      ...(blocks ? { blocks: blocks as unknown[] } : {}),
      ...(metadata ? { metadata: metadata as NonNullable<SlackMessageState['metadata']> } : {}),
      ...(threadTs ? { threadTs } : {}),
    };
    channel.messages.push(message);
    // Slack tells subscribed apps about their own messages too: the app must not echo them.
    this.onEvent?.(channel, messageEvent(channel, message));
    return { channel: channel.id, ts: message.ts, message: renderMessage(message, true) };
  }

  'bookmarks.list'(args: Args): Record<string, unknown> {
    const channel = this.#memberChannel(args.channel_id);
    return { bookmarks: channel.bookmarks.map((b) => renderBookmark(channel, b, this.botUserId)) };
  }

  'bookmarks.add'(args: Args): Record<string, unknown> {
    const channel = this.#memberChannel(args.channel_id);
    if (args.type !== 'link') throw new SlackApiError('invalid_bookmark_type');
    if (!args.title) throw new SlackApiError('invalid_title');
    if (!args.link || !/^https?:\/\//.test(args.link) || args.link.length > 2048) throw new SlackApiError('invalid_link');
    if (channel.bookmarks.length >= BOOKMARKS_MAX) throw new SlackApiError('too_many_bookmarks');
    const bookmark: BookmarkState = {
      id: slackId('Bk', this.#nextBookmark++),
      title: args.title,
      link: args.link,
      emoji: args.emoji ?? null,
      created: Math.floor(this.#now() / 1000),
    };
    channel.bookmarks.push(bookmark);
    return { bookmark: renderBookmark(channel, bookmark, this.botUserId) };
  }

  // ------------------------------------------------------------------------------------------

  #inviteError(channel: ChannelState, id: string): string | null {
    const user = this.#users.get(id);
    if (!user) return 'user_not_found';
    if (id === this.botUserId) return 'cant_invite_self';
    if (channel.members.includes(id)) return 'already_in_channel';
    if (user.deleted || id === 'USLACKBOT') return 'cant_invite';
    return null;
  }

  #showEmails(): boolean {
    return this.scopes.includes('users:read.email');
  }

  #createChannel(name: string, isPrivate: boolean, atMs: number): ChannelState {
    const channel: ChannelState = {
      id: slackId(isPrivate ? 'G' : 'C', this.#nextChannel++),
      name,
      isPrivate,
      isArchived: false,
      created: Math.floor(atMs / 1000),
      creator: this.botUserId,
      topic: { value: '', creator: '', last_set: 0 },
      members: [],
      messages: [],
      bookmarks: [],
    };
    this.#channels.set(channel.id, channel);
    this.#join(channel, this.botUserId, atMs);
    return channel;
  }

  #join(channel: ChannelState, userId: string, atMs = this.#now()): void {
    channel.members.push(userId);
    channel.messages.push({ ...this.#stamp(atMs), user: userId, subtype: 'channel_join', text: `<@${userId}> has joined the channel` });
  }

  /** Message timestamps are unique and increasing within the workspace, like Slack's. */
  #stamp(atMs: number): { ts: string; micros: number } {
    const micros = Math.max(atMs * 1000, this.#lastMicros + 1);
    this.#lastMicros = micros;
    return { ts: `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`, micros };
  }

  /** The root a reply goes under: replying to a reply answers its thread, as in Slack. */
  #threadRoot(channel: ChannelState, ts: string): string {
    const parent = channel.messages.find((m) => m.ts === ts);
    if (!parent) throw new SlackApiError('thread_not_found');
    return parent.threadTs ?? parent.ts;
  }

  #requireMessage(channel: ChannelState, ts: string): SlackMessageState {
    const message = channel.messages.find((m) => m.ts === ts);
    if (!message) throw new SlackApiError('message_not_found');
    return message;
  }

  #requireChannel(id: string | undefined): ChannelState {
    const channel = id ? this.channel(id) : undefined;
    if (!channel) throw new SlackApiError('channel_not_found');
    return channel;
  }

  /** Private channels the bot is not in do not exist, as far as the bot can tell. */
  #visibleChannel(id: string | undefined): ChannelState {
    const channel = this.#requireChannel(id);
    if (channel.isPrivate && !channel.members.includes(this.botUserId)) throw new SlackApiError('channel_not_found');
    return channel;
  }

  #memberChannel(id: string | undefined, options: { allowArchived?: boolean } = {}): ChannelState {
    const channel = this.#visibleChannel(id);
    if (channel.isArchived && !options.allowArchived) throw new SlackApiError('is_archived');
    if (!channel.members.includes(this.botUserId) && !(options.allowArchived && channel.isArchived)) {
      throw new SlackApiError('not_in_channel');
    }
    return channel;
  }
}

function replyCount(channel: ChannelState, m: SlackMessageState): number {
  return m.threadTs ? 0 : channel.messages.filter((r) => r.threadTs === m.ts).length;
}

/** The `message` event Slack sends for a message (the inner event of an event_callback). */
function messageEvent(channel: ChannelState, m: SlackMessageState): Record<string, unknown> {
  return {
    type: 'message',
    channel: channel.id,
    channel_type: channel.isPrivate ? 'group' : 'channel',
    user: m.user,
    text: m.text,
    ts: m.ts,
    event_ts: m.ts,
    ...(m.threadTs ? { thread_ts: m.threadTs, parent_user_id: channel.messages.find((r) => r.ts === m.threadTs)?.user } : {}),
    ...(m.botId ? { bot_id: m.botId, app_id: 'A0SBXAPP01' } : {}),
    ...(m.subtype ? { subtype: m.subtype } : {}),
  };
}
