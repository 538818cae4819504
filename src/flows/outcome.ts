import type { PersonMatch } from '../domain/people.js';
import type { Ticket } from '../domain/ticket.js';
import type { InviteOutcome, SlackChannel } from '../ports.js';

/** What a create or link did, for the panel, the API and the activity log. */
export interface TicketOutcome {
  action: 'created' | 'linked';
  ticket: Ticket;
  channel: { id: string; name: string; url: string };
  matches: PersonMatch[];
  invite: InviteOutcome;
  warnings: string[];
}

export function channelView(channel: SlackChannel, url: string): TicketOutcome['channel'] {
  return { id: channel.id, name: channel.name, url };
}
