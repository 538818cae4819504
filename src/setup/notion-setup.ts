import {
  extractPageId,
  isFullBlock,
  isFullDatabase,
  isFullDataSource,
  iteratePaginatedAPI,
  type DatabaseObjectResponse,
  type DataSourceObjectResponse,
  type GetPageResponse,
  type ListBlockChildrenParameters,
} from '@notionhq/client';
import { HINTS } from '../config/env-schema.js';
import { CREATE, IDEMPOTENT_WRITE, READ } from '../services/http/external-call.js';
import { callFailure, reachFix } from './call-failure.js';
import type { NotionApi } from './notion-api.js';
import {
  missingProperties,
  propertyConfig,
  ticketDatabaseProperties,
  wantedStatuses,
  type PropertyConfig,
  type StatusKind,
  type TicketDatabaseSpec,
} from './ticket-properties.js';

/**
 * What `npm run setup -- notion` does against Notion: find the parent page, find the tickets
 * database an earlier run made under it (a child database with the same title) or create it,
 * and add whatever properties are missing. Running it again changes nothing that is right.
 */

/** A failure the person running the command can fix; `fixes` say how. */
export class SetupError extends Error {
  constructor(
    message: string,
    readonly fixes: string[] = [],
  ) {
    super(message);
    this.name = 'SetupError';
  }
}

export interface Integration {
  name: string;
  workspace: string | null;
}

export interface TicketDatabase {
  id: string;
  title: string;
  url: string;
  dataSource: DataSourceObjectResponse;
}

export interface Additions {
  /** Names of the properties added. */
  added: string[];
  /** Notion refused a status property through the API, so Status was made a select. */
  statusAsSelect: boolean;
  dataSource: DataSourceObjectResponse;
}

export async function identifyIntegration(api: NotionApi): Promise<Integration> {
  try {
    const me = await api.call('users.me', READ, () => api.client.users.me({}));
    const bot = me.type === 'bot' ? (me.bot as { workspace_name?: string | null }) : {};
    return { name: me.name ?? 'your integration', workspace: bot.workspace_name ?? null };
  } catch (err) {
    const failure = callFailure(err);
    if (failure.status === 401) {
      throw new SetupError('NOTION_API_KEY is not valid: Notion answered 401 unauthorized.', [`Set NOTION_API_KEY to ${HINTS.NOTION_API_KEY}.`]);
    }
    throw asSetupError(err);
  }
}

export async function findParentPage(api: NotionApi, input: string, integration: Integration): Promise<{ id: string; title: string }> {
  const id = extractPageId(input);
  if (!id) {
    throw new SetupError(`"${input}" is not a Notion page id or URL.`, [
      "Pass the page's link (in Notion: Share > Copy link) or its 32-character id, e.g. --parent https://www.notion.so/Support-0123456789abcdef0123456789abcdef",
    ]);
  }
  try {
    const page = await api.call('pages.retrieve', READ, () => api.client.pages.retrieve({ page_id: id }));
    return { id: page.id, title: pageTitle(page) };
  } catch (err) {
    const failure = callFailure(err);
    if (failure.kind === 'not_found') {
      throw new SetupError(`The page ${id} is not shared with the integration "${integration.name}" (or does not exist).`, [
        `In Notion open the page, choose ••• > Connections and add "${integration.name}"; then run this again.`,
      ]);
    }
    if (failure.status === 400) {
      throw new SetupError(`Notion refused ${id} as a page: ${failure.message}`, ['--parent must be a page (not a database) the integration can see.']);
    }
    throw asSetupError(err);
  }
}

/** The child database called `title` directly under the page, made by an earlier run. */
export async function findChildDatabase(api: NotionApi, pageId: string, title: string): Promise<string | null> {
  const list = (args: ListBlockChildrenParameters) =>
    api.call('blocks.children.list', READ, () => api.client.blocks.children.list(args));
  for await (const block of iteratePaginatedAPI(list, { block_id: pageId, page_size: 100 })) {
    if (isFullBlock(block) && block.type === 'child_database' && block.child_database.title === title) return block.id;
  }
  return null;
}

export async function createTicketDatabase(
  api: NotionApi,
  pageId: string,
  title: string,
  spec: TicketDatabaseSpec,
): Promise<{ databaseId: string; statusAsSelect: boolean }> {
  const create = (status: StatusKind) =>
    api.call('databases.create', CREATE, () =>
      api.client.databases.create({
        parent: { type: 'page_id', page_id: pageId },
        title: [{ type: 'text', text: { content: title } }],
        initial_data_source: { properties: ticketDatabaseProperties(spec, status) },
      }),
    );
  const { result, statusAsSelect } = await withStatusFallback(create);
  return { databaseId: result.id, statusAsSelect };
}

