import { channelTopic } from '../domain/channel-name.js';
import { withReport } from '../domain/customer-reports.js';
import { ticketLinkedNote } from '../domain/intercom-note.js';
import type { PersonMatch } from '../domain/people.js';
import { slackUserIdsToInvite } from '../domain/people/match-teammates.js';
import { channelIntroMessage, conversationLinkedMessage } from '../domain/slack-messages.js';
import type { Ticket } from '../domain/ticket.js';
import { AppError, atStep } from '../errors.js';
import { step } from '../observability/activity.js';
import type { InviteOutcome, TicketPatch } from '../ports.js';
import { type ConversationThread, linkedThread } from '../threads/thread-store.js';
import type { FlowDeps } from './deps.js';
import type { EnsuredChannel } from './ensure-channel.js';
import { latestTicketNote } from './ticket-notes.js';
import type { TicketOutcome } from './outcome.js';

export const INTRO_EVENT = 'ticket_channel_opened';
export const LINKED_EVENT = 'conversation_linked';

export interface SetupInput {
  ticket: Ticket;
  ensured: EnsuredChannel;
  matches: PersonMatch[];
  conversationId: string;
  /** Why we are here: a new ticket (intro message) or a conversation linked to an existing one. */
  reason: 'created' | 'linked';
  /**
   * True when this run made the change (created the page, added the conversation), so the
   * messages about it cannot have been sent yet. False on a retry: look before posting.
   */
  firstTime: boolean;
  summary?: string;
  /**
   * The customer's words for the ticket's Customer Reports, still being read from Intercom: a
   * create does not wait for them before making the page, they go in with the Slack channel.
   */
  customerExcerpt?: Promise<string>;
}

export interface SetupResult {
  ticket: Ticket;
  channel: TicketOutcome['channel'];
  invite: InviteOutcome;
  warnings: string[];
}

/**
 * Everything that follows once the ticket and its channel exist. None of these wait for one
 * another, so they run in parallel: the third and last round trip of a create. Each is safe to
 * repeat: a retry after a partial failure finishes the rest without posting anything twice.
 */
