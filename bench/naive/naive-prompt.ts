import type { Ticket } from '../../src/domain/ticket.js';
import type { TriagePrompt } from '../../src/domain/triage/types.js';

/**
 * The seed's prompts: every ticket title in the database, then the conversation. The prompt
 * grows with the database (about 80 characters a ticket), which is what the benchmark shows.
 */

const DUPLICATE_SYSTEM =
  'You are a support assistant. Decide whether the customer conversation is about one of the existing tickets. ' +
  'Answer with the id of that ticket in duplicate_of, or null if it is a new issue.';

const DRAFT_SYSTEM = 'You are a support assistant. Write a short ticket title and a summary for engineers from the customer conversation.';

export function duplicatePrompt(tickets: readonly Ticket[], conversation: string): TriagePrompt {
  const lines = tickets.map((t) => `${t.ticketId ?? t.pageId}: ${t.title}`);
  return {
    system: DUPLICATE_SYSTEM,
    user: `existing tickets:\n${lines.join('\n')}\n\nconversation:\n${conversation}`,
    responseJsonSchema: {
      type: 'object',
      properties: { duplicate_of: { type: ['string', 'null'] } },
      required: ['duplicate_of'],
    },
    candidateIds: [],
  };
}

/** The second model call, for a new ticket: its title and summary. */
export function draftPrompt(conversation: string): TriagePrompt {
  return {
    system: DRAFT_SYSTEM,
    user: `conversation:\n${conversation}`,
    responseJsonSchema: {
      type: 'object',
      properties: { title: { type: 'string' }, summary: { type: 'string' } },
      required: ['title', 'summary'],
    },
    candidateIds: [],
  };
}
