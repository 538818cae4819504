import PQueue from 'p-queue';
import { renderDoneMessage, renderNeutralDoneMessage, titleIsShareable } from '../domain/done-message.js';
import { ticketDoneMessage } from '../domain/slack-messages.js';
import type { Ticket } from '../domain/ticket.js';
import type { Round } from '../delivery/journal.js';
import { AppError } from '../errors.js';
import { step } from '../observability/activity.js';
import type { FlowDeps } from './deps.js';
import { deliverOnce, type DeliveryResult, type DeliverySummary, summarize } from './deliver-once.js';

export const RESOLVED_EVENT = 'ticket_resolved';

/** Intercom replies in flight at once: well inside its rate limit, and 1,000 finish in minutes. */
const INTERCOM_CONCURRENCY = 8;
/**
 * Sends between two readings of the ticket's Status: a reopen stops the announcement within one
 * batch, and 1,000 conversations cost 63 Notion reads, not 1,000.
 */
const BATCH_SIZE = 2 * INTERCOM_CONCURRENCY;

export interface AnnounceOutcome {
  /**
   * `interrupted`: the ticket left Done while it was being announced (the rest was not sent);
   * `settling`: Done, waiting for DONE_SETTLE_SECONDS before anyone is told.
   */
  status: 'announced' | 'already_announced' | 'pending' | 'not_done' | 'interrupted' | 'settling';
  ticket: Ticket;
  /** Conversations told in this round (now or before). */
  notified: number;
  delivery: DeliverySummary | null;
  /** What this run itself sent and found sent, when it got as far as sending. */
  report?: AnnounceReport;
}

/** What one run of the announcement did, for a caller that asked for it (POST /ticket-done). */
export interface AnnounceReport {
  /** `not_posted`: held back until every conversation is settled; `no_channel`: the ticket has none. */
  slack: 'posted' | 'already_posted' | 'failed' | 'not_posted' | 'no_channel';
  conversations: { told: number; alreadyTold: number; failed: number };
}

/**
 * Tells the ticket's Slack channel and every linked Intercom conversation that the ticket is done,
 * once per resolution. Each message is recorded before and after it is sent (the journal), so a
 * retry sends only what is missing and a crash mid-way neither repeats nor loses a message.
 * Intercom goes first so the Slack message can say how many conversations were told. When every
 * target is settled, "Resolution Notified" is set in Notion: from then on, repeats are no-ops.
 */
