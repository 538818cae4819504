import type { Ticket } from '../domain/ticket.js';
import { isAppError, partlyMade } from '../errors.js';
import { describeOperation, step } from '../observability/activity.js';
import { readCustomerExcerpt } from './customer-excerpt.js';
import type { FlowDeps } from './deps.js';
import { ensureChannel } from './ensure-channel.js';
import { type TicketOutcome, ticketOutcome } from './outcome.js';
import { matchParticipants } from './participants.js';
import { finishTicketSetup } from './ticket-setup.js';
import { conversationLock } from '../store/advisory-locks.js';

export interface CreateInput {
  conversationId: string;
  title: string;
  description: string;
  /** Intercom admin ids to invite (matched to Slack users). */
  participantIds: string[];
}

/**
 * A new ticket for a conversation, in three sequential round trips: the Notion page (while the
 * teammates are matched to Slack users), then the channel, then everything else at once.
 *
 * A conversation creates at most one ticket: a double click, a retry or two teammates at once
 * end with the ticket the first one created, and a retry finishes whatever the first left undone.
 */
export async function createTicket(deps: FlowDeps, input: CreateInput): Promise<TicketOutcome> {
  return deps.locks.run(conversationLock(input.conversationId), async () => {
    // The customer's words for Customer Reports: read while the page is made, written with the
    // channel, so Intercom adds no round trip of its own (never rejects: none if unreadable).
    const customerExcerpt = readCustomerExcerpt(deps, input.conversationId);
    const [{ ticket, created }, people] = await Promise.all([
      step('Creating the Notion ticket', () => findOrCreatePage(deps, input)),
      matchParticipants(deps, input.participantIds),
    ]);
    // The activity log finds this create by the ticket it produced, even if a later step fails.
    describeOperation({ ticket_id: ticket.ticketId, page_id: ticket.pageId });
    const label = ticket.ticketId ?? 'The ticket';
    const ensured = await step('Creating the Slack channel', () => ensureChannel(deps, ticket)).catch((err: unknown) => {
      throw partlyMade(err, `${label} was created in Notion; the Slack channel could not be made.`);
    });
    const setup = await finishTicketSetup(deps, {
      ticket,
      ensured,
      matches: people.matches,
      conversationId: input.conversationId,
      reason: 'created',
      firstTime: created,
      summary: input.description,
      customerExcerpt,
    }).catch((err: unknown) => {
      throw partlyMade(err, `${label} was created in Notion with its Slack channel #${ensured.channel.name}; the rest of the set-up did not finish.`);
    });
    return ticketOutcome('created', setup, people);
  });
}

async function findOrCreatePage(deps: FlowDeps, input: CreateInput): Promise<{ ticket: Ticket; created: boolean }> {
  const existing = await ticketCreatedFrom(deps, input.conversationId);
  if (existing) return { ticket: existing, created: false };
  // Recorded first: if Notion makes the page but we never hear back (a timeout, a crash), the
  // next create, on any replica, knows to look for it before making another.
  await deps.creations.begin(input.conversationId);
  const ticket = await deps.tickets.create({
    title: input.title,
    description: input.description,
    conversationIds: [input.conversationId],
  });
  await deps.creations.finish(input.conversationId, ticket.pageId);
  deps.index.upsert([ticket]);
  return { ticket, created: true };
}

/**
 * The ticket this conversation created earlier, here or on another replica. The store's record
 * names it; Notion is searched only when a create began without a known outcome, or when the
 * index is still loading and the record may predate the store (tickets made before it existed).
 */
async function ticketCreatedFrom(deps: FlowDeps, conversationId: string): Promise<Ticket | undefined> {
  const record = await deps.creations.get(conversationId);
  if (record?.pageId) {
    const recorded = deps.index.get(record.pageId) ?? (await deps.tickets.get(record.pageId).catch(notFoundAsUndefined));
    if (recorded) return recorded;
    // Deleted in Notion since: a new create makes a new ticket, as it would have without the record.
    await deps.creations.forget(conversationId);
    return undefined;
  }
  const known = deps.index.createdFrom(conversationId);
  if (known || (deps.index.complete && !record)) return known;
  const found = (await deps.tickets.findByConversation(conversationId)).find((t) => t.conversationIds[0] === conversationId);
  if (found) {
    deps.index.upsert([found]);
    await deps.creations.finish(conversationId, found.pageId);
  }
  return found;
}

function notFoundAsUndefined(err: unknown): undefined {
  if (isAppError(err) && err.code === 'ticket_not_found') return undefined;
  throw err;
}

/** The page this conversation created, if any (the panel's "Finish setting up" resumes its create). */
export async function pageCreatedFrom(deps: FlowDeps, conversationId: string): Promise<string | null> {
  const record = await deps.creations.get(conversationId);
  return record?.pageId ?? deps.index.createdFrom(conversationId)?.pageId ?? null;
}
