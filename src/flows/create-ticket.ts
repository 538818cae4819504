import type { Ticket } from '../domain/ticket.js';
import { isAppError, partlyMade } from '../errors.js';
import { describeOperation, step } from '../observability/activity.js';
import { readCustomerExcerpt } from './customer-excerpt.js';
import type { FlowDeps } from './deps.js';
import { ensureChannel } from './ensure-channel.js';
import { type TicketOutcome, ticketOutcome } from './outcome.js';
import { matchParticipants } from './participants.js';
import { finishTicketSetup } from './ticket-setup.js';

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
  return deps.locks.run(`conversation:${input.conversationId}`, async () => {
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
  const doubtKey = `create:${input.conversationId}`;
  const existing = await ticketCreatedFrom(deps, input.conversationId, doubtKey);
  if (existing) return { ticket: existing, created: false };
  try {
    const ticket = await deps.tickets.create({
      title: input.title,
      description: input.description,
      conversationIds: [input.conversationId],
    });
    deps.doubts.delete(doubtKey);
    deps.index.upsert([ticket]);
    return { ticket, created: true };
  } catch (err) {
    // Notion may have created the page although we saw an error: the next attempt must look first.
    if (isAppError(err) && err.details?.inDoubt) deps.doubts.add(doubtKey);
    throw err;
  }
}

/**
 * The ticket this conversation created earlier. The index answers in memory; Notion is asked
 * only when the index may not know (still loading, or an earlier create ended in doubt).
 */
async function ticketCreatedFrom(deps: FlowDeps, conversationId: string, doubtKey: string): Promise<Ticket | undefined> {
  const known = deps.index.createdFrom(conversationId);
  if (known || (deps.index.complete && !deps.doubts.has(doubtKey))) return known;
  const found = (await deps.tickets.findByConversation(conversationId)).find((t) => t.conversationIds[0] === conversationId);
  if (found) {
    deps.index.upsert([found]);
    deps.doubts.delete(doubtKey);
  }
  return found;
}
