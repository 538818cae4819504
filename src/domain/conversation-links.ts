/**
 * How a ticket records its Intercom conversations and its Slack channel in Notion.
 *
 * Conversations are stored as inbox URLs, one per line, in a rich-text property: readable by a
 * person in Notion and clickable. The seed wrote them comma-separated, so parsing accepts commas,
 * whitespace, bare ids and the older URL shapes too. Notion caps a rich-text item at 2,000
 * characters and a property at 100 items, which at ~80 characters a URL holds about 2,400
 * conversations: comfortably over the 1,000 a ticket must hold.
 */

import { intercomAppOrigin } from './intercom-region.js';

export const NOTION_TEXT_ITEM_MAX = 2000;
export const NOTION_RICH_TEXT_ITEMS_MAX = 100;

/** The conversation in the inbox; `appOrigin` follows the workspace's region (see intercom-region.ts). */
export function conversationUrl(appId: string, conversationId: string, appOrigin = intercomAppOrigin('us')): string {
  return `${appOrigin}/a/inbox/${appId}/inbox/conversation/${conversationId}`;
}

/** Conversation ids found in the property's text, in order, without duplicates. */
export function parseConversationIds(text: string): string[] {
  const ids: string[] = [];
  for (const token of text.split(/[\s,;]+/)) {
    if (!token) continue;
    const id = conversationIdOf(token);
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

function conversationIdOf(token: string): string | null {
  if (/^\d+$/.test(token)) return token;
  // …/conversation/123, …/conversations/123, with or without a trailing path or query.
  const match = /\/conversations?\/(\d+)(?:[/?#]|$)/.exec(token);
  return match ? match[1]! : null;
}

/**
 * The property's text split into rich-text items: whole lines, each item at most 2,000
 * characters. Throws when the list would not fit in one property (more than ~2,400 URLs).
 */
export function conversationTextChunks(appId: string, conversationIds: string[], appOrigin = intercomAppOrigin('us')): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const id of conversationIds) {
    const line = conversationUrl(appId, id, appOrigin);
    if (current && current.length + 1 + line.length > NOTION_TEXT_ITEM_MAX) {
      chunks.push(current);
      // The line break that separates the two URLs starts the next item, so no item overflows.
      current = `\n${line}`;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) chunks.push(current);
  if (chunks.length > NOTION_RICH_TEXT_ITEMS_MAX) {
    throw new RangeError(`${conversationIds.length} conversations do not fit in one Notion rich-text property`);
  }
  return chunks;
}

/** A Slack channel id from the URLs the app writes (…/archives/C123, app.slack.com/client/T…/C123). */
export function parseSlackChannelId(value: string): string | null {
  const match = /(?:\/archives\/|\/client\/[A-Z0-9]+\/)([CG][A-Z0-9]{6,})\b/.exec(value);
  if (match) return match[1]!;
  return /^[CG][A-Z0-9]{6,}$/.test(value.trim()) ? value.trim() : null;
}

export function slackChannelUrl(teamUrl: string, channelId: string): string {
  return `${teamUrl.replace(/\/+$/, '')}/archives/${channelId}`;
}
