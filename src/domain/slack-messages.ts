/**
 * The app's Slack messages, as Block Kit blocks plus the `text` Slack shows in notifications
 * and wherever blocks cannot be drawn. Everything from a ticket or a conversation is escaped
 * (`&`, `<`, `>`), so a title such as "<!channel> is down" is shown, not acted on.
 */

/** Slack's limit on the text of a section block. */
export const SECTION_TEXT_MAX = 3000;
/** How much of a summary the notification text carries; the blocks show the rest. */
const FALLBACK_SUMMARY_MAX = 300;

export type SlackBlock =
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: Array<{ type: 'mrkdwn'; text: string }> };

export interface SlackMessageContent {
  text: string;
  blocks: SlackBlock[];
}

/** The first message in a new ticket channel: what the ticket is and where it came from. */
export function channelIntroMessage(input: {
  ticketId: string;
  title: string;
  summary: string;
  notionUrl: string;
  conversationUrl: string;
}): SlackMessageContent {
  const summary = input.summary.trim();
  const conversation = link(input.conversationUrl, 'an Intercom conversation');
  const sources = `Opened from ${conversation} · ${link(input.notionUrl, 'Notion ticket')}`;
  const blocks: SlackBlock[] = [section(boldLink('', input.notionUrl, `${input.ticketId}: `, input.title))];
  if (summary) blocks.push(section(escapeWithin(summary, SECTION_TEXT_MAX)));
  blocks.push(context(sources));
  const text = [
    `New ticket ${escapeSlack(input.ticketId)}: ${escapeSlack(input.title)}`,
    summary ? escapeWithin(summary, FALLBACK_SUMMARY_MAX) : null,
    `Notion: ${safeUrl(input.notionUrl)}`,
    `Conversation: ${safeUrl(input.conversationUrl)}`,
  ]
    .filter((line) => line !== null)
    .join('\n');
  return { text, blocks };
}

/** Posted in the channel when one more Intercom conversation is linked to the ticket. */
export function conversationLinkedMessage(input: {
  ticketId: string;
  conversationUrl: string;
  /** How many conversations the ticket has, this one included. */
  conversationCount: number;
}): SlackMessageContent {
  const ticketId = escapeSlack(input.ticketId);
  const conversation = link(input.conversationUrl, 'Intercom conversation');
  // The first conversation of a ticket made in Notion is not "another".
  if (input.conversationCount <= 1) {
    return {
      text: `An Intercom conversation was linked to ${ticketId}, its first: ${safeUrl(input.conversationUrl)}`,
      blocks: [section(`:link: An ${conversation} was linked to ${ticketId}, its first.`)],
    };
  }
  const total = `${input.conversationCount} conversations linked so far`;
  return {
    text: `Another Intercom conversation was linked to ${ticketId} (${total}): ${safeUrl(input.conversationUrl)}`,
    blocks: [section(`:link: Another ${conversation} was linked to ${ticketId} (${total}).`)],
  };
}

/** Posted in the channel once, when the ticket is marked Done in Notion. */
export function ticketDoneMessage(input: {
  ticketId: string;
  title: string;
  notionUrl: string;
  /** Linked conversations that were told about the resolution. */
  notified: number;
  /** Linked conversations in all (some may be gone: deleted in Intercom). */
  total: number;
}): SlackMessageContent {
  const { notified, total } = input;
  const customers =
    total === 0
      ? 'No Intercom conversations are linked to this ticket.'
      : notified === total
        ? `${total === 1 ? 'The linked Intercom conversation was' : `All ${total} linked Intercom conversations were`} told it is resolved.`
        : `${notified} of ${total} linked Intercom conversations were told it is resolved; the others could not be reached.`;
  return {
    text: `${escapeSlack(input.ticketId)} is Done: ${escapeSlack(input.title)} ${safeUrl(input.notionUrl)}`,
    blocks: [
      section(boldLink(':white_check_mark: ', input.notionUrl, `${input.ticketId} is Done: `, input.title)),
      context(customers),
    ],
  };
}

/** Slack's three control characters as entities; nothing else is encoded. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(text: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

function link(url: string, label: string): string {
  return `<${safeUrl(url)}|${escapeSlack(label)}>`;
}

/** `lead*<url|prefix title>*`, the title shortened so that the whole stays within one section. */
function boldLink(lead: string, url: string, prefix: string, title: string): string {
  const start = `${lead}*<${safeUrl(url)}|${escapeSlack(prefix)}`;
  const end = '>*';
  return `${start}${escapeWithin(title, SECTION_TEXT_MAX - start.length - end.length)}${end}`;
}

/** A URL as it may appear inside `<…|…>`: escaped, and without the `|` that would end it. */
function safeUrl(url: string): string {
  return escapeSlack(url.replace(/\|/g, '%7C'));
}

/** `text` escaped, in at most `max` characters of output, cut with "…" when it does not fit. */
function escapeWithin(text: string, max: number): string {
  const escaped = escapeSlack(text);
  if (escaped.length <= max) return escaped;
  let out = '';
  for (const char of text) {
    const next = escapeSlack(char);
    if (out.length + next.length > max - 1) break;
    out += next;
  }
  return `${out.trimEnd()}…`;
}
