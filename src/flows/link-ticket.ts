import { partlyMade } from '../errors.js';
import { describeOperation, step } from '../observability/activity.js';
import { readCustomerExcerpt } from './customer-excerpt.js';
import type { FlowDeps } from './deps.js';
import { ensureChannel } from './ensure-channel.js';
import { type TicketOutcome, ticketOutcome } from './outcome.js';
import { matchParticipants } from './participants.js';
import { tellLateConversation } from './tell-late-conversation.js';
import { finishTicketSetup } from './ticket-setup.js';
import { conversationLock } from '../store/advisory-locks.js';

export interface LinkInput {
  conversationId: string;
  pageId: string;
  participantIds: string[];
}

/**
 * Links a conversation to an existing ticket: records it on the ticket (concurrent links are
 * merged, none lost), gives the ticket a Slack channel if it has none yet (tickets made by hand in
 * Notion), invites the teammates and says in the channel that a new conversation joined.
 * Linking twice is harmless: the second time changes nothing and posts nothing. Links, unlinks and
 * creates of one conversation take turns (a double click on Link: one note, one Slack message).
 */
export function linkTicket(deps: FlowDeps, input: LinkInput): Promise<TicketOutcome> {
  return deps.locks.run(conversationLock(input.conversationId), () => link(deps, input));
}

async function link(deps: FlowDeps, input: LinkInput): Promise<TicketOutcome> {
  // The channel depends only on the ticket's id, title and channel, which the index knows: look it
  // up while the conversation is being added, instead of after.
  const known = deps.index.get(input.pageId);
  // The activity log finds this link by its ticket id (known before anything is written, in case it fails).
  describeOperation({ ticket_id: known?.ticketId, page_id: input.pageId });
  const channel = known ? step('Opening the Slack channel', () => ensureChannel(deps, known)) : null;
  channel?.catch(() => undefined);
  // The customer's words join the ticket's Customer Reports in the same Notion write; Intercom is
  // read while Notion is (the excerpt never rejects: none if unreadable).
  const excerpt = readCustomerExcerpt(deps, input.conversationId);
  const [{ ticket, changed }, people] = await Promise.all([
    step('Adding the conversation to the ticket', () => deps.conversations.add(input.pageId, input.conversationId, excerpt)),
    matchParticipants(deps, input.participantIds),
  ]);
  describeOperation({ ticket_id: ticket.ticketId });
  const label = ticket.ticketId ?? 'the ticket';
  const ensured = await (channel ?? step('Opening the Slack channel', () => ensureChannel(deps, ticket))).catch((err: unknown) => {
    throw partlyMade(err, `The conversation was linked to ${label} in Notion; its Slack channel could not be opened.`);
  });
  const setup = await finishTicketSetup(deps, {
    ticket,
    ensured,
    matches: people.matches,
    conversationId: input.conversationId,
    reason: 'linked',
    firstTime: changed,
  }).catch((err: unknown) => {
    throw partlyMade(err, `The conversation was linked to ${label} in Notion; the rest of the set-up did not finish.`);
  });
  const outcome = ticketOutcome('linked', setup, people);
  if (!setup.ticket.done) return outcome;
  // Linked to a Done ticket: this customer is told now, as the others were.
  const told = await step('Telling the customer it is resolved', () => tellLateConversation(deps, input.pageId, input.conversationId)).catch(
    (err: unknown) => {
      throw partlyMade(err, `The conversation was linked to ${label}, which is Done.`);
    },
  );
  return told === 'not_done' ? outcome : { ...outcome, resolution: told };
}
