/**
 * The internal note the app leaves in an Intercom conversation once it is linked to a ticket, so
 * the next teammate sees the link without opening the app.
 */
export interface NoteValues {
  ticketId: string;
  title: string;
  notionUrl: string;
  channel: { name: string; url: string } | null;
}

export function ticketLinkedNote(v: NoteValues): string {
  const ticket = `<a href="${escapeAttr(v.notionUrl)}">${escapeHtml(v.ticketId)}</a>`;
  const channel = v.channel ? ` · Slack: <a href="${escapeAttr(v.channel.url)}">#${escapeHtml(v.channel.name)}</a>` : '';
  return `<p>Linked to Notion ticket ${ticket}: ${escapeHtml(v.title)}${channel}</p>`;
}

/** The short note left when a conversation is unlinked: the linked note above it no longer holds. */
export function ticketUnlinkedNote(ticketId: string): string {
  return `<p>Unlinked from ${escapeHtml(ticketId)}</p>`;
}

/**
 * Which of our notes about this ticket a note is (as plain text, the way the app reads
 * conversations): the linked note, the unlinked note, or neither.
 */
export function ticketNoteKind(plainText: string, ticketId: string): 'linked' | 'unlinked' | null {
  const escaped = ticketId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // JMP-1 must not match a note about JMP-12.
  if (new RegExp(`Linked to Notion ticket ${escaped}(?![0-9])`).test(plainText)) return 'linked';
  if (new RegExp(`^\\s*Unlinked from ${escaped}(?![0-9])`).test(plainText)) return 'unlinked';
  return null;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}
