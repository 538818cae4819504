import {
  type Client,
  isFullDatabase,
  isFullDataSource,
  isFullPage,
  iterateAllDataSourceRows,
  type PageObjectResponse,
  type QueryDataSourceParameters,
  type QueryDataSourceResponse,
} from '@notionhq/client';
import type { NotionPropertyNames } from '../../config/load-config.js';
import type { NewTicket, Ticket } from '../../domain/ticket.js';
import { AppError, isAppError } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';
import type { TicketPatch, TicketSchema, TicketStore } from '../../ports.js';
import { CREATE, externalCall, IDEMPOTENT_WRITE, READ, type RetryPolicy } from '../http/external-call.js';
import type { RateLimiter, RequestEvent } from '../http/service-fetch.js';
import { createNotionClient } from './notion-client.js';
import { classifyNotionError } from './notion-errors.js';
import { newTicketProperties, patchProperties, ticketFromPage, type ReadContext, type WriteContext } from './ticket-mapping.js';
import {
  doneUnannounced,
  editedSince,
  mentionsConversation,
  OLDEST_EDIT_FIRST,
  ticketNumber,
  type QueryFilter,
  type QuerySorts,
} from './ticket-queries.js';
import { checkTicketSchema, ticketPropertyTypes, type TicketPropertyTypes } from './ticket-schema.js';

export interface NotionTicketStoreOptions {
  apiKey: string;
  baseUrl: string | null;
  databaseId: string;
  properties: NotionPropertyNames;
  statusDone: string;
  statusNew: string | null;
  /** To write conversation URLs. */
  intercomAppId: string;
  /** The inbox origin of the workspace's region, read at each write (it may be learnt from the inbox). */
  intercomAppOrigin?: () => string;
  timeoutMs?: number;
  limiter?: RateLimiter;
  onRequest?: (e: RequestEvent) => void;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
}

interface ResolvedSchema {
  schema: TicketSchema;
  types: TicketPropertyTypes;
}

const PAGE_SIZE = 100;

