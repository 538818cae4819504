/** How a ticket is named in labels and lines: its ID when Notion has numbered it, else its title. */
import { TEXT_MAX, truncate } from './text.js';

export function ticketLabel(ticket: { ticketId: string | null; title: string }): string {
  const label = ticket.ticketId ?? ticket.title;
  return truncate(label, 30, { singleLine: true }) || 'this ticket';
}

/** "JMP-123 · Checkout fails on Safari (In progress)", one line, for options and list items. */
export function ticketLine(ticket: { ticketId: string | null; title: string; status?: string }): string {
  const title = ticket.title.trim() || 'Untitled';
  const status = ticket.status?.trim() ? ` (${truncate(ticket.status, TEXT_MAX.status, { singleLine: true })})` : '';
  const line = ticket.ticketId ? `${ticket.ticketId} · ${title}` : title;
  return `${truncate(line, TEXT_MAX.option - Array.from(status).length, { singleLine: true })}${status}`;
}
