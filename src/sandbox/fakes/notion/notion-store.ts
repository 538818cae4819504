import { createRandom } from '../random.js';
import { newUuid, normalizeUuid, stableUuid } from '../ids.js';
import { type NotionApiError, notFound, shouldBe, validationError } from './notion-errors.js';
import { propertyIdSet, renderPage, snapshotPage, type PageState, type TicketSnapshot } from './notion-page.js';
import { DEFAULT_QUERY_RESULT_LIMIT, QueryEngine, type QueryBody } from './notion-query.js';
import { renderChildDatabaseBlock, renderDatabase, renderDataSource, renderParentPage, type ParentPage } from './notion-render.js';
import {
  defaultStatusOption,
  findProperty,
  newPropertyId,
  propertyFromConfig,
  updateSchema,
  type DatabaseState,
  type DataSourceState,
  type PropertySchema,
} from './notion-schema.js';
import { convertValue, emptyValue, parseValue, type StoredValue } from './notion-values.js';
import { WORKSPACE, type NotionWebhooks } from './notion-webhooks.js';

/**
 * The Notion workspace the integration can see: one parent page, databases with their data
 * sources, and pages (rows). Methods named after API operations take request bodies and return
 * response objects; the rest is for seeding, the control API and tests.
 *
 * Timestamps are kept to the millisecond but shown, filtered and sorted to the minute, rounded
 * down, as Notion does: two edits in one minute look the same age, and a cursor taken mid-minute
 * is behind the edits made after it in that minute. No two pages share a created_time (kept in
 * the order they were written within a minute), so the SDK's created_time windows past the
 * 10,000-row cut-off (iterateAllDataSourceRows) always move forward.
 */

export interface NotionUser {
  id: string;
  name: string;
  type: 'bot' | 'person';
}

/** The integration itself (GET /users/me, author of API edits). */
export const NOTION_BOT: NotionUser = { id: stableUuid('notion-bot'), name: 'Ticket Bot', type: 'bot' };
/** The person who edits tickets "in Notion" through the control API. */
export const NOTION_PERSON: NotionUser = { id: stableUuid('notion-person'), name: 'Riley Chen', type: 'person' };

export interface RowSeed {
  id?: string;
  createdMs: number;
  editedMs?: number;
  /** By property name. */
  values: Record<string, StoredValue>;
}

export class NotionFake {
  readonly webhooks: NotionWebhooks;
  /** Notion stops a single query at 10,000 rows; tests lower this to reach the cut-off quickly. */
  queryResultLimit = DEFAULT_QUERY_RESULT_LIMIT;
  /**
   * Whether databases.create and dataSources.update may add `status` properties. Newer Notion
   * API versions allow it, older ones refused; tests switch it off to see clients fall back.
   */
  statusPropertiesViaApi = true;
  readonly #now: () => number;
  #parentPages = new Map<string, ParentPage>();
  #databases = new Map<string, DatabaseState>();
  #dataSources = new Map<string, DataSourceState>();
  #pages = new Map<string, PageState>();
  #rows = new Map<string, PageState[]>();
  #query = new QueryEngine();
  #random = createRandom(7);
  #lastCreatedMs = 0;

  constructor(webhooks: NotionWebhooks, now: () => number) {
    this.webhooks = webhooks;
    this.#now = now;
  }

  reset(): void {
    this.#parentPages.clear();
    this.#databases.clear();
    this.#dataSources.clear();
    this.#pages.clear();
    this.#rows.clear();
    this.#query.reset();
    this.#random = createRandom(7);
    this.#lastCreatedMs = 0;
    this.queryResultLimit = DEFAULT_QUERY_RESULT_LIMIT;
    this.statusPropertiesViaApi = true;
  }

  // ------------------------------------------------------------------------------------------
  // Seeding
  // ------------------------------------------------------------------------------------------

  addParentPage(id: string, title: string, createdMs: number): void {
    this.#parentPages.set(id, { id, title, createdMs });
  }

  addDatabase(input: {
    id: string;
    parentPageId: string;
    title: string;
    createdMs: number;
    dataSource: { id: string; properties: PropertySchema[] };
  }): DataSourceState {
    const db: DatabaseState = {
      id: input.id,
      parentPageId: input.parentPageId,
      title: input.title,
      dataSourceIds: [input.dataSource.id],
      createdMs: input.createdMs,
      editedMs: input.createdMs,
    };
    const ds: DataSourceState = {
      id: input.dataSource.id,
      databaseId: input.id,
      title: input.title,
      properties: input.dataSource.properties,
      createdMs: input.createdMs,
      editedMs: input.createdMs,
      nextNumber: 1,
    };
    this.#databases.set(db.id, db);
    this.#dataSources.set(ds.id, ds);
    this.#rows.set(ds.id, []);
    return ds;
  }

