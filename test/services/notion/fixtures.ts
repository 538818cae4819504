import type { NotionPropertyNames } from '../../../src/config/load-config.js';

/** Notion wire payloads (API 2025-09-03) shaped like the real responses, for msw handlers. */

type Json = Record<string, unknown>;

export const API = 'https://api.notion.com/v1';
export const DATABASE_ID = '1a2b3c4d-0000-4000-8000-00000000d8b1';
export const DATA_SOURCE_ID = '5e6f7a8b-0000-4000-8000-0000000d5a11';
export const APP_ID = 'abc123de';

export const NAMES: NotionPropertyNames = {
  id: 'ID',
  title: 'Title',
  description: 'Description',
  conversations: 'Intercom Conversations',
  slackChannel: 'Slack Channel',
  status: 'Status',
  resolutionNotified: 'Resolution Notified',
  customerReports: 'Customer Reports',
};

const USER = { object: 'user', id: '9f1e0000-0000-4000-8000-000000000b07' };

export function richText(text: string): unknown[] {
  if (text === '') return [];
  return [
    {
      type: 'text',
      text: { content: text, link: null },
      annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' },
      plain_text: text,
      href: null,
    },
  ];
}

/** Request rich text -> response rich text, the way Notion stores it. */
function storedRichText(items: Array<{ text: { content: string; link?: { url: string } | null } }>): unknown[] {
  return items.map((item) => ({
    type: 'text',
    text: { content: item.text.content, link: item.text.link ?? null },
    annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' },
    plain_text: item.text.content,
    href: item.text.link?.url ?? null,
  }));
}

const statusOptions = [
  { id: 'f8a1', name: 'Not started', color: 'default', description: null },
  { id: 'f8a2', name: 'In progress', color: 'blue', description: null },
  { id: 'f8a3', name: 'Done', color: 'green', description: null },
];

export function dataSourceProperties(): Record<string, unknown> {
  return {
    ID: { id: 'ESvw', name: 'ID', description: null, type: 'unique_id', unique_id: { prefix: 'JMP' } },
    Title: { id: 'title', name: 'Title', description: null, type: 'title', title: {} },
    Description: { id: 'Ab%3C', name: 'Description', description: null, type: 'rich_text', rich_text: {} },
    'Intercom Conversations': { id: 'Ic%7B', name: 'Intercom Conversations', description: null, type: 'rich_text', rich_text: {} },
    'Slack Channel': { id: 'Sl%40', name: 'Slack Channel', description: null, type: 'url', url: {} },
    Status: {
      id: '%5EOE%40',
      name: 'Status',
      description: null,
      type: 'status',
      status: {
        options: statusOptions,
        groups: [
          { id: 'g1', name: 'To-do', color: 'gray', option_ids: ['f8a1'] },
          { id: 'g2', name: 'In progress', color: 'blue', option_ids: ['f8a2'] },
          { id: 'g3', name: 'Complete', color: 'green', option_ids: ['f8a3'] },
        ],
      },
    },
    'Resolution Notified': { id: 'Rn%3D', name: 'Resolution Notified', description: null, type: 'date', date: {} },
    'Customer Reports': { id: 'Cr%3F', name: 'Customer Reports', description: null, type: 'rich_text', rich_text: {} },
  };
}

export function databaseResponse(): Json {
  return {
    object: 'database',
    id: DATABASE_ID,
    title: richText('Tickets'),
    description: [],
    parent: { type: 'page_id', page_id: '00000000-0000-4000-8000-0000000000aa' },
    is_inline: false,
    in_trash: false,
    archived: false,
    is_locked: false,
    created_time: '2026-01-05T10:00:00.000Z',
    last_edited_time: '2026-03-01T10:00:00.000Z',
    data_sources: [{ id: DATA_SOURCE_ID, name: 'Tickets' }],
    icon: null,
    cover: null,
    url: `https://www.notion.so/${DATABASE_ID.replaceAll('-', '')}`,
    public_url: null,
  };
}

export function dataSourceResponse(properties: Json = dataSourceProperties()): Json {
  return {
    object: 'data_source',
    id: DATA_SOURCE_ID,
    title: richText('Tickets'),
    description: [],
    parent: { type: 'database_id', database_id: DATABASE_ID },
    database_parent: { type: 'page_id', page_id: '00000000-0000-4000-8000-0000000000aa' },
    is_inline: false,
    in_trash: false,
    archived: false,
    created_time: '2026-01-05T10:00:00.000Z',
    last_edited_time: '2026-03-01T10:00:00.000Z',
    created_by: USER,
    last_edited_by: USER,
    properties,
    icon: null,
    cover: null,
    url: `https://www.notion.so/${DATA_SOURCE_ID.replaceAll('-', '')}`,
    public_url: null,
  };
}

