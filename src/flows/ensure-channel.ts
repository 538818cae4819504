import { channelName, channelNameWithSuffix } from '../domain/channel-name.js';
import type { Ticket } from '../domain/ticket.js';
import { AppError } from '../errors.js';
import type { SlackChannel } from '../ports.js';
import type { FlowDeps } from './deps.js';

/** Channels named "…-2" to "…-9" are tried when archived channels hold the plain name. */
const MAX_SUFFIX = 9;

export interface EnsuredChannel {
  channel: SlackChannel;
  /** Created by this call: nothing has been posted or set in it yet. */
  fresh: boolean;
}

/**
 * The ticket's Slack channel: the one recorded on the ticket if it is still alive, else
 * `jmp-123-<slug>`. A live channel that already holds the name is reused (a retry after a create
 * that timed out lands here); an archived one cannot be unarchived by a bot token, so the next
 * name gets a suffix.
 */
export async function ensureChannel(deps: FlowDeps, ticket: Ticket): Promise<EnsuredChannel> {
  if (ticket.slackChannelId) {
    const recorded = await deps.chat.getChannel(ticket.slackChannelId);
    if (recorded && !recorded.isArchived) return { channel: await joined(deps, recorded), fresh: false };
  }
  if (!ticket.ticketId) {
    throw new AppError('upstream_rejected', 502, 'Notion has not numbered this ticket yet (no ID); try again in a moment.');
  }
  const base = channelName(ticket.ticketId, ticket.title);
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const name = n === 1 ? base : channelNameWithSuffix(base, n);
    const created = await deps.chat.createChannel(name);
    if (created) return { channel: created, fresh: true };
    const holder = await deps.chat.findChannelByName(name);
    if (holder && !holder.isArchived) return { channel: await joined(deps, holder), fresh: false };
  }
  throw new AppError(
    'upstream_rejected',
    502,
    `Every Slack channel name from #${base} to #${channelNameWithSuffix(base, MAX_SUFFIX)} is taken by an archived channel.`,
  );
}

async function joined(deps: FlowDeps, channel: SlackChannel): Promise<SlackChannel> {
  if (channel.isMember) return channel;
  await deps.chat.joinChannel(channel.id);
  return { ...channel, isMember: true };
}
