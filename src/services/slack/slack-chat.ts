import type { Block, KnownBlock, View } from '@slack/web-api';
import { slackChannelUrl } from '../../domain/conversation-links.js';
import { AppError } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';
import type { Chat, InviteOutcome, SlackChannel, SlackIdentity, SlackReadMessage } from '../../ports.js';
import { CREATE, externalCall, IDEMPOTENT_WRITE, READ, type RetryPolicy } from '../http/external-call.js';
import type { RequestEvent } from '../http/service-fetch.js';
import { createSlackClient } from './slack-client.js';
import { classifySlackError, platformError } from './slack-errors.js';
import { chunkOutcome, inviteChunks, type InviteAnswer } from './slack-invite.js';
import { toSlackChannel, toSlackUser, type ApiChannel } from './slack-mapping.js';

export interface SlackChatOptions {
  token: string;
  apiUrl: string | null;
  timeoutMs?: number;
  onRequest?: (e: RequestEvent) => void;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
}

const TOPIC_MAX = 250;
/** conversations.list page size: Slack's maximum, so a workspace of channels takes few Tier 2 calls. */
const CHANNEL_PAGE = 999;
const USER_PAGE = 200;
const HISTORY_PAGE = 200;
/** Our own marker messages are recent; a few pages of history are plenty. */
const HISTORY_PAGES_MAX = 5;
/** A thread of 2,000 replies is read whole; a longer one from its newest pages would need `oldest`. */
const THREAD_PAGES_MAX = 10;
/** One attempt: the call is not safe (or not useful) to repeat. */
const ONCE: RetryPolicy = { attempts: 1, idempotent: false, baseDelayMs: 0, maxDelayMs: 0 };

interface BotIdentity extends SlackIdentity {
  /** The B… id on messages the bot posted (auth.test `bot_id`). */
  botId: string | null;
}