export async function finishTicketSetup(deps: FlowDeps, input: SetupInput): Promise<SetupResult> {
  const { ticket, ensured, conversationId } = input;
  const channel = ensured.channel;
  const ticketId = ticket.ticketId ?? ticket.pageId;
  const channelUrl = await deps.chat.channelUrl(channel.id);
  const slackUserIds = slackUserIdsToInvite(input.matches);
  const recordedHere = ticket.slackChannelId === channel.id;
  const warnings: string[] = [];
  let updated = ticket;
  let invite: InviteOutcome = { invited: [], alreadyMembers: [], failed: [] };

  const tasks: Array<[string, () => Promise<unknown>]> = [
    [
      'Inviting teammates to the Slack channel',
      async () => {
        if (slackUserIds.length) invite = await deps.chat.invite(channel.id, slackUserIds);
      },
    ],
    [
      'Setting the Slack channel topic',
      async () => {
        const topic = channelTopic(ticket.url);
        if (channel.topic !== topic) await deps.chat.setTopic(channel.id, topic);
      },
    ],
    [
      'Recording the Slack channel in Notion',
      async () => {
        const patch: TicketPatch = recordedHere ? {} : { slackChannelUrl: channelUrl };
        const reports = await customerReportsToWrite(deps, ticket, conversationId, input.customerExcerpt);
        if (reports !== null) patch.customerReports = reports;
        if (Object.keys(patch).length === 0) return;
        updated = await deps.tickets.update(ticket.pageId, patch);
        deps.index.upsert([updated]);
      },
    ],
    [
      'Posting the ticket in the Slack channel',
      async () => {
        // Only a new ticket is introduced. A new channel needs the intro; any other may have it
        // from an earlier round or not (that round may have failed to post it): look.
        if (input.reason !== 'created') return;
        if (!ensured.fresh && (await deps.chat.hasMessageWithMetadata(channel.id, INTRO_EVENT, { page_id: ticket.pageId }))) return;
        // The intro is the thread root of the conversation that opened the ticket (src/flows/threads).
        const payload = { page_id: ticket.pageId, conversation_id: conversationId };
        const message = channelIntroMessage({
          ticketId,
          title: ticket.title,
          summary: input.summary ?? ticket.description,
          notionUrl: ticket.url,
          conversationUrl: deps.settings.intercom.conversationUrl(conversationId),
        });
        const root = await deps.chat.postMessage(channel.id, { ...message, metadata: { event_type: INTRO_EVENT, event_payload: payload } });
        await recordThread(deps, linkedThread(conversationId, ticket.pageId, channel.id, root.ts));
      },
    ],
    [
      'Posting the linked conversation in Slack',
      async () => {
        if (input.reason !== 'linked') return;
        const payload = { page_id: ticket.pageId, conversation_id: conversationId };
        // Already in the channel, as the conversation that opened the ticket (the intro) or linked
        // earlier: a repeated link or a replayed API call posts nothing.
        if (!input.firstTime && (await deps.chat.findMessageWithMetadata(channel.id, [INTRO_EVENT, LINKED_EVENT], payload))) return;
        const message = conversationLinkedMessage({
          ticketId,
          conversationUrl: deps.settings.intercom.conversationUrl(conversationId),
          conversationCount: ticket.conversationIds.length,
        });
        const root = await deps.chat.postMessage(channel.id, { ...message, metadata: { event_type: LINKED_EVENT, event_payload: payload } });
        await recordThread(deps, linkedThread(conversationId, ticket.pageId, channel.id, root.ts));
      },
    ],
    [
      'Adding a note to the Intercom conversation',
      async () => {
        if (!input.firstTime && (await latestTicketNote(deps, conversationId, ticketId)) === 'linked') return;
        const note = ticketLinkedNote({ ticketId, title: ticket.title, notionUrl: ticket.url, channel: { name: channel.name, url: channelUrl } });
        await deps.inbox.addNote(conversationId, deps.settings.adminId, note);
      },
    ],
  ];

  // A bookmark is a convenience: it runs with the rest, and a failure is a warning, not an error.
  // A new channel has none; a retry looks, so a bookmark that failed in an earlier round is added.
  const bookmark =
    ensured.fresh || !input.firstTime
      ? step('Bookmarking the Notion ticket in Slack', async () => {
          if (!ensured.fresh && (await deps.chat.hasBookmark(channel.id, ticket.url))) return;
          await deps.chat.addBookmark(channel.id, `Notion: ${ticketId}`, ticket.url);
        }).catch(() => void warnings.push('The Notion bookmark could not be added to the Slack channel.'))
      : Promise.resolve();
  const [settled] = await Promise.all([Promise.allSettled(tasks.map(([name, run]) => step(name, run))), bookmark]);
  const failures = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ name: tasks[i]![0], reason: s.reason as unknown }] : []));
  // What is missing is a hint for the panel: if the store cannot keep it, the step's error still reaches the teammate.
  await deps.setupGaps.set(conversationId, ticket.pageId, failures.map((f) => f.name)).catch((err: unknown) => {
    deps.logger.warn({ err, conversation_id: conversationId, page_id: ticket.pageId }, 'store: the failed set-up steps could not be recorded');
  });
  if (failures.length > 0) {
    const first = failures[0]!;
    const err = atStep(first.name, first.reason);
    throw new AppError(err.code, err.status, failures.length > 1 ? `${err.message} (and ${failures.length - 1} more step(s) failed)` : err.message, {
      step: first.name,
      details: { failedSteps: failures.map((f) => f.name), ...err.details },
      cause: first.reason,
    });
  }
  return { ticket: updated, channel: { id: channel.id, name: channel.name, url: channelUrl }, invite, warnings };
}

/**
 * The message just posted is the conversation's thread root: recorded now, so a reply in the
 * conversation reaching another replica (whose ticket index has not heard of this ticket yet)
 * still finds its thread. Best effort: the sync finds an unrecorded root by its metadata.
 */
async function recordThread(deps: FlowDeps, thread: ConversationThread): Promise<void> {
  await deps.threadStore.saveThread(thread).catch((err: unknown) => {
    deps.logger.warn({ err, conversation_id: thread.conversationId, page_id: thread.pageId }, 'store: the thread root could not be recorded');
  });
}

/** The ticket's Customer Reports with this conversation's words, or null when nothing would change. */
async function customerReportsToWrite(
  deps: FlowDeps,
  ticket: Ticket,
  conversationId: string,
  excerpt: Promise<string> | undefined,
): Promise<string | null> {
  if (!excerpt || !(await deps.tickets.schema()).customerReports) return null;
  const reports = withReport(ticket.customerReports, conversationId, await excerpt);
  return reports === ticket.customerReports ? null : reports;
}