export function createNotionTicketStore(o: NotionTicketStoreOptions): TicketStore {
  const client = createNotionClient({ ...o, timeoutMs: o.timeoutMs ?? 15_000 });
  const names = o.properties;
  const readContext: ReadContext = { names, statusDone: o.statusDone };

  const call = <T>(method: string, policy: RetryPolicy, fn: () => Promise<T>): Promise<T> =>
    externalCall({ service: 'notion', method, policy, classify: classifyNotionError, logger: o.logger, sleep: o.sleep }, fn);

  const toTicket = (page: PageObjectResponse): Ticket => ticketFromPage(page, readContext);

  let resolving: Promise<ResolvedSchema> | null = null;
  const resolved = (): Promise<ResolvedSchema> => {
    resolving ??= resolveSchema().catch((err: unknown) => {
      resolving = null;
      throw err;
    });
    return resolving;
  };

  async function resolveSchema(): Promise<ResolvedSchema> {
    const database = await notShared(o.databaseId, () =>
      call('databases.retrieve', READ, () => client.databases.retrieve({ database_id: o.databaseId })),
    );
    if (!isFullDatabase(database)) throw notSharedError(o.databaseId);
    const first = database.data_sources[0];
    if (!first) {
      throw new AppError('misconfigured', 502, `The Notion database ${o.databaseId} has no data source to keep tickets in.`);
    }
    const dataSource = await notShared(o.databaseId, () =>
      call('dataSources.retrieve', READ, () => client.dataSources.retrieve({ data_source_id: first.id })),
    );
    if (!isFullDataSource(dataSource)) throw notSharedError(o.databaseId);
    const problems = checkTicketSchema(dataSource.properties, names, { statusDone: o.statusDone, statusNew: o.statusNew });
    if (problems.length > 0) {
      const lines = problems.map((p) => `- "${p.property}" ${p.problem}. ${p.fix}`);
      throw new AppError('misconfigured', 502, `The Notion tickets data source does not fit the app:\n${lines.join('\n')}`, {
        details: { service: 'notion', problems },
      });
    }
    const status = dataSource.properties[names.status]!;
    const resolution = dataSource.properties[names.resolutionNotified]!;
    if (!dataSource.properties[names.customerReports]) {
      o.logger.warn(
        { service: 'notion', property: names.customerReports },
        'The tickets data source has no Customer Reports property: customers\' words are not kept on tickets. `npm run setup -- notion --check --fix` adds it.',
      );
    }
    const me = await call('users.me', READ, () => client.users.me({}));
    const types = ticketPropertyTypes(dataSource.properties, names);
    return {
      schema: {
        databaseId: database.id,
        dataSourceId: dataSource.id,
        propertyIds: { status: status.id, resolutionNotified: resolution.id },
        botUserId: me.id,
        customerReports: types.customerReports !== null,
      },
      types,
    };
  }

  const writeContext = (types: TicketPropertyTypes): WriteContext => ({
    names,
    types,
    statusNew: o.statusNew,
    intercomAppId: o.intercomAppId,
    intercomAppOrigin: o.intercomAppOrigin?.(),
  });

  async function query(args: Omit<QueryDataSourceParameters, 'data_source_id'>): Promise<QueryDataSourceResponse> {
    const { schema } = await resolved();
    const response = await call('dataSources.query', READ, () =>
      client.dataSources.query({ data_source_id: schema.dataSourceId, page_size: PAGE_SIZE, ...args }),
    );
    if (response.request_status?.type === 'incomplete') {
      // Sorted by last edit, so the next incremental pass (from the newest edit seen) picks up the rest.
      o.logger.warn({ service: 'notion', reason: response.request_status.incomplete_reason }, 'Notion query stopped at its result limit');
    }
    return response;
  }

  async function* queryTickets(filter: QueryFilter, sorts?: QuerySorts): AsyncGenerator<Ticket[]> {
    let cursor: string | null = null;
    do {
      const response = await query({ filter, ...(sorts ? { sorts } : {}), ...(cursor ? { start_cursor: cursor } : {}) });
      yield response.results.filter(isFullPage).map(toTicket);
      cursor = response.next_cursor;
    } while (cursor);
  }

  async function retrievePage(pageId: string): Promise<PageObjectResponse> {
    const { schema } = await resolved();
    const page = await ticketNotFoundOn404(pageId, () =>
      call('pages.retrieve', READ, () => client.pages.retrieve({ page_id: pageId })),
    );
    if (!isFullPage(page) || page.in_trash || !inDataSource(page, schema.dataSourceId)) throw ticketNotFound(pageId);
    return page;
  }

  return {
    async schema() {
      return (await resolved()).schema;
    },

    async *iterateAll() {
      const { schema } = await resolved();
      // The SDK helper walks past the 10,000-row query cut-off by created_time windows; each of
      // its page requests still goes through externalCall.
      const queryClient = {
        dataSources: {
          query: (args: QueryDataSourceParameters) => call('dataSources.query', READ, () => client.dataSources.query(args)),
        },
      } as unknown as Client;
      let batch: Ticket[] = [];
      for await (const row of iterateAllDataSourceRows(queryClient, { data_source_id: schema.dataSourceId, page_size: PAGE_SIZE })) {
        if (!isFullPage(row)) continue;
        batch.push(toTicket(row));
        if (batch.length === PAGE_SIZE) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },

    iterateEditedSince(since) {
      return queryTickets(editedSince(since), OLDEST_EDIT_FIRST);
    },

    async *iterateDoneUnannounced(since) {
      const { types } = await resolved();
      yield* queryTickets(doneUnannounced(since, names, types, o.statusDone), OLDEST_EDIT_FIRST);
    },

    async get(pageId) {
      return toTicket(await retrievePage(pageId));
    },

    async findByNumber(n) {
      const response = await query({ filter: ticketNumber(names, n), page_size: 1 });
      const page = response.results.find(isFullPage);
      return page ? toTicket(page) : null;
    },

    async findByConversation(conversationId) {
      const found: Ticket[] = [];
      for await (const tickets of queryTickets(mentionsConversation(names, conversationId))) {
        found.push(...tickets.filter((t) => t.conversationIds.includes(conversationId)));
      }
      return found;
    },

    async create(ticket: NewTicket) {
      const { schema, types } = await resolved();
      const properties = newTicketProperties(ticket, writeContext(types));
      // Never repeated on a 5xx or timeout: the flow looks the ticket up before trying again.
      const page = await call('pages.create', CREATE, () =>
        client.pages.create({ parent: { type: 'data_source_id', data_source_id: schema.dataSourceId }, properties }),
      );
      return isFullPage(page) ? toTicket(page) : toTicket(await retrievePage(page.id));
    },

    async update(pageId: string, patch: TicketPatch) {
      const { types } = await resolved();
      const properties = patchProperties(patch, writeContext(types));
      if (Object.keys(properties).length === 0) return toTicket(await retrievePage(pageId));
      const page = await ticketNotFoundOn404(pageId, () =>
        call('pages.update', IDEMPOTENT_WRITE, () => client.pages.update({ page_id: pageId, properties })),
      );
      return isFullPage(page) ? toTicket(page) : toTicket(await retrievePage(pageId));
    },
  };
}

function inDataSource(page: PageObjectResponse, dataSourceId: string): boolean {
  return page.parent.type === 'data_source_id' && sameId(page.parent.data_source_id, dataSourceId);
}

/** Notion ids come dashed or not depending on where they were copied from. */
function sameId(a: string, b: string): boolean {
  return a.replaceAll('-', '').toLowerCase() === b.replaceAll('-', '').toLowerCase();
}

function isNotFound(err: unknown): err is AppError {
  return isAppError(err) && err.details?.failure === 'not_found';
}

async function notShared<T>(databaseId: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    // Notion answers 404 for objects that exist but were not shared with the integration.
    if (isNotFound(err)) throw notSharedError(databaseId, err);
    throw err;
  }
}

function notSharedError(databaseId: string, cause?: unknown): AppError {
  return new AppError(
    'misconfigured',
    502,
    `The Notion database ${databaseId} is not shared with the integration (or NOTION_DATABASE_ID is wrong). ` +
      'In Notion open the database, choose ••• > Connections and add the integration.',
    { details: { service: 'notion', databaseId }, cause },
  );
}

async function ticketNotFoundOn404<T>(pageId: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isNotFound(err)) throw ticketNotFound(pageId, err);
    throw err;
  }
}

function ticketNotFound(pageId: string, cause?: unknown): AppError {
  return new AppError('ticket_not_found', 404, `No ticket with Notion page id ${pageId}`, {
    details: { pageId },
    cause,
  });
}