export function createSlackChat(o: SlackChatOptions): Chat {
  const client = createSlackClient({ ...o, timeoutMs: o.timeoutMs ?? 10_000 });

  const call = <T>(method: string, policy: RetryPolicy, fn: () => Promise<T>): Promise<T> =>
    externalCall({ service: 'slack', method, policy, classify: classifySlackError, logger: o.logger, sleep: o.sleep }, fn);

  /** Runs a Slack method, turning the listed `ok:false` codes into a value instead of an error. */
  const callExpecting = <T, E>(
    method: string,
    policy: RetryPolicy,
    expected: Record<string, E>,
    fn: () => Promise<T>,
  ): Promise<T | E> =>
    call(method, policy, async () => {
      try {
        return await fn();
      } catch (err) {
        const code = platformError(err)?.data.error;
        if (code !== undefined && Object.hasOwn(expected, code)) return expected[code]!;
        throw err;
      }
    });

  let whoAmI: Promise<BotIdentity> | null = null;
  const bot = (): Promise<BotIdentity> => {
    whoAmI ??= call('auth.test', READ, () => client.auth.test()).then(
      (r) => ({ botUserId: r.user_id ?? '', teamId: r.team_id ?? '', teamUrl: r.url ?? '', botId: r.bot_id ?? null }),
      (err: unknown) => {
        whoAmI = null;
        throw err;
      },
    );
    return whoAmI;
  };

  /** The newest message of ours in the channel's history carrying this metadata. */
  const findMarker = async (
    channelId: string,
    eventTypes: readonly string[],
    payloadMatch: Record<string, string>,
    oldest?: string,
  ): Promise<SlackReadMessage | null> => {
    const me = await bot();
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES_MAX; page += 1) {
      const history = await call('conversations.history', READ, () =>
        client.conversations.history({
          channel: channelId,
          include_all_metadata: true,
          limit: HISTORY_PAGE,
          ...(oldest ? { oldest, inclusive: true } : {}),
          ...(cursor ? { cursor } : {}),
        }),
      );
      const match = history.messages?.find((m) => isMarker(m, me, eventTypes, payloadMatch));
      if (match) return toReadMessage(match, me);
      cursor = history.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return null;
  };

  return {
    async identity() {
      const { botUserId, teamId, teamUrl } = await bot();
      return { botUserId, teamId, teamUrl };
    },

    async createChannel(name) {
      // name_taken also covers archived channels: the caller resolves it with findChannelByName.
      const response = await callExpecting('conversations.create', CREATE, { name_taken: null }, () =>
        client.conversations.create({ name, is_private: false }),
      );
      return response === null ? null : channelOf(response.channel, 'conversations.create');
    },

    async findChannelByName(name) {
      let cursor: string | undefined;
      do {
        const page = await call('conversations.list', READ, () =>
          client.conversations.list({
            types: 'public_channel',
            exclude_archived: false,
            limit: CHANNEL_PAGE,
            ...(cursor ? { cursor } : {}),
          }),
        );
        const match = page.channels?.find((c) => c.name === name);
        if (match) return toSlackChannel(match);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return null;
    },

    async getChannel(channelId) {
      const response = await callExpecting('conversations.info', READ, { channel_not_found: null }, () =>
        client.conversations.info({ channel: channelId }),
      );
      return response === null ? null : channelOf(response.channel, 'conversations.info');
    },

    async joinChannel(channelId) {
      await call('conversations.join', IDEMPOTENT_WRITE, () => client.conversations.join({ channel: channelId }));
    },

    async invite(channelId, userIds) {
      const { botUserId } = await bot();
      const outcome: InviteOutcome = { invited: [], alreadyMembers: [], failed: [] };
      for (const chunk of inviteChunks(userIds, botUserId)) {
        const part = await call('conversations.invite', IDEMPOTENT_WRITE, async () => {
          try {
            const answer = await client.conversations.invite({ channel: channelId, users: chunk.join(','), force: true });
            return chunkOutcome(chunk, answer)!;
          } catch (err) {
            const refused = platformError(err);
            const part = refused ? chunkOutcome(chunk, refused.data as InviteAnswer) : null;
            if (part) return part;
            throw err;
          }
        });
        outcome.invited.push(...part.invited);
        outcome.alreadyMembers.push(...part.alreadyMembers);
        outcome.failed.push(...part.failed);
      }
      return outcome;
    },

    async setTopic(channelId, topic) {
      // Code points, not UTF-16 units, so an emoji at the limit is not cut in half.
      const cut = Array.from(topic).slice(0, TOPIC_MAX).join('');
      await call('conversations.setTopic', IDEMPOTENT_WRITE, () =>
        client.conversations.setTopic({ channel: channelId, topic: cut }),
      );
    },

    async postMessage(channelId, message) {
      const response = await call('chat.postMessage', CREATE, () =>
        client.chat.postMessage({
          channel: channelId,
          text: message.text,
          ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
          ...(message.blocks ? { blocks: message.blocks as Array<KnownBlock | Block> } : {}),
          ...(message.metadata ? { metadata: message.metadata } : {}),
        }),
      );
      return { ts: response.ts ?? '' };
    },

    async hasMessageWithMetadata(channelId, eventType, payloadMatch, oldest) {
      return (await findMarker(channelId, [eventType], payloadMatch, oldest)) !== null;
    },

    findMessageWithMetadata: (channelId, eventTypes, payloadMatch, oldest) => findMarker(channelId, eventTypes, payloadMatch, oldest),

    async getMessage(channelId, ts) {
      const me = await bot();
      const history = await call('conversations.history', READ, () =>
        client.conversations.history({ channel: channelId, include_all_metadata: true, latest: ts, oldest: ts, inclusive: true, limit: 1 }),
      );
      const message = history.messages?.find((m) => m.ts === ts);
      return message ? toReadMessage(message, me) : null;
    },

    async threadReplies(channelId, rootTs, oldest) {
      const me = await bot();
      const messages: HistoryMessage[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < THREAD_PAGES_MAX; page += 1) {
        const replies = await call('conversations.replies', READ, () =>
          client.conversations.replies({
            channel: channelId,
            ts: rootTs,
            include_all_metadata: true,
            limit: HISTORY_PAGE,
            ...(oldest ? { oldest, inclusive: true } : {}),
            ...(cursor ? { cursor } : {}),
          }),
        );
        messages.push(...((replies.messages ?? []) as HistoryMessage[]));
        cursor = replies.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      return messages
        .map((m) => toReadMessage(m, me))
        .filter((m, i, all) => all.findIndex((o) => o.ts === m.ts) === i)
        .sort((a, b) => compareTs(a.ts, b.ts));
    },

    async getUser(userId) {
      const response = await callExpecting('users.info', READ, { user_not_found: null }, () => client.users.info({ user: userId }));
      return response?.user ? toSlackUser(response.user) : null;
    },

    async openView(triggerId, view) {
      // A trigger is good for three seconds and one view: never retried.
      await call('views.open', ONCE, () => client.views.open({ trigger_id: triggerId, view: view as unknown as View }));
    },

    async addBookmark(channelId, title, link) {
      await call('bookmarks.add', CREATE, () => client.bookmarks.add({ channel_id: channelId, title, type: 'link', link }));
    },

    async hasBookmark(channelId, link) {
      const response = await call('bookmarks.list', READ, () => client.bookmarks.list({ channel_id: channelId }));
      return (response.bookmarks ?? []).some((b) => b.link === link);
    },

    async lookupUserByEmail(email) {
      const response = await callExpecting('users.lookupByEmail', READ, { users_not_found: null }, () =>
        client.users.lookupByEmail({ email: email.trim() }),
      );
      return response?.user ? toSlackUser(response.user) : null;
    },

    async *iterateUsers() {
      let cursor: string | undefined;
      do {
        const page = await call('users.list', READ, () =>
          client.users.list({ limit: USER_PAGE, ...(cursor ? { cursor } : {}) }),
        );
        yield (page.members ?? []).map(toSlackUser);
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
    },

    async channelUrl(channelId) {
      return slackChannelUrl((await bot()).teamUrl, channelId);
    },
  };
}

interface HistoryMessage {
  ts?: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  text?: string;
  files?: Array<{ name?: string; title?: string; permalink?: string; url_private?: string }>;
  metadata?: { event_type?: string; event_payload?: object };
}

function toReadMessage(m: HistoryMessage, me: BotIdentity): SlackReadMessage {
  return {
    ts: m.ts ?? '',
    threadTs: m.thread_ts ?? null,
    user: m.user ?? null,
    botId: m.bot_id ?? null,
    subtype: m.subtype ?? null,
    text: m.text ?? '',
    files: (m.files ?? []).flatMap((f) => {
      const url = f.permalink ?? f.url_private;
      return url ? [{ name: f.name ?? f.title ?? 'file', url }] : [];
    }),
    metadata: m.metadata?.event_type ? { event_type: m.metadata.event_type, event_payload: (m.metadata.event_payload ?? {}) as Record<string, unknown> } : null,
    fromUs: isFromUs(m, me),
  };
}

/** Slack timestamps as numbers would lose their last digits: compare seconds, then microseconds. */
export function compareTs(a: string, b: string): number {
  const [as = '0', af = ''] = a.split('.');
  const [bs = '0', bf = ''] = b.split('.');
  return Number(as) - Number(bs) || Number(af.padEnd(6, '0')) - Number(bf.padEnd(6, '0'));
}

function isFromUs(m: HistoryMessage, me: BotIdentity): boolean {
  return m.user === me.botUserId || (me.botId !== null && m.bot_id === me.botId);
}

/** A message the bot posted carrying this event type and these payload values. */
function isMarker(m: HistoryMessage, me: BotIdentity, eventTypes: readonly string[], payloadMatch: Record<string, string>): boolean {
  if (!isFromUs(m, me) || !eventTypes.includes(m.metadata?.event_type ?? '')) return false;
  const payload = (m.metadata?.event_payload ?? {}) as Record<string, unknown>;
  return Object.entries(payloadMatch).every(([key, value]) => String(payload[key]) === value);
}

function channelOf(channel: ApiChannel | undefined, method: string): SlackChannel {
  if (!channel?.id) {
    throw new AppError('upstream_rejected', 502, `Slack ${method} answered without a channel`, {
      details: { service: 'slack', method },
    });
  }
  return toSlackChannel(channel);
}
