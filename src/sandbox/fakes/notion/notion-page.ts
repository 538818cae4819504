import type { DatabaseState, DataSourceState } from './notion-schema.js';
import { safeDecode, titleProperty } from './notion-schema.js';
import { plainValue, renderValue, textOf, type StoredValue } from './notion-values.js';

/** One row of a data source. */
export interface PageState {
  id: string;
  dataSourceId: string;
  /** unique_id number, given at creation. */
  number: number;
  createdMs: number;
  editedMs: number;
  createdBy: string;
  editedBy: string;
  inTrash: boolean;
  /** Values by property id. */
  values: Record<string, StoredValue>;
}

/** `https://www.notion.so/<Title-Slug>-<32 hex>`, the slug following the current title. */
export function pageUrl(title: string, id: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const hex = id.replace(/-/g, '');
  return `https://www.notion.so/${slug ? `${slug}-` : ''}${hex}`;
}

export function pageTitle(ds: DataSourceState, page: PageState): string {
  return textOf(page.values[titleProperty(ds).id]);
}

const MINUTE_MS = 60_000;

/** Notion rounds created_time and last_edited_time down to the minute; filters compare those. */
export function notionMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** A timestamp as Notion shows it: ISO 8601, rounded down to the minute. */
export function notionTime(ms: number): string {
  return new Date(notionMinute(ms)).toISOString();
}

/** The page object of GET /pages/:id and query results; `only` keeps just those property ids. */
export function renderPage(
  db: DatabaseState,
  ds: DataSourceState,
  page: PageState,
  only: Set<string> | null = null,
): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const prop of ds.properties) {
    if (only && !only.has(safeDecode(prop.id))) continue;
    properties[prop.name] = renderValue(prop, page.values[prop.id], page.number);
  }
  return {
    object: 'page',
    id: page.id,
    created_time: notionTime(page.createdMs),
    last_edited_time: notionTime(page.editedMs),
    created_by: { object: 'user', id: page.createdBy },
    last_edited_by: { object: 'user', id: page.editedBy },
    cover: null,
    icon: null,
    parent: { type: 'data_source_id', data_source_id: ds.id, database_id: db.id },
    in_trash: page.inTrash,
    archived: page.inTrash,
    is_archived: false,
    is_locked: false,
    properties,
    url: pageUrl(pageTitle(ds, page), page.id),
    public_url: null,
  };
}

export function propertyIdSet(ids: string[] | null): Set<string> | null {
  return ids && ids.length > 0 ? new Set(ids.map(safeDecode)) : null;
}

/** Plain view of a row, for /api/state and tests. */
export interface TicketSnapshot {
  page_id: string;
  ticket_id: string | null;
  url: string;
  in_trash: boolean;
  created_time: string;
  last_edited_time: string;
  last_edited_by: string;
  /** Property name -> plain value (text, option name, ISO date, boolean). */
  properties: Record<string, string | boolean | null>;
}

export function snapshotPage(ds: DataSourceState, page: PageState, botUserId: string): TicketSnapshot {
  const properties: Record<string, string | boolean | null> = {};
  let ticketId: string | null = null;
  for (const prop of ds.properties) {
    const value = plainValue(prop, page.values[prop.id], page.number);
    properties[prop.name] = value;
    if (prop.type === 'unique_id') ticketId = value as string;
  }
  return {
    page_id: page.id,
    ticket_id: ticketId,
    url: pageUrl(pageTitle(ds, page), page.id),
    in_trash: page.inTrash,
    created_time: notionTime(page.createdMs),
    last_edited_time: notionTime(page.editedMs),
    last_edited_by: page.editedBy === botUserId ? 'bot' : 'person',
    properties,
  };
}