export interface PageSpec {
  id?: string;
  number?: number;
  title?: string;
  description?: string;
  conversations?: string;
  slackChannel?: string | null;
  status?: string;
  resolutionNotifiedAt?: string | null;
  customerReports?: string;
  inTrash?: boolean;
  dataSourceId?: string;
  createdTime?: string;
  lastEditedTime?: string;
}

export function pageId(n: number): string {
  return `0000${String(n).padStart(4, '0')}-0000-4000-8000-000000000000`;
}

export function pageResponse(spec: PageSpec = {}): Record<string, unknown> {
  const number = spec.number ?? 1;
  const id = spec.id ?? pageId(number);
  return {
    object: 'page',
    id,
    created_time: spec.createdTime ?? '2026-03-02T09:00:00.000Z',
    last_edited_time: spec.lastEditedTime ?? '2026-03-02T09:30:00.000Z',
    created_by: USER,
    last_edited_by: USER,
    cover: null,
    icon: null,
    parent: { type: 'data_source_id', data_source_id: spec.dataSourceId ?? DATA_SOURCE_ID, database_id: DATABASE_ID },
    in_trash: spec.inTrash ?? false,
    archived: spec.inTrash ?? false,
    is_archived: spec.inTrash ?? false,
    is_locked: false,
    properties: {
      ID: { id: 'ESvw', type: 'unique_id', unique_id: { prefix: 'JMP', number } },
      Title: { id: 'title', type: 'title', title: richText(spec.title ?? `Ticket ${number}`) },
      Description: { id: 'Ab%3C', type: 'rich_text', rich_text: richText(spec.description ?? '') },
      'Intercom Conversations': { id: 'Ic%7B', type: 'rich_text', rich_text: richText(spec.conversations ?? '') },
      'Slack Channel': { id: 'Sl%40', type: 'url', url: spec.slackChannel ?? null },
      Status: {
        id: '%5EOE%40',
        type: 'status',
        status: statusOptions.find((o) => o.name === (spec.status ?? 'Not started')) ?? null,
      },
      'Resolution Notified': {
        id: 'Rn%3D',
        type: 'date',
        date: spec.resolutionNotifiedAt ? { start: spec.resolutionNotifiedAt, end: null, time_zone: null } : null,
      },
      'Customer Reports': { id: 'Cr%3F', type: 'rich_text', rich_text: richText(spec.customerReports ?? '') },
    },
    url: `https://www.notion.so/Ticket-${number}-${id.replaceAll('-', '')}`,
    public_url: null,
  };
}

type WrittenProperties = Record<string, Record<string, unknown>>;

/** Applies written property values to a stored page, the way Notion would, and returns it. */
export function applyWrites(page: Record<string, unknown>, written: WrittenProperties): Record<string, unknown> {
  const properties = { ...(page.properties as Record<string, Record<string, unknown>>) };
  for (const [name, value] of Object.entries(written)) {
    const current = properties[name] ?? { id: name };
    if ('title' in value) properties[name] = { ...current, type: 'title', title: storedRichText(value.title as never) };
    else if ('rich_text' in value) properties[name] = { ...current, type: 'rich_text', rich_text: storedRichText(value.rich_text as never) };
    else if ('url' in value) properties[name] = { ...current, type: 'url', url: value.url };
    else if ('date' in value) {
      const date = value.date as { start: string } | null;
      properties[name] = { ...current, type: 'date', date: date ? { start: date.start, end: null, time_zone: null } : null };
    } else if ('status' in value) {
      const name_ = (value.status as { name: string }).name;
      properties[name] = { ...current, type: 'status', status: statusOptions.find((o) => o.name === name_) ?? null };
    }
  }
  return { ...page, properties, last_edited_time: '2026-03-03T12:00:00.000Z' };
}

export function queryResponse(pages: unknown[], nextCursor: string | null = null, incomplete = false): Json {
  return {
    object: 'list',
    results: pages,
    next_cursor: nextCursor,
    has_more: nextCursor !== null,
    type: 'page_or_data_source',
    page_or_data_source: {},
    ...(incomplete ? { request_status: { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' } } : {}),
  };
}

export function notionError(status: number, code: string, message: string): Json {
  return { object: 'error', status, code, message, request_id: 'req-0f6d' };
}
