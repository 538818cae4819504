import { Hono } from 'hono';
import { SANDBOX } from '../../constants.js';
import { gate, pathParam, type FakeContext, type FakesEnv, type GateDeps } from '../gate.js';
import type { NotionOperation } from '../operations.js';
import { newUuid } from '../ids.js';
import { NotionApiError, notionErrorResponse, renderNotionFailure } from './notion-errors.js';
import type { NotionFake } from './notion-store.js';

/** The Notion REST API (version 2025-09-03) under `/v1`, for the calls the app makes. */
export function notionRoutes(notion: NotionFake, deps: GateDeps): Hono<FakesEnv> {
  const app = new Hono<FakesEnv>();

  const op = (
    name: NotionOperation,
    handler: (c: FakeContext, body: Record<string, unknown>) => Record<string, unknown>,
  ) =>
    gate(deps, 'notion', name, renderNotionFailure, async (c) => {
      try {
        authorize(c);
        const body = await readBody(c);
        return c.json({ ...handler(c, body), request_id: newUuid() });
      } catch (err) {
        if (err instanceof NotionApiError) return notionErrorResponse(err);
        throw err;
      }
    });

  const filterProperties = (c: FakeContext) => c.req.queries('filter_properties') ?? null;

  app.get('/v1/databases/:id', op('databases.retrieve', (c) => notion.retrieveDatabase(pathParam(c, 'id'))));
  app.post('/v1/databases', op('databases.create', (_c, body) => notion.createDatabase(body)));
  app.get('/v1/data_sources/:id', op('dataSources.retrieve', (c) => notion.retrieveDataSource(pathParam(c, 'id'))));
  app.patch('/v1/data_sources/:id', op('dataSources.update', (c, body) => notion.updateDataSource(pathParam(c, 'id'), body)));
  app.post(
    '/v1/data_sources/:id/query',
    op('dataSources.query', (c, body) => notion.queryDataSource(pathParam(c, 'id'), body, filterProperties(c))),
  );
  app.post('/v1/pages', op('pages.create', (c, body) => notion.createPage(body, filterProperties(c))));
  app.get('/v1/pages/:id', op('pages.retrieve', (c) => notion.retrievePage(pathParam(c, 'id'), filterProperties(c))));
  app.patch('/v1/pages/:id', op('pages.update', (c, body) => notion.updatePage(pathParam(c, 'id'), body)));
  app.get('/v1/users/me', op('users.me', () => notion.me()));
  // Only ids shaped like Notion's: any other /blocks path stays an unknown URL, as before.
  app.get(
    '/v1/blocks/:id{[0-9a-fA-F-]{32,36}}/children',
    op('blocks.children.list', (c) =>
      notion.listBlockChildren(pathParam(c, 'id'), { start_cursor: c.req.query('start_cursor'), page_size: c.req.query('page_size') }),
    ),
  );

  app.all('*', () => notionErrorResponse(new NotionApiError(400, 'invalid_request_url', 'Invalid request URL.')));
  return app;
}

function authorize(c: FakeContext): void {
  if (c.req.header('authorization') !== `Bearer ${SANDBOX.token}`) {
    throw new NotionApiError(401, 'unauthorized', 'API token is invalid.');
  }
  if (!c.req.header('notion-version')) {
    throw new NotionApiError(
      400,
      'missing_version',
      'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
    );
  }
}

async function readBody(c: FakeContext): Promise<Record<string, unknown>> {
  if (c.req.method === 'GET') return {};
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new NotionApiError(400, 'invalid_json', 'Error parsing JSON body.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new NotionApiError(400, 'validation_error', 'body failed validation: body should be an object.');
  }
  return parsed as Record<string, unknown>;
}
