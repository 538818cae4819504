import { notionTime, pageUrl } from './notion-page.js';
import { renderPropertySchema, type DatabaseState, type DataSourceState } from './notion-schema.js';
import { renderRichText } from './notion-values.js';

/** Notion's response objects for databases, data sources and plain (non-row) pages. */

export interface ParentPage {
  id: string;
  title: string;
  createdMs: number;
}

const databaseUrl = (db: DatabaseState) => `https://www.notion.so/${db.id.replace(/-/g, '')}`;

/** API 2025-09-03: a database lists its data sources and has no `properties`. */
export function renderDatabase(db: DatabaseState, dataSourceName: (id: string) => string): Record<string, unknown> {
  return {
    object: 'database',
    id: db.id,
    title: renderRichText(db.title),
    description: [],
    parent: { type: 'page_id', page_id: db.parentPageId },
    is_inline: false,
    in_trash: false,
    archived: false,
    is_locked: false,
    created_time: notionTime(db.createdMs),
    last_edited_time: notionTime(db.editedMs),
    data_sources: db.dataSourceIds.map((id) => ({ id, name: dataSourceName(id) })),
    icon: null,
    cover: null,
    url: databaseUrl(db),
    public_url: null,
  };
}

export function renderDataSource(db: DatabaseState, ds: DataSourceState, editorId: string): Record<string, unknown> {
  return {
    object: 'data_source',
    id: ds.id,
    title: renderRichText(ds.title),
    description: [],
    parent: { type: 'database_id', database_id: db.id },
    database_parent: { type: 'page_id', page_id: db.parentPageId },
    is_inline: false,
    in_trash: false,
    archived: false,
    created_time: notionTime(ds.createdMs),
    last_edited_time: notionTime(ds.editedMs),
    created_by: { object: 'user', id: editorId },
    last_edited_by: { object: 'user', id: editorId },
    properties: Object.fromEntries(ds.properties.map((p) => [p.name, renderPropertySchema(p)])),
    icon: null,
    cover: null,
    url: databaseUrl(db),
    public_url: null,
  };
}

/** A database as its parent page lists it among its children: a `child_database` block. */
export function renderChildDatabaseBlock(db: DatabaseState, editorId: string): Record<string, unknown> {
  return {
    object: 'block',
    id: db.id,
    parent: { type: 'page_id', page_id: db.parentPageId },
    created_time: notionTime(db.createdMs),
    last_edited_time: notionTime(db.editedMs),
    created_by: { object: 'user', id: editorId },
    last_edited_by: { object: 'user', id: editorId },
    has_children: false,
    in_trash: false,
    archived: false,
    type: 'child_database',
    child_database: { title: db.title },
  };
}

export function renderParentPage(page: ParentPage, editorId: string): Record<string, unknown> {
  return {
    object: 'page',
    id: page.id,
    created_time: notionTime(page.createdMs),
    last_edited_time: notionTime(page.createdMs),
    created_by: { object: 'user', id: editorId },
    last_edited_by: { object: 'user', id: editorId },
    cover: null,
    icon: null,
    parent: { type: 'workspace', workspace: true },
    in_trash: false,
    archived: false,
    is_archived: false,
    is_locked: false,
    properties: { title: { id: 'title', type: 'title', title: renderRichText(page.title) } },
    url: pageUrl(page.title, page.id),
    public_url: null,
  };
}