  /** Adds a row as it already exists in Notion: numbered, no webhook. */
  addRow(dataSourceId: string, seed: RowSeed): PageState {
    const ds = this.#requireDataSource(dataSourceId);
    const values: Record<string, StoredValue> = {};
    for (const prop of ds.properties) values[prop.id] = emptyValue(prop.type);
    for (const [name, value] of Object.entries(seed.values)) {
      const prop = findProperty(ds, name);
      if (!prop) throw new Error(`seed row sets unknown property ${name}`);
      values[prop.id] = value;
    }
    const page: PageState = {
      id: seed.id ?? newUuid(),
      dataSourceId: ds.id,
      number: ds.nextNumber++,
      createdMs: seed.createdMs,
      editedMs: seed.editedMs ?? seed.createdMs,
      createdBy: NOTION_PERSON.id,
      editedBy: NOTION_PERSON.id,
      inTrash: false,
      values,
    };
    this.#insert(page);
    this.#lastCreatedMs = Math.max(this.#lastCreatedMs, page.createdMs);
    return page;
  }

  // ------------------------------------------------------------------------------------------
  // API operations
  // ------------------------------------------------------------------------------------------

  retrieveDatabase(id: string): Record<string, unknown> {
    return this.#renderDatabase(this.#requireDatabase(id));
  }

