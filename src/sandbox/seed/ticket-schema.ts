import { stableUuid } from '../fakes/ids.js';
import { statusConfig, type PropertySchema } from '../fakes/notion/notion-schema.js';

/**
 * The seeded tickets data source, with the property names the app expects by default
 * (src/config/env-schema.ts). Ids are fixed and URL-encoded like Notion's, so webhook payloads
 * and schema lookups can be checked against known values.
 */
export const TICKET_PROPERTY_IDS = {
  title: 'title',
  id: '%3DvKq',
  description: 'Dsc%40',
  status: '%5DqJb',
  conversations: 'iC%3Bv',
  slackChannel: 'sL%7Bk',
  resolutionNotified: 'rN%3Fd',
  customerReports: 'cR%3Ew',
} as const;

export const STATUS_OPTIONS = [
  { name: 'Not started', color: 'default', group: 'To-do' },
  { name: 'Triage', color: 'orange', group: 'To-do' },
  { name: 'In progress', color: 'blue', group: 'In progress' },
  { name: 'Waiting on customer', color: 'yellow', group: 'In progress' },
  { name: 'Done', color: 'green', group: 'Complete' },
  { name: "Won't fix", color: 'gray', group: 'Complete' },
] as const;

export type StatusName = (typeof STATUS_OPTIONS)[number]['name'];

function property(id: string, name: string, type: PropertySchema['type']): PropertySchema {
  return { id, name, type, description: null, options: [], groups: [], prefix: null };
}

export function ticketSchema(ticketPrefix: string): PropertySchema[] {
  const status = property(TICKET_PROPERTY_IDS.status, 'Status', 'status');
  let group = 0;
  Object.assign(
    status,
    statusConfig(
      STATUS_OPTIONS.map((o) => ({ ...o })),
      (name) => stableUuid(`status-option:${name}`),
      () => stableUuid(`status-group:${group++}`),
    ),
  );
  const id = property(TICKET_PROPERTY_IDS.id, 'ID', 'unique_id');
  id.prefix = ticketPrefix;
  return [
    property(TICKET_PROPERTY_IDS.title, 'Title', 'title'),
    id,
    property(TICKET_PROPERTY_IDS.description, 'Description', 'rich_text'),
    status,
    property(TICKET_PROPERTY_IDS.conversations, 'Intercom Conversations', 'rich_text'),
    property(TICKET_PROPERTY_IDS.slackChannel, 'Slack Channel', 'url'),
    property(TICKET_PROPERTY_IDS.resolutionNotified, 'Resolution Notified', 'date'),
    property(TICKET_PROPERTY_IDS.customerReports, 'Customer Reports', 'rich_text'),
  ];
}