export async function retrieveTicketDatabase(api: NotionApi, databaseId: string, integration: Integration): Promise<TicketDatabase> {
  const notShared = () =>
    new SetupError(`The database ${databaseId} is not shared with the integration "${integration.name}" (or does not exist).`, [
      `In Notion open the database, choose ••• > Connections and add "${integration.name}".`,
      `Or set NOTION_DATABASE_ID to ${HINTS.NOTION_DATABASE_ID}.`,
    ]);
  const read = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (callFailure(err).kind === 'not_found') throw notShared();
      throw asSetupError(err);
    }
  };
  const database = await read(() => api.call('databases.retrieve', READ, () => api.client.databases.retrieve({ database_id: databaseId })));
  if (!isFullDatabase(database)) throw notShared();
  const first = database.data_sources[0];
  if (!first) throw new SetupError(`The database ${databaseId} has no data source to keep tickets in.`);
  const dataSource = await read(() => api.call('dataSources.retrieve', READ, () => api.client.dataSources.retrieve({ data_source_id: first.id })));
  if (!isFullDataSource(dataSource)) throw notShared();
  return { id: database.id, title: databaseTitle(database), url: database.url, dataSource };
}

/** Adds the properties the spec has and the data source lacks; never changes existing ones. */
export async function addMissingProperties(api: NotionApi, dataSource: DataSourceObjectResponse, spec: TicketDatabaseSpec): Promise<Additions> {
  const missing = missingProperties(dataSource.properties, spec);
  if (missing.length === 0) return { added: [], statusAsSelect: false, dataSource };
  const update = (status: StatusKind) => {
    const properties: Record<string, PropertyConfig> = Object.fromEntries(
      missing.map((p) => [spec.names[p.key], propertyConfig(p, spec, status)]),
    );
    return api.call('dataSources.update', IDEMPOTENT_WRITE, () => api.client.dataSources.update({ data_source_id: dataSource.id, properties }));
  };
  const needsStatus = missing.some((p) => p.key === 'status');
  const { result, statusAsSelect } = needsStatus ? await withStatusFallback(update) : { result: await update('status'), statusAsSelect: false };
  if (!isFullDataSource(result)) throw new SetupError('Notion did not return the updated data source; run this again to check it.');
  return { added: missing.map((p) => spec.names[p.key]), statusAsSelect, dataSource: result };
}

/**
 * Adds the configured status names a status-typed Status lacks, keeping every existing option (by
 * id, so Notion leaves it in its group). Notion's API has no field for an option's group: new ones
 * land where Notion puts them, and the schema review says if Done is not under Complete. Refused
 * (older API versions could not change a status property's options), the review names the
 * missing option with the step to take in Notion.
 */
export async function addStatusOptions(
  api: NotionApi,
  dataSource: DataSourceObjectResponse,
  spec: TicketDatabaseSpec,
): Promise<{ added: string[]; dataSource: DataSourceObjectResponse }> {
  const name = spec.names.status;
  const status = dataSource.properties[name];
  if (status?.type !== 'status') return { added: [], dataSource };
  const existing = status.status.options;
  const missing = [...new Set(wantedStatuses(spec))].filter((o) => !existing.some((e) => e.name === o));
  if (missing.length === 0) return { added: [], dataSource };
  const options = [...existing.map((o) => ({ id: o.id, name: o.name })), ...missing.map((o) => ({ name: o }))];
  try {
    const result = await api.call('dataSources.update', IDEMPOTENT_WRITE, () =>
      api.client.dataSources.update({ data_source_id: dataSource.id, properties: { [name]: { status: { options } } } }),
    );
    if (isFullDataSource(result)) return { added: missing, dataSource: result };
  } catch (err) {
    if (callFailure(err).status !== 400) throw asSetupError(err);
  }
  return { added: [], dataSource };
}

/**
 * Notion long refused to create status properties through the API ("not possible to update the
 * name or options values of a status property"); newer API versions allow it. Try status first,
 * and when Notion rejects it, make Status a select with the same options (the app accepts both).
 */
async function withStatusFallback<T>(attempt: (status: StatusKind) => Promise<T>): Promise<{ result: T; statusAsSelect: boolean }> {
  try {
    return { result: await attempt('status'), statusAsSelect: false };
  } catch (err) {
    // Notion's wording for the refusal is not documented: any validation error gets one retry
    // with a select, and if that fails too, the first error is the one worth showing.
    if (callFailure(err).status !== 400) throw asSetupError(err);
    try {
      return { result: await attempt('select'), statusAsSelect: true };
    } catch {
      throw asSetupError(err);
    }
  }
}

function asSetupError(err: unknown): SetupError {
  if (err instanceof SetupError) return err;
  const failure = callFailure(err);
  const fix = reachFix(failure, 'Notion', 'NOTION_API_BASE_URL');
  if (failure.kind === 'auth') {
    return new SetupError(`Notion refused the request: ${failure.message}`, [
      'Check that the integration has the Read, Update and Insert content capabilities (notion.so/profile/integrations).',
    ]);
  }
  return new SetupError(failure.message, fix ? [fix] : []);
}

function pageTitle(page: GetPageResponse): string {
  if (!('properties' in page)) return '';
  const title = Object.values(page.properties).find((p) => p.type === 'title');
  return title?.type === 'title' ? title.title.map((t) => t.plain_text).join('') : '';
}

function databaseTitle(database: DatabaseObjectResponse): string {
  return database.title.map((t) => t.plain_text).join('');
}
