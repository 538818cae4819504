import type { QueryDataSourceParameters } from '@notionhq/client';
import type { NotionPropertyNames } from '../../config/load-config.js';
import type { TicketPropertyTypes } from './ticket-schema.js';

/** The data-source query filters the ticket store sends (Notion API 2025-09-03 filter JSON). */

export type QueryFilter = NonNullable<QueryDataSourceParameters['filter']>;
export type QuerySorts = NonNullable<QueryDataSourceParameters['sorts']>;

type LastEditedFilter = Extract<QueryFilter, { timestamp: 'last_edited_time' }>;

export const OLDEST_EDIT_FIRST: QuerySorts = [{ timestamp: 'last_edited_time', direction: 'ascending' }];

export function editedSince(since: string): LastEditedFilter {
  return { timestamp: 'last_edited_time', last_edited_time: { on_or_after: since } };
}

export function doneUnannounced(
  since: string,
  names: NotionPropertyNames,
  types: TicketPropertyTypes,
  statusDone: string,
): QueryFilter {
  const isDone =
    types.status === 'select'
      ? { property: names.status, select: { equals: statusDone } }
      : { property: names.status, status: { equals: statusDone } };
  const notAnnounced =
    types.resolutionNotified === 'checkbox'
      ? { property: names.resolutionNotified, checkbox: { equals: false } }
      : { property: names.resolutionNotified, date: { is_empty: true as const } };
  return { and: [isDone, notAnnounced, editedSince(since)] };
}

export function ticketNumber(names: NotionPropertyNames, number: number): QueryFilter {
  return { property: names.id, unique_id: { equals: number } };
}

/**
 * Pages whose conversations text mentions the id. `contains` is a substring match (12 matches
 * 123), so callers confirm with the parsed ids. The bare id rather than "/conversation/<id>"
 * also finds the bare ids and older URL shapes the seed data used.
 */
export function mentionsConversation(names: NotionPropertyNames, conversationId: string): QueryFilter {
  return { property: names.conversations, rich_text: { contains: conversationId } };
}