export async function announceResolution(deps: FlowDeps, ticket: Ticket, options: { again?: boolean } = {}): Promise<AnnounceOutcome> {
  if (ticket.resolutionNotifiedAt && options.again && !deps.journal.current(ticket.pageId)) {
    // `force`: a new round for a ticket whose resolution was announced already.
    ticket = await rearmResolution(deps, ticket);
  }
  if (ticket.resolutionNotifiedAt) {
    // Recorded in Notion although we did not hear back (a write that failed after it applied).
    const leftOpen = deps.journal.current(ticket.pageId);
    if (leftOpen) await deps.journal.close(leftOpen);
    const report: AnnounceReport = {
      slack: ticket.slackChannelId ? 'already_posted' : 'no_channel',
      conversations: { told: 0, alreadyTold: ticket.conversationIds.length, failed: 0 },
    };
    return { status: 'already_announced', ticket, notified: ticket.conversationIds.length, delivery: null, report };
  }
  const round = await deps.journal.openRound(ticket.pageId);
  const ticketId = ticket.ticketId ?? ticket.pageId;
  const message = doneMessageFor(deps, ticket);

  const told = await step('Telling the Intercom conversations', () => tellConversations(deps, round, ticket, message));
  if (!told) return interrupted(deps, ticket);
  const conversations = summarize(deps.journal, round, ticket.conversationIds.map(intercomKey));
  let slack: AnnounceReport['slack'] = ticket.slackChannelId ? 'not_posted' : 'no_channel';
  if (ticket.slackChannelId && conversations.unsettled === 0) {
    const channelId = ticket.slackChannelId;
    if (!(await stillDoneNow(deps, ticket))) return interrupted(deps, ticket);
    const posted = await step('Telling the Slack channel', () =>
      deliverOnce(deps, round, `slack:${channelId}`, {
        fingerprint: null,
        send: () =>
          deps.chat.postMessage(channelId, {
            ...ticketDoneMessage({
              ticketId,
              title: ticket.title,
              notionUrl: ticket.url,
              notified: conversations.sent,
              total: ticket.conversationIds.length,
            }),
            metadata: { event_type: RESOLVED_EVENT, event_payload: { page_id: ticket.pageId, round: round.id } },
          }),
        alreadyDelivered: (since) =>
          deps.chat.hasMessageWithMetadata(channelId, RESOLVED_EVENT, { round: round.id }, slackTs(since)),
      }),
    );
    slack = SLACK_REPORT[posted];
  }
  const report: AnnounceReport = { slack, conversations: countResults(told) };

  const keys = [...ticket.conversationIds.map(intercomKey), ...(ticket.slackChannelId ? [`slack:${ticket.slackChannelId}`] : [])];
  if (deps.settings.done.reopen) keys.push(...ticket.conversationIds.map(reopenKey));
  const delivery = summarize(deps.journal, round, keys);
  if (delivery.unsettled > 0) return { status: 'pending', ticket, notified: conversations.sent, delivery, report };

  const announced = await step('Recording the announcement in Notion', () =>
    deps.tickets.update(ticket.pageId, { resolutionNotifiedAt: deps.now().toISOString() }),
  );
  deps.index.upsert([announced]);
  await deps.journal.close(round);
  return { status: 'announced', ticket: announced, notified: conversations.sent, delivery, report };
}

const SLACK_REPORT: Record<DeliveryResult, AnnounceReport['slack']> = {
  sent: 'posted',
  already_sent: 'already_posted',
  gave_up: 'failed',
  failed: 'failed',
};

function countResults(results: Map<string, DeliveryResult>): AnnounceReport['conversations'] {
  const counts = { told: 0, alreadyTold: 0, failed: 0 };
  for (const result of results.values()) {
    if (result === 'sent') counts.told += 1;
    else if (result === 'already_sent') counts.alreadyTold += 1;
    else counts.failed += 1;
  }
  return counts;
}

/**
 * The ticket left Done: forget the announcement so that, when it is Done again, the new
 * resolution is announced too.
 */
export async function rearmResolution(deps: FlowDeps, ticket: Ticket): Promise<Ticket> {
  const round = deps.journal.current(ticket.pageId);
  if (round) await deps.journal.close(round);
  if (!ticket.resolutionNotifiedAt) return ticket;
  const updated = await step('Clearing the announcement in Notion', () =>
    deps.tickets.update(ticket.pageId, { resolutionNotifiedAt: null }),
  );
  deps.index.upsert([updated]);
  return updated;
}

/** What each customer is told; the same for all of them, late ones included. */
export function doneMessageFor(deps: FlowDeps, ticket: Ticket): { text: string; html: string } {
  const values = { ticket_id: ticket.ticketId ?? ticket.pageId, title: ticket.title, notion_url: ticket.url };
  // One customer's words never reach another: a title drafted from a message is not repeated.
  return titleIsShareable(ticket.title, ticket.description)
    ? renderDoneMessage(deps.settings.done.template, values)
    : renderNeutralDoneMessage(deps.settings.done.template, values);
}

/**
 * The ticket left Done in the middle: what was sent stays recorded in the journal, the round is
 * closed, and a later Done is a new resolution, announced again.
 */
async function interrupted(deps: FlowDeps, ticket: Ticket): Promise<AnnounceOutcome> {
  const rearmed = await rearmResolution(deps, ticket);
  return { status: 'interrupted', ticket: rearmed, notified: 0, delivery: null };
}

