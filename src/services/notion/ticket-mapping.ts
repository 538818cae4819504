import type { CreatePageParameters, PageObjectResponse } from '@notionhq/client';
import type { NotionPropertyNames } from '../../config/load-config.js';
import {
  conversationTextChunks,
  NOTION_RICH_TEXT_ITEMS_MAX,
  NOTION_TEXT_ITEM_MAX,
  parseConversationIds,
  parseSlackChannelId,
} from '../../domain/conversation-links.js';
import type { NewTicket, Ticket } from '../../domain/ticket.js';
import { formatTicketId } from '../../domain/ticket-id.js';
import type { TicketPatch } from '../../ports.js';
import type { TicketPropertyTypes } from './ticket-schema.js';

/** Notion pages <-> Tickets. Pure: no HTTP, so every rule here is unit-tested directly. */

export type PropertyWrites = NonNullable<CreatePageParameters['properties']>;
type PropertyWrite = PropertyWrites[string];
type PropertyValue = PageObjectResponse['properties'][string];
type TextItem = { type: 'text'; text: { content: string; link?: { url: string } | null } };

export interface ReadContext {
  names: NotionPropertyNames;
  statusDone: string;
}

export interface WriteContext {
  names: NotionPropertyNames;
  types: TicketPropertyTypes;
  statusNew: string | null;
  /** Intercom workspace id, for the conversation URLs written to Notion. */
  intercomAppId: string;
  /** The inbox origin of the workspace's region (https://app.eu.intercom.com …); US when absent. */
  intercomAppOrigin?: string;
}

export function ticketFromPage(page: PageObjectResponse, ctx: ReadContext): Ticket {
  const prop = (name: string): PropertyValue | undefined => page.properties[name];
  const id = prop(ctx.names.id);
  const status = statusName(prop(ctx.names.status));
  const slackChannelUrl = plainText(prop(ctx.names.slackChannel)).trim() || null;
  return {
    pageId: page.id,
    ticketId: id?.type === 'unique_id' ? formatTicketId(id.unique_id.prefix, id.unique_id.number) : null,
    title: plainText(prop(ctx.names.title)),
    description: plainText(prop(ctx.names.description)),
    status,
    done: status === ctx.statusDone,
    conversationIds: parseConversationIds(plainText(prop(ctx.names.conversations))),
    customerReports: plainText(prop(ctx.names.customerReports)),
    slackChannelId: slackChannelUrl ? parseSlackChannelId(slackChannelUrl) : null,
    slackChannelUrl,
    url: page.url,
    resolutionNotifiedAt: resolutionTime(prop(ctx.names.resolutionNotified), page.last_edited_time),
    createdTime: page.created_time,
    lastEditedTime: page.last_edited_time,
  };
}

/** Title, rich text and URL values as one string: rich text is the concatenation of all its items. */
function plainText(value: PropertyValue | undefined): string {
  switch (value?.type) {
    case 'title':
      return value.title.map((t) => t.plain_text).join('');
    case 'rich_text':
      return value.rich_text.map((t) => t.plain_text).join('');
    case 'url':
      return value.url ?? '';
    default:
      return '';
  }
}

function statusName(value: PropertyValue | undefined): string {
  if (value?.type === 'status') return value.status?.name ?? '';
  if (value?.type === 'select') return value.select?.name ?? '';
  return '';
}

function resolutionTime(value: PropertyValue | undefined, lastEditedTime: string): string | null {
  if (value?.type === 'date') return value.date?.start ?? null;
  // A checkbox has no time of its own; the page's last edit is the closest we know.
  if (value?.type === 'checkbox') return value.checkbox ? lastEditedTime : null;
  return null;
}

export function newTicketProperties(ticket: NewTicket, ctx: WriteContext): PropertyWrites {
  const properties: PropertyWrites = {
    [ctx.names.title]: { title: textItems(ticket.title) },
    [ctx.names.description]: { rich_text: textItems(ticket.description) },
    [ctx.names.conversations]: conversationsWrite(ticket.conversationIds, ctx),
  };
  if (ticket.customerReports && ctx.types.customerReports) {
    properties[ctx.names.customerReports] = { rich_text: textItems(ticket.customerReports) };
  }
  if (ctx.statusNew !== null) {
    properties[ctx.names.status] =
      ctx.types.status === 'select' ? { select: { name: ctx.statusNew } } : { status: { name: ctx.statusNew } };
  }
  return properties;
}

/** Only the properties present in the patch, each written whole (so repeating it is harmless). */
export function patchProperties(patch: TicketPatch, ctx: WriteContext): PropertyWrites {
  const properties: PropertyWrites = {};
  if (patch.conversationIds !== undefined) {
    properties[ctx.names.conversations] = conversationsWrite(patch.conversationIds, ctx);
  }
  if (patch.customerReports !== undefined && ctx.types.customerReports) {
    properties[ctx.names.customerReports] = { rich_text: textItems(patch.customerReports) };
  }
  if (patch.slackChannelUrl !== undefined) {
    properties[ctx.names.slackChannel] = slackChannelWrite(patch.slackChannelUrl, ctx.types);
  }
  if (patch.resolutionNotifiedAt !== undefined) {
    const at = patch.resolutionNotifiedAt;
    properties[ctx.names.resolutionNotified] =
      ctx.types.resolutionNotified === 'checkbox' ? { checkbox: at !== null } : { date: at === null ? null : { start: at } };
  }
  return properties;
}

function conversationsWrite(conversationIds: string[], ctx: WriteContext): PropertyWrite {
  return { rich_text: conversationTextChunks(ctx.intercomAppId, conversationIds, ctx.intercomAppOrigin).map(textItem) };
}

function slackChannelWrite(url: string | null, types: TicketPropertyTypes): PropertyWrite {
  if (types.slackChannel === 'url') return { url };
  return { rich_text: url === null ? [] : [{ type: 'text', text: { content: url, link: { url } } }] };
}

/**
 * Text as rich-text items of at most 2,000 characters, at most 100 of them (Notion's request
 * limits). Reading joins the items back, so the split points do not matter; text beyond the
 * 200,000 characters a property can hold is cut and marked with an ellipsis.
 */
export function textItems(text: string): TextItem[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > 0 && chunks.length < NOTION_RICH_TEXT_ITEMS_MAX) {
    let end = Math.min(NOTION_TEXT_ITEM_MAX, rest.length);
    // Never split a surrogate pair: half an emoji is invalid UTF-16 and Notion rejects it.
    if (end < rest.length && isHighSurrogate(rest.charCodeAt(end - 1))) end -= 1;
    chunks.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  if (rest.length > 0) {
    const last = chunks.pop()!;
    chunks.push(`${last.slice(0, isHighSurrogate(last.charCodeAt(last.length - 2)) ? -2 : -1)}…`);
  }
  return chunks.map(textItem);
}

function textItem(content: string): TextItem {
  return { type: 'text', text: { content } };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
