import { escapeSlack } from '../slack-messages.js';
import { cutMrkdwn } from './html-to-mrkdwn.js';
import { escapeHtml } from './mrkdwn-to-html.js';

/**
 * What the thread sync writes: the Intercom parts it mirrors into a conversation's Slack thread,
 * the notices it posts there, and the notes and replies it writes into Intercom. Names and
 * customer text are escaped for the side they go to.
 */

/** Room for a mirrored part in Slack; longer ones end with a link to the conversation. */
export const MIRRORED_TEXT_MAX = 3000;

export type MirroredKind = 'customer' | 'reply' | 'note' | 'closed';

const HEADERS: Record<MirroredKind, (name: string) => string> = {
  customer: (name) => `:speech_balloon: *${name}* (customer) wrote:`,
  reply: (name) => `:outbox_tray: *${name}* replied to the customer:`,
  note: (name) => `:memo: *${name}* added an internal note (the customer does not see it):`,
  closed: (name) => `:white_check_mark: *${name}* closed the conversation.`,
};

export interface MirroredPart {
  kind: MirroredKind;
  authorName: string;
  /** The part's text, already mrkdwn (htmlToMrkdwn). */
  body: string;
  attachments: ReadonlyArray<{ name: string; url: string }>;
  conversationUrl: string;
}

/** One Intercom part as a reply in the conversation's Slack thread. */
export function mirroredPartText(part: MirroredPart): string {
  const header = HEADERS[part.kind](escapeSlack(part.authorName.trim() || 'Someone'));
  const files = part.attachments.map((a) => `:paperclip: ${slackLink(a.url, a.name || 'attachment')}`);
  const body = [part.body.trim(), ...files].filter(Boolean).join('\n');
  const text = body ? `${header}\n${body}` : header;
  return cutMrkdwn(text, MIRRORED_TEXT_MAX, { url: part.conversationUrl, label: 'Read the whole message in Intercom' });
}

/** Posted in the thread when its conversation is unlinked: from then on nothing syncs. */
export function threadUnlinkedText(ticketId: string): string {
  return `:scissors: Unlinked from ${escapeSlack(ticketId)}: this thread no longer syncs with the Intercom conversation.`;
}

/** Posted once per thread, the first time someone edits or deletes a message in it. */
export const EDITS_NOT_SYNCED_TEXT =
  ':information_source: Edits and deletions in Slack are not synced: Intercom keeps each message as it was first sent.';

/** Posted in the thread after a message was sent to the customer with the shortcut. */
export function sentToCustomerText(senderName: string, authorName: string): string {
  const by = senderName === authorName ? escapeSlack(senderName) : `${escapeSlack(senderName)} (written by ${escapeSlack(authorName)})`;
  return `:outbox_tray: Sent to the customer by ${by}.`;
}

/** A thread root for a conversation linked before the sync existed (no announcement to reply to). */
export function threadRootText(ticketId: string, conversationUrl: string): string {
  return `:link: Thread of an ${slackLink(conversationUrl, 'Intercom conversation')} linked to ${escapeSlack(ticketId)}: its messages appear here, and replies here become internal notes in it.`;
}

// ---------------------------------------------------------------------------------------------
// Into Intercom
// ---------------------------------------------------------------------------------------------

/** A Slack reply as an internal note, attributed: "<b>Priya Raman</b> in Slack: …". */
export function slackNoteHtml(authorName: string, html: string): string {
  const lead = `<b>${escapeHtml(authorName.trim() || 'Someone')}</b> in Slack: `;
  return html.startsWith('<p>') ? `<p>${lead}${html.slice(3)}` : `<p>${lead}</p>${html}`;
}

/** A Slack message sent to the customer: their words, signed with the Slack author's name. */
export function customerReplyHtml(authorName: string, html: string): string {
  return `${html}<p>— ${escapeHtml(authorName.trim() || 'The team')}</p>`;
}

function slackLink(url: string, label: string): string {
  return /^(https?:|mailto:)/i.test(url) ? `<${escapeSlack(url.replace(/\|/g, '%7C'))}|${escapeSlack(label)}>` : escapeSlack(label);
}