/** Notion's Status right now: the last word before the next batch of messages goes out. */
async function stillDoneNow(deps: FlowDeps, ticket: Ticket): Promise<boolean> {
  const fresh = await deps.tickets.get(ticket.pageId);
  deps.index.upsert([fresh]);
  return fresh.done;
}

/**
 * Tells the conversations batch by batch, re-reading the Status before each: what each
 * conversation's message came to, or null when the ticket left Done.
 */
async function tellConversations(
  deps: FlowDeps,
  round: Round,
  ticket: Ticket,
  message: { text: string; html: string },
): Promise<Map<string, DeliveryResult> | null> {
  const status = (key: string) => deps.journal.target(round, key).status;
  const settled = (key: string) => ['sent', 'gave_up'].includes(status(key));
  const reopen = deps.settings.done.reopen;
  const results = new Map<string, DeliveryResult>();
  const waiting: string[] = [];
  for (const id of ticket.conversationIds) {
    if (!settled(intercomKey(id)) || (reopen && !settled(reopenKey(id)))) waiting.push(id);
    else results.set(id, status(intercomKey(id)) === 'sent' ? 'already_sent' : 'gave_up');
  }
  const queue = new PQueue({ concurrency: INTERCOM_CONCURRENCY });
  const tell = async (id: string) => results.set(id, await tellConversation(deps, round, id, message));
  for (let start = 0; start < waiting.length; start += BATCH_SIZE) {
    // The first batch goes on the reading that started this run.
    if (start > 0 && !(await stillDoneNow(deps, ticket))) return null;
    await queue.addAll(waiting.slice(start, start + BATCH_SIZE).map((id) => () => tell(id)));
  }
  return results;
}

/** Tells one conversation (and reopens it if configured); what its message came to. */
export async function tellConversation(deps: FlowDeps, round: Round, conversationId: string, message: { text: string; html: string }): Promise<DeliveryResult> {
  const { adminId, done } = deps.settings;
  const fingerprint = normalize(message.text);
  const told = await deliverOnce(deps, round, intercomKey(conversationId), {
    fingerprint,
    send: () =>
      done.messageType === 'note'
        ? deps.inbox.addNote(conversationId, adminId, message.html)
        : deps.inbox.reply(conversationId, adminId, message.html),
    alreadyDelivered: async (since) => {
      const conversation = await deps.inbox.getConversation(conversationId);
      const after = Math.floor(Date.parse(since) / 1000) - 60;
      return conversation.parts.some((p) => p.authorId === adminId && p.createdAt >= after && normalize(p.body).includes(fingerprint));
    },
  });
  if (done.reopen && deps.journal.target(round, intercomKey(conversationId)).status === 'sent') {
    // Reopening twice is harmless, so it needs no in-doubt check.
    await deliverOnce(deps, round, reopenKey(conversationId), {
      fingerprint: null,
      send: () => deps.inbox.reopen(conversationId, adminId),
      alreadyDelivered: async () => false,
    });
  }
  return told;
}

/** Loads a ticket for the Done paths, with the error the API documents when it does not exist. */
export async function loadTicketForDone(deps: FlowDeps, pageId: string): Promise<Ticket> {
  const ticket = await step('Reading the ticket', () => deps.tickets.get(pageId));
  deps.index.upsert([ticket]);
  return ticket;
}

/** Customers are told only what Notion says: even `force` needs the ticket to be Done. */
export function requireDone(ticket: Ticket): void {
  if (ticket.done) return;
  throw new AppError(
    'ticket_not_done',
    409,
    `${ticket.ticketId ?? ticket.pageId} is "${ticket.status}" in Notion, not Done; mark it Done first ("force" only re-announces a Done ticket).`,
  );
}

export const intercomKey = (conversationId: string) => `intercom:${conversationId}`;
const reopenKey = (conversationId: string) => `intercom-reopen:${conversationId}`;

/** Text as Intercom gives it back in plain text: compare letters and digits only. */
export function normalize(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function slackTs(iso: string): string {
  return ((Date.parse(iso) - 60_000) / 1000).toFixed(6);
}
