import type { PersonMatch } from '../domain/people.js';
import type { Ticket } from '../domain/ticket.js';
import type { InviteOutcome } from '../ports.js';
import type { SetupResult } from './ticket-setup.js';

/** What a create or link did, for the panel, the API and the activity log. */
export interface TicketOutcome {
  action: 'created' | 'linked';
  ticket: Ticket;
  channel: { id: string; name: string; url: string };
  matches: PersonMatch[];
  invite: InviteOutcome;
  warnings: string[];
  /** Linked to a Done ticket: the customer was told now, or will be with the rest (quiet period). */
  resolution?: 'told' | 'with_the_rest';
}

export function ticketOutcome(
  action: TicketOutcome['action'],
  setup: SetupResult,
  people: { matches: PersonMatch[]; warning: string | null },
): TicketOutcome {
  return {
    action,
    ...setup,
    matches: people.matches,
    warnings: [...(people.warning ? [people.warning] : []), ...setup.warnings],
  };
}
