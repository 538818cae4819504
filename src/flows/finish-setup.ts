import { step } from '../observability/activity.js';
import { createTicket, pageCreatedFrom } from './create-ticket.js';
import type { FlowDeps } from './deps.js';
import { linkTicket } from './link-ticket.js';
import type { TicketOutcome } from './outcome.js';

/**
 * "Finish setting up" on the panel: makes whatever an earlier create or link left out (the
 * channel, the intro, the note…) and nothing twice. The conversation that opened the ticket
 * resumes its create (intro and all); any other resumes its link.
 */
export async function finishSetup(
  deps: FlowDeps,
  input: { conversationId: string; pageId: string; participantIds: string[] },
): Promise<TicketOutcome> {
  const ticket = deps.index.get(input.pageId) ?? (await step('Reading the ticket', () => deps.tickets.get(input.pageId)));
  if ((await pageCreatedFrom(deps, input.conversationId)) === ticket.pageId) {
    return createTicket(deps, { conversationId: input.conversationId, title: ticket.title, description: ticket.description, participantIds: input.participantIds });
  }
  return linkTicket(deps, input);
}

/**
 * What the panel lists as missing for each linked ticket, by page id: no channel (from Notion),
 * and the steps that failed in the last attempt (from the store, wherever that attempt ran).
 */
export async function missingSetup(
  deps: FlowDeps,
  conversationId: string,
  tickets: Array<{ pageId: string; slackChannelUrl: string | null }>,
): Promise<Map<string, string[]>> {
  const failed = await deps.setupGaps.get(conversationId, tickets.map((t) => t.pageId));
  return new Map(
    tickets.map((ticket) => {
      const missing = new Set((failed.get(ticket.pageId) ?? []).map((name) => SETUP_PARTS[name] ?? name));
      if (!ticket.slackChannelUrl) missing.add('the Slack channel');
      return [ticket.pageId, [...missing]];
    }),
  );
}

/** Failed set-up steps, as the parts they would have made. */
const SETUP_PARTS: Record<string, string> = {
  'Inviting teammates to the Slack channel': 'the teammates in the channel',
  'Setting the Slack channel topic': 'the channel topic',
  'Recording the Slack channel in Notion': 'the Slack channel in Notion',
  'Posting the ticket in the Slack channel': 'the ticket’s first message in Slack',
  'Posting the linked conversation in Slack': 'the Slack message about this conversation',
  'Adding a note to the Intercom conversation': 'the note in this conversation',
};