  createDatabase(body: Record<string, unknown>): Record<string, unknown> {
    const parent = (body.parent ?? {}) as { page_id?: unknown };
    if (typeof parent.page_id !== 'string') throw shouldBe('body.parent.page_id', 'defined', parent.page_id);
    const parentId = normalizeUuid(parent.page_id);
    if (!parentId || !this.#parentPages.has(parentId)) throw notFound('page', parent.page_id);
    const title = richTextContent(body.title, 'body.title');
    const initial = (body.initial_data_source ?? {}) as { properties?: unknown };
    const configs = initial.properties;
    if (typeof configs !== 'object' || configs === null || Array.isArray(configs)) {
      throw shouldBe('body.initial_data_source.properties', 'an object', configs);
    }
    this.#refuseStatusProperties(configs as Record<string, unknown>, 'body.initial_data_source.properties');
    const properties: PropertySchema[] = [];
    const taken = new Set<string>();
    for (const [name, config] of Object.entries(configs)) {
      const prop = propertyFromConfig(
        name,
        (config ?? {}) as Record<string, unknown>,
        `body.initial_data_source.properties.${name}`,
        () => newPropertyId(taken, this.#random),
        newUuid,
      );
      taken.add(prop.id);
      properties.push(prop);
    }
    if (properties.filter((p) => p.type === 'title').length !== 1) {
      throw validationError('body.initial_data_source.properties should have exactly one title property.');
    }
    const ds = this.addDatabase({
      id: newUuid(),
      parentPageId: parentId,
      title,
      createdMs: this.#now(),
      dataSource: { id: newUuid(), properties },
    });
    return this.#renderDatabase(this.#requireDatabase(ds.databaseId));
  }

  retrieveDataSource(id: string): Record<string, unknown> {
    const ds = this.#requireDataSource(id);
    return renderDataSource(this.#requireDatabase(ds.databaseId), ds, NOTION_PERSON.id);
  }

  updateDataSource(id: string, body: Record<string, unknown>): Record<string, unknown> {
    const ds = this.#requireDataSource(id);
    if (typeof body.properties === 'object' && body.properties !== null) {
      this.#refuseStatusProperties(body.properties as Record<string, unknown>, 'body.properties');
    }
    if (body.title !== undefined) ds.title = richTextContent(body.title, 'body.title');
    if (body.properties !== undefined) {
      if (typeof body.properties !== 'object' || body.properties === null) {
        throw shouldBe('body.properties', 'an object', body.properties);
      }
      const taken = new Set(ds.properties.map((p) => p.id));
      const { retyped, removed } = updateSchema(
        ds,
        body.properties as Record<string, unknown>,
        () => {
          const fresh = newPropertyId(taken, this.#random);
          taken.add(fresh);
          return fresh;
        },
        newUuid,
      );
      for (const page of this.#rowsOf(ds.id)) {
        for (const { prop, from } of retyped) page.values[prop.id] = convertValue(page.values[prop.id], from, prop.type);
        for (const prop of removed) delete page.values[prop.id];
        for (const prop of ds.properties) if (!(prop.id in page.values)) page.values[prop.id] = emptyValue(prop.type);
      }
    }
    ds.editedMs = this.#now();
    return renderDataSource(this.#requireDatabase(ds.databaseId), ds, NOTION_PERSON.id);
  }

  queryDataSource(id: string, body: QueryBody, filterProperties: string[] | null): Record<string, unknown> {
    const ds = this.#requireDataSource(id);
    const page = this.#query.run(ds, this.#rowsOf(ds.id), body, this.queryResultLimit);
    const db = this.#requireDatabase(ds.databaseId);
    const only = propertyIdSet(filterProperties);
    return {
      object: 'list',
      results: page.results.map((row) => renderPage(db, ds, row, only)),
      next_cursor: page.nextCursor,
      has_more: page.hasMore,
      type: 'page_or_data_source',
      page_or_data_source: {},
      ...(page.limitReached ? { request_status: { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' } } : {}),
    };
  }

  createPage(body: Record<string, unknown>, filterProperties: string[] | null): Record<string, unknown> {
    const ds = this.#dataSourceOfParent(body.parent);
    const page = this.#create(ds, this.#parseProperties(ds, body.properties ?? {}), NOTION_BOT);
    return renderPage(this.#requireDatabase(ds.databaseId), ds, page, propertyIdSet(filterProperties));
  }

  retrievePage(id: string, filterProperties: string[] | null): Record<string, unknown> {
    const key = normalizeUuid(id);
    const parent = key ? this.#parentPages.get(key) : undefined;
    if (parent) return renderParentPage(parent, NOTION_PERSON.id);
    const page = this.#requirePage(id);
    const ds = this.#requireDataSource(page.dataSourceId);
    return renderPage(this.#requireDatabase(ds.databaseId), ds, page, propertyIdSet(filterProperties));
  }

  updatePage(id: string, body: Record<string, unknown>): Record<string, unknown> {
    const page = this.#requirePage(id);
    const ds = this.#requireDataSource(page.dataSourceId);
    const trash = body.in_trash ?? body.archived;
    if (trash !== undefined && typeof trash !== 'boolean') throw shouldBe('body.in_trash', 'a boolean', trash);
    if (page.inTrash && trash !== false) {
      throw validationError("Can't edit block that is archived. You must unarchive the block before editing.");
    }
    const parsed = this.#parseProperties(ds, body.properties ?? {});
    this.#apply(ds, page, parsed, NOTION_BOT);
    if (trash !== undefined && trash !== page.inTrash) {
      page.inTrash = trash;
      page.editedMs = this.#now();
      page.editedBy = NOTION_BOT.id;
    }
    return renderPage(this.#requireDatabase(ds.databaseId), ds, page);
  }

  /**
   * GET /blocks/:id/children. A parent page's children are the databases made under it
   * (`child_database` blocks, whose id is the database id), oldest first; rows have no content
   * blocks in the sandbox. `start_cursor` is the id of the first block of the page wanted.
   */
  listBlockChildren(id: string, query: { start_cursor?: string; page_size?: string }): Record<string, unknown> {
    const key = normalizeUuid(id);
    if (!key) throw invalidId('block_id', id);
    const parent = this.#parentPages.get(key);
    if (!parent && !this.#pages.has(key)) throw notFound('block', id);
    const children = parent
      ? [...this.#databases.values()].filter((db) => db.parentPageId === key).sort((a, b) => a.createdMs - b.createdMs)
      : [];
    const pageSize = query.page_size === undefined ? 100 : Number(query.page_size);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
      throw shouldBe('query.page_size', 'an integer from 1 to 100', query.page_size);
    }
    const start = query.start_cursor === undefined ? 0 : children.findIndex((db) => db.id === normalizeUuid(query.start_cursor ?? ''));
    if (start < 0) throw validationError(`start_cursor is not a valid cursor: ${query.start_cursor}.`);
    const page = children.slice(start, start + pageSize);
    const next = children[start + pageSize];
    return {
      object: 'list',
      results: page.map((db) => renderChildDatabaseBlock(db, NOTION_PERSON.id)),
      next_cursor: next ? next.id : null,
      has_more: next !== undefined,
      type: 'block',
      block: {},
    };
  }

  me(): Record<string, unknown> {
    return {
      object: 'user',
      id: NOTION_BOT.id,
      name: NOTION_BOT.name,
      avatar_url: null,
      type: 'bot',
      bot: {
        owner: { type: 'workspace', workspace: true },
        workspace_id: WORKSPACE.id,
        workspace_limits: { max_file_upload_size_in_bytes: 5_242_880 },
        workspace_name: WORKSPACE.name,
      },
    };
  }

  // ------------------------------------------------------------------------------------------
  // Control API and inspection
  // ------------------------------------------------------------------------------------------

  /**
   * A person changes the Status in Notion: the page is updated and Notion sends the webhook.
   * `key` is a page id or a ticket id such as "JMP-12". Setting the current status changes
   * nothing and sends nothing, as in Notion.
   */
  setStatus(key: string, statusName: string, dataSourceId: string): PageState {
    const ds = this.#requireDataSource(dataSourceId);
    const page = this.findPage(key, ds.id);
    if (!page) throw notFound('page', key);
    const prop = ds.properties.find((p) => p.type === 'status') ?? ds.properties.find((p) => p.type === 'select' && p.name === 'Status');
    if (!prop) throw validationError('The data source has no Status property.');
    const option =
      prop.options.find((o) => o.name === statusName) ??
      prop.options.find((o) => o.name.toLowerCase() === statusName.toLowerCase());
    if (!option) {
      throw validationError(`Status option "${statusName}" does not exist. Options: ${prop.options.map((o) => o.name).join(', ')}.`);
    }
    if (page.inTrash) throw validationError('The page is in the trash.');
    this.#apply(ds, page, { [prop.id]: option.id }, NOTION_PERSON);
    return page;
  }

  /**
   * A person adds a row in Notion (the control API): numbered and timed like an API-created page,
   * and Notion sends `page.created` with the person as author, so the app hears of it.
   */
  createRowAsPerson(dataSourceId: string, values: Record<string, StoredValue>): PageState {
    const ds = this.#requireDataSource(dataSourceId);
    const byId: Record<string, StoredValue> = {};
    for (const [name, value] of Object.entries(values)) {
      const prop = findProperty(ds, name);
      if (!prop) throw validationError(`${name} is not a property that exists.`);
      byId[prop.id] = value;
    }
    return this.#create(ds, byId, NOTION_PERSON);
  }

  dataSource(id: string): DataSourceState | undefined {
    return this.#dataSources.get(id);
  }

  /** Rows of a data source in creation order (trashed ones included). */
  rows(dataSourceId: string): readonly PageState[] {
    return this.#rowsOf(dataSourceId);
  }

  /** By page id (dashed or not) or ticket id ("JMP-12", "12"). */
  findPage(key: string, dataSourceId: string): PageState | undefined {
    const id = normalizeUuid(key);
    if (id) return this.#pages.get(id);
    const number = /^(?:[A-Za-z][A-Za-z0-9]*-)?(\d+)$/.exec(key.trim())?.[1];
    return number === undefined ? undefined : this.#rowsOf(dataSourceId).find((p) => p.number === Number(number));
  }

  snapshot(page: PageState): TicketSnapshot {
    return snapshotPage(this.#requireDataSource(page.dataSourceId), page, NOTION_BOT.id);
  }

  // ------------------------------------------------------------------------------------------

  #refuseStatusProperties(configs: Record<string, unknown>, path: string): void {
    if (this.statusPropertiesViaApi) return;
    for (const [name, config] of Object.entries(configs)) {
      if (typeof config !== 'object' || config === null) continue;
      if ('status' in config || (config as { type?: unknown }).type === 'status') {
        throw validationError(`${path}.${name}: creating a status property is not supported through the API.`);
      }
    }
  }

  #renderDatabase(db: DatabaseState): Record<string, unknown> {
    return renderDatabase(db, (id) => this.#dataSources.get(id)?.title ?? '');
  }

  /** A new row: empty values, the default Status, then `values` (by property id); sends page.created. */
  #create(ds: DataSourceState, values: Record<string, StoredValue>, author: NotionUser): PageState {
    const initial: Record<string, StoredValue> = {};
    for (const prop of ds.properties) initial[prop.id] = emptyValue(prop.type);
    const status = ds.properties.find((p) => p.type === 'status');
    if (status) initial[status.id] = defaultStatusOption(status)?.id ?? null;
    const createdMs = Math.max(this.#now(), this.#lastCreatedMs + 1);
    this.#lastCreatedMs = createdMs;
    const page: PageState = {
      id: newUuid(),
      dataSourceId: ds.id,
      number: ds.nextNumber++,
      createdMs,
      editedMs: createdMs,
      createdBy: author.id,
      editedBy: author.id,
      inTrash: false,
      values: { ...initial, ...values },
    };
    this.#insert(page);
    this.webhooks.emit({
      type: 'page.created',
      pageId: page.id,
      databaseId: ds.databaseId,
      dataSourceId: ds.id,
      author: { id: author.id, type: author.type },
    });
    return page;
  }

  #insert(page: PageState): void {
    this.#pages.set(page.id, page);
    this.#rowsOf(page.dataSourceId).push(page);
  }

  #rowsOf(dataSourceId: string): PageState[] {
    let rows = this.#rows.get(dataSourceId);
    if (!rows) {
      rows = [];
      this.#rows.set(dataSourceId, rows);
    }
    return rows;
  }

  /** Parses every property first, so a bad one leaves the page untouched. */
  #parseProperties(ds: DataSourceState, raw: unknown): Record<string, StoredValue> {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw shouldBe('body.properties', 'an object', raw);
    }
    const parsed: Record<string, StoredValue> = {};
    for (const [key, value] of Object.entries(raw)) {
      const prop = findProperty(ds, key);
      if (!prop) throw validationError(`${key} is not a property that exists.`);
      parsed[prop.id] = parseValue(prop, value, `body.properties.${key}`, newUuid);
    }
    return parsed;
  }

  /** Writes values, bumps the edit time and tells the webhook subscriber what changed. */
  #apply(ds: DataSourceState, page: PageState, values: Record<string, StoredValue>, author: NotionUser): void {
    const changed = Object.keys(values).filter((id) => JSON.stringify(page.values[id]) !== JSON.stringify(values[id]));
    if (changed.length === 0) return;
    Object.assign(page.values, values);
    page.editedMs = this.#now();
    page.editedBy = author.id;
    this.webhooks.emit({
      type: 'page.properties_updated',
      pageId: page.id,
      databaseId: ds.databaseId,
      dataSourceId: ds.id,
      author: { id: author.id, type: author.type },
      updatedProperties: changed,
    });
  }

  #dataSourceOfParent(parent: unknown): DataSourceState {
    const p = (parent ?? {}) as { data_source_id?: unknown; database_id?: unknown };
    if (typeof p.data_source_id === 'string') return this.#requireDataSource(p.data_source_id);
    if (typeof p.database_id === 'string') {
      const db = this.#requireDatabase(p.database_id);
      if (db.dataSourceIds.length !== 1) {
        throw validationError('Databases with multiple data sources are not supported with a database_id parent; use data_source_id.');
      }
      return this.#requireDataSource(db.dataSourceIds[0]!);
    }
    throw shouldBe('body.parent.data_source_id', 'defined', undefined);
  }

  #requireDatabase(id: string): DatabaseState {
    const key = normalizeUuid(id);
    if (!key) throw invalidId('database_id', id);
    const db = this.#databases.get(key);
    if (!db) throw notFound('database', id);
    return db;
  }

  #requireDataSource(id: string): DataSourceState {
    const key = normalizeUuid(id);
    if (!key) throw invalidId('data_source_id', id);
    const ds = this.#dataSources.get(key);
    if (!ds) throw notFound('data source', id);
    return ds;
  }

  #requirePage(id: string): PageState {
    const key = normalizeUuid(id);
    if (!key) throw invalidId('page_id', id);
    const page = this.#pages.get(key);
    if (!page) throw notFound('page', id);
    return page;
  }
}

function invalidId(param: string, value: string): NotionApiError {
  return shouldBe(`path.${param}`, 'a valid uuid', value);
}

function richTextContent(raw: unknown, path: string): string {
  if (raw === undefined) return '';
  if (!Array.isArray(raw)) throw shouldBe(path, 'an array', raw);
  return raw
    .map((item: unknown) => {
      const text = (item as { text?: { content?: unknown } } | null)?.text?.content;
      return typeof text === 'string' ? text : '';
    })
    .join('');
}
