import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { conversationUrl } from '../../../src/domain/conversation-links.js';
import { AppError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/observability/logger.js';
import { RateLimiter, type RequestEvent } from '../../../src/services/http/service-fetch.js';
import { createNotionTicketStore } from '../../../src/services/notion/notion-ticket-store.js';
import {
  API,
  APP_ID,
  applyWrites,
  DATA_SOURCE_ID,
  DATABASE_ID,
  databaseResponse,
  dataSourceProperties,
  dataSourceResponse,
  NAMES,
  notionError,
  pageId,
  pageResponse,
  queryResponse,
} from './fixtures.js';

const server = setupServer();
const BOT_USER_ID = '9f2e4a1c-0b7d-4c3e-8a5f-6d1b2c3e4f50';
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const QUERY = `${API}/data_sources/${DATA_SOURCE_ID}/query`;

function harness(timeoutMs = 2_000, limiter?: RateLimiter) {
  const requests: RequestEvent[] = [];
  const sleeps: number[] = [];
  const store = createNotionTicketStore({
    limiter,
    apiKey: 'secret_notion_test',
    baseUrl: null,
    databaseId: DATABASE_ID,
    properties: NAMES,
    statusDone: 'Done',
    statusNew: 'Not started',
    intercomAppId: APP_ID,
    timeoutMs,
    onRequest: (e) => requests.push(e),
    logger: silentLogger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  const count = (method: string, path: string) =>
    requests.filter((r) => r.method === method && new URL(r.url).pathname === `/v1${path}`).length;
  return { store, requests, sleeps, count };
}

function schemaHandlers(properties = dataSourceProperties()) {
  return [
    http.get(`${API}/databases/${DATABASE_ID}`, () => HttpResponse.json(databaseResponse())),
    http.get(`${API}/data_sources/${DATA_SOURCE_ID}`, () => HttpResponse.json(dataSourceResponse(properties))),
    http.get(`${API}/users/me`, () => HttpResponse.json({ object: 'user', id: BOT_USER_ID, type: 'bot', bot: {} })),
  ];
}

async function collect<T>(iterable: AsyncIterable<T[]>): Promise<T[][]> {
  const batches: T[][] = [];
  for await (const batch of iterable) batches.push(batch);
  return batches;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('schema()', () => {
  it('resolves the first data source of the database and caches it', async () => {
    server.use(...schemaHandlers());
    const { store, requests } = harness();
    const schema = await store.schema();
    expect(schema).toEqual({
      databaseId: DATABASE_ID,
      dataSourceId: DATA_SOURCE_ID,
      propertyIds: { status: '%5EOE%40', resolutionNotified: 'Rn%3D' },
      botUserId: BOT_USER_ID,
      customerReports: true,
    });
    await store.schema();
    expect(requests).toHaveLength(3);
  });

  it('sends the token and the 2025-09-03 API version', async () => {
    let headers: Headers | undefined;
    server.use(
      http.get(`${API}/databases/${DATABASE_ID}`, ({ request }) => {
        headers = request.headers;
        return HttpResponse.json(databaseResponse());
      }),
      ...schemaHandlers(),
    );
    await harness().store.schema();
    expect(headers?.get('authorization')).toBe('Bearer secret_notion_test');
    expect(headers?.get('notion-version')).toBe('2025-09-03');
  });

  it('says to share the database with the integration when Notion answers 404', async () => {
    server.use(
      http.get(`${API}/databases/${DATABASE_ID}`, () =>
        HttpResponse.json(notionError(404, 'object_not_found', `Could not find database with ID: ${DATABASE_ID}.`), { status: 404 }),
      ),
    );
    const err = await failure(harness().store.schema());
    expect(err.code).toBe('misconfigured');
    expect(err.message).toContain('not shared with the integration');
    expect(err.message).toContain('Connections');
  });

  it('lists every schema problem with its fix, and tries again on the next call', async () => {
    const broken = dataSourceProperties();
    delete broken['Slack Channel'];
    server.use(...schemaHandlers(broken));
    const { store, requests } = harness();
    const err = await failure(store.schema());
    expect(err.code).toBe('misconfigured');
    expect(err.message).toContain('"Slack Channel" does not exist');
    expect(err.details?.problems).toHaveLength(1);

    server.use(...schemaHandlers());
    await expect(store.schema()).resolves.toMatchObject({ dataSourceId: DATA_SOURCE_ID });
    expect(requests).toHaveLength(5); // database + data source twice, then the bot user once
  });

  it('sends every request through the shared rate limiter', async () => {
    class CountingLimiter extends RateLimiter {
      scheduled = 0;
      override schedule<T>(priority: 'interactive' | 'background', fn: () => Promise<T>): Promise<T> {
        this.scheduled += 1;
        return super.schedule(priority, fn);
      }
    }
    const limiter = new CountingLimiter(100);
    server.use(...schemaHandlers(), http.post(QUERY, () => HttpResponse.json(queryResponse([pageResponse({ number: 1 })]))));
    const { store, requests } = harness(2_000, limiter);
    await store.findByNumber(1);
    expect(requests).toHaveLength(4);
    expect(limiter.scheduled).toBe(4);
  });

  it('maps an invalid token to a misconfigured error', async () => {
    server.use(
      http.get(`${API}/databases/${DATABASE_ID}`, () =>
        HttpResponse.json(notionError(401, 'unauthorized', 'API token is invalid.'), { status: 401 }),
      ),
    );
    const { store, count } = harness();
    const err = await failure(store.schema());
    expect(err).toMatchObject({ code: 'misconfigured', details: expect.objectContaining({ failure: 'auth', upstreamStatus: 401 }) });
    expect(count('GET', `/databases/${DATABASE_ID}`)).toBe(1);
  });
});

describe('reading tickets', () => {
  it('iterateAll pages through the data source by created time, 100 at a time, with cursors', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    const first = Array.from({ length: 100 }, (_, i) => pageResponse({ number: i + 1 }));
    const second = [pageResponse({ number: 101 }), pageResponse({ number: 102 })];
    server.use(
      ...schemaHandlers(),
      http.post(QUERY, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        return HttpResponse.json(body.start_cursor === 'cursor-2' ? queryResponse(second) : queryResponse(first, 'cursor-2'));
      }),
    );
    const batches = await collect(harness().store.iterateAll());
    expect(batches.map((b) => b.length)).toEqual([100, 2]);
    expect(batches[1]!.map((t) => t.ticketId)).toEqual(['JMP-101', 'JMP-102']);
    expect(bodies[0]).toMatchObject({ page_size: 100, sorts: [{ timestamp: 'created_time', direction: 'ascending' }] });
    expect(bodies[1]).toMatchObject({ page_size: 100, start_cursor: 'cursor-2' });
  });

  it('iterateAll continues past the 10,000-row cut-off with a created-time window', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    server.use(
      ...schemaHandlers(),
      http.post(QUERY, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        if (body.filter === undefined) {
          return HttpResponse.json(
            queryResponse([pageResponse({ number: 1, createdTime: '2026-01-01T00:00:00.000Z' })], null, true),
          );
        }
        return HttpResponse.json(queryResponse([pageResponse({ number: 2, createdTime: '2026-01-02T00:00:00.000Z' })]));
      }),
    );
    const batches = await collect(harness().store.iterateAll());
    expect(batches.flat().map((t) => t.ticketId)).toEqual(['JMP-1', 'JMP-2']);
    expect(bodies[1]?.filter).toEqual({ timestamp: 'created_time', created_time: { on_or_after: '2026-01-01T00:00:00.000Z' } });
  });

  it('iterateEditedSince filters and sorts by last edit and follows cursors', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    server.use(
      ...schemaHandlers(),
      http.post(QUERY, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        return HttpResponse.json(
          body.start_cursor ? queryResponse([pageResponse({ number: 2 })]) : queryResponse([pageResponse({ number: 1 })], 'c2'),
        );
      }),
    );
    const batches = await collect(harness().store.iterateEditedSince('2026-03-01T00:00:00.000Z'));
    expect(batches.map((b) => b.map((t) => t.ticketId))).toEqual([['JMP-1'], ['JMP-2']]);
    expect(bodies[0]).toEqual({
      page_size: 100,
      filter: { timestamp: 'last_edited_time', last_edited_time: { on_or_after: '2026-03-01T00:00:00.000Z' } },
      sorts: [{ timestamp: 'last_edited_time', direction: 'ascending' }],
    });
    expect(bodies[1]).toMatchObject({ start_cursor: 'c2' });
  });

  it('iterateDoneUnannounced asks for Done tickets with no resolution date edited since', async () => {
    let body: Record<string, unknown> | undefined;
    server.use(
      ...schemaHandlers(),
      http.post(QUERY, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(queryResponse([pageResponse({ number: 7, status: 'Done' })]));
      }),
    );
    const batches = await collect(harness().store.iterateDoneUnannounced('2026-03-01T00:00:00.000Z'));
    expect(batches.flat().map((t) => [t.ticketId, t.done])).toEqual([['JMP-7', true]]);
    expect(body?.filter).toEqual({
      and: [
        { property: 'Status', status: { equals: 'Done' } },
        { property: 'Resolution Notified', date: { is_empty: true } },
        { timestamp: 'last_edited_time', last_edited_time: { on_or_after: '2026-03-01T00:00:00.000Z' } },
      ],
    });
  });

  it('get returns the ticket of a page', async () => {
    server.use(
      ...schemaHandlers(),
      http.get(`${API}/pages/${pageId(5)}`, () => HttpResponse.json(pageResponse({ number: 5, title: 'Export is slow' }))),
    );
    await expect(harness().store.get(pageId(5))).resolves.toMatchObject({ ticketId: 'JMP-5', title: 'Export is slow' });
  });

  it.each([
    ['missing', () => HttpResponse.json(notionError(404, 'object_not_found', 'Could not find page'), { status: 404 })],
    ['in the trash', () => HttpResponse.json(pageResponse({ number: 5, inTrash: true }))],
    ['in another data source', () => HttpResponse.json(pageResponse({ number: 5, dataSourceId: '77777777-0000-4000-8000-000000000000' }))],
  ])('get throws ticket_not_found (404) for a page %s', async (_, respond) => {
    server.use(...schemaHandlers(), http.get(`${API}/pages/${pageId(5)}`, respond));
    const err = await failure(harness().store.get(pageId(5)));
    expect(err).toMatchObject({ code: 'ticket_not_found', status: 404 });
  });

  it('findByNumber filters on the unique id number', async () => {
    let body: Record<string, unknown> | undefined;
    server.use(
      ...schemaHandlers(),
      http.post(QUERY, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(queryResponse(body.filter && JSON.stringify(body.filter).includes('123') ? [pageResponse({ number: 123 })] : []));
      }),
    );
    const { store } = harness();
    await expect(store.findByNumber(123)).resolves.toMatchObject({ ticketId: 'JMP-123' });
    expect(body).toMatchObject({ filter: { property: 'ID', unique_id: { equals: 123 } }, page_size: 1 });
    await expect(store.findByNumber(9)).resolves.toBeNull();
  });

  it('findByConversation confirms substring matches against the parsed ids', async () => {
    let body: Record<string, unknown> | undefined;
    server.use(
      ...schemaHandlers(),
      http.post(QUERY, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(
          queryResponse([
            pageResponse({ number: 1, conversations: conversationUrl(APP_ID, '1234') }),
            pageResponse({ number: 2, conversations: `${conversationUrl(APP_ID, '999')}\n${conversationUrl(APP_ID, '123')}` }),
          ]),
        );
      }),
    );
    const found = await harness().store.findByConversation('123');
    expect(found.map((t) => t.ticketId)).toEqual(['JMP-2']);
    expect(body?.filter).toEqual({ property: 'Intercom Conversations', rich_text: { contains: '123' } });
  });
});

describe('writing tickets', () => {
  it('create sends the data source as parent and the ticket properties', async () => {
    let body: { parent: unknown; properties: Record<string, never> } | undefined;
    server.use(
      ...schemaHandlers(),
      http.post(`${API}/pages`, async ({ request }) => {
        body = (await request.json()) as typeof body;
        return HttpResponse.json(applyWrites(pageResponse({ number: 124 }), body!.properties));
      }),
    );
    const ticket = await harness().store.create({
      title: 'SSO login loops',
      description: 'd'.repeat(4500),
      conversationIds: ['215000000000001'],
    });
    expect(body?.parent).toEqual({ type: 'data_source_id', data_source_id: DATA_SOURCE_ID });
    expect(body?.properties).not.toHaveProperty('ID');
    expect(body?.properties.Status).toEqual({ status: { name: 'Not started' } });
    const description = (body?.properties.Description as unknown as { rich_text: Array<{ text: { content: string } }> }).rich_text;
    expect(description.map((i) => i.text.content.length)).toEqual([2000, 2000, 500]);
    expect(ticket).toMatchObject({
      ticketId: 'JMP-124',
      title: 'SSO login loops',
      description: 'd'.repeat(4500),
      conversationIds: ['215000000000001'],
      status: 'Not started',
    });
  });

  it('a ticket holds 1,000 conversations through an update and a read', async () => {
    let stored = pageResponse({ number: 9 });
    server.use(
      ...schemaHandlers(),
      http.patch(`${API}/pages/${pageId(9)}`, async ({ request }) => {
        const body = (await request.json()) as { properties: Record<string, never> };
        stored = applyWrites(stored, body.properties);
        return HttpResponse.json(stored);
      }),
      http.get(`${API}/pages/${pageId(9)}`, () => HttpResponse.json(stored)),
    );
    const ids = Array.from({ length: 1000 }, (_, i) => String(215_000_000_000_000 + i * 7));
    const { store } = harness();
    await store.update(pageId(9), { conversationIds: ids });
    expect((await store.get(pageId(9))).conversationIds).toEqual(ids);
  });

  it('update writes only the properties in the patch', async () => {
    let body: { properties: Record<string, unknown> } | undefined;
    server.use(
      ...schemaHandlers(),
      http.patch(`${API}/pages/${pageId(3)}`, async ({ request }) => {
        body = (await request.json()) as typeof body;
        return HttpResponse.json(applyWrites(pageResponse({ number: 3, status: 'Done' }), body!.properties as never));
      }),
    );
    const ticket = await harness().store.update(pageId(3), {
      slackChannelUrl: 'https://acme.slack.com/archives/C0123ABCD',
      resolutionNotifiedAt: '2026-03-03T12:00:00.000Z',
    });
    expect(body).toEqual({
      properties: {
        'Slack Channel': { url: 'https://acme.slack.com/archives/C0123ABCD' },
        'Resolution Notified': { date: { start: '2026-03-03T12:00:00.000Z' } },
      },
    });
    expect(ticket).toMatchObject({ slackChannelId: 'C0123ABCD', resolutionNotifiedAt: '2026-03-03T12:00:00.000Z' });
  });
});

describe('retries and failures', () => {
  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    let calls = 0;
    server.use(
      ...schemaHandlers(),
      http.get(`${API}/pages/${pageId(1)}`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(notionError(429, 'rate_limited', 'You have been rate limited.'), {
              status: 429,
              headers: { 'Retry-After': '2' },
            })
          : HttpResponse.json(pageResponse({ number: 1 }));
      }),
    );
    const { store, sleeps, count } = harness();
    await expect(store.get(pageId(1))).resolves.toMatchObject({ ticketId: 'JMP-1' });
    expect(sleeps).toEqual([2000]);
    expect(count('GET', `/pages/${pageId(1)}`)).toBe(2);
  });

  it('retries a read that got a 5xx', async () => {
    let calls = 0;
    server.use(
      ...schemaHandlers(),
      http.post(QUERY, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(notionError(503, 'service_unavailable', 'Notion is unavailable.'), { status: 503 })
          : HttpResponse.json(queryResponse([pageResponse({ number: 4 })]));
      }),
    );
    const { store, count } = harness();
    await expect(store.findByNumber(4)).resolves.toMatchObject({ ticketId: 'JMP-4' });
    expect(count('POST', `/data_sources/${DATA_SOURCE_ID}/query`)).toBe(2);
  });

  it('gives up on a read after three 5xx answers, with no retries inside the SDK', async () => {
    server.use(
      ...schemaHandlers(),
      http.get(`${API}/pages/${pageId(1)}`, () =>
        HttpResponse.json(notionError(500, 'internal_server_error', 'Unexpected error.'), { status: 500 }),
      ),
    );
    const { store, count } = harness();
    const err = await failure(store.get(pageId(1)));
    expect(err).toMatchObject({ code: 'upstream_unavailable', details: expect.objectContaining({ inDoubt: false }) });
    expect(count('GET', `/pages/${pageId(1)}`)).toBe(3);
  });

  it('does not repeat a create that got a 5xx and reports it in doubt', async () => {
    server.use(
      ...schemaHandlers(),
      http.post(`${API}/pages`, () => HttpResponse.json(notionError(502, 'bad_gateway', 'Bad gateway'), { status: 502 })),
    );
    const { store, count } = harness();
    const err = await failure(store.create({ title: 'T', description: '', conversationIds: ['1'] }));
    expect(err).toMatchObject({ code: 'upstream_unavailable', details: expect.objectContaining({ inDoubt: true, upstreamStatus: 502 }) });
    expect(count('POST', '/pages')).toBe(1);
  });

  it('does not repeat a create that timed out and reports upstream_timeout in doubt', async () => {
    server.use(
      ...schemaHandlers(),
      http.post(`${API}/pages`, async () => {
        await delay(500);
        return HttpResponse.json(pageResponse());
      }),
    );
    const { store, count } = harness(100);
    const err = await failure(store.create({ title: 'T', description: '', conversationIds: ['1'] }));
    expect(err).toMatchObject({ code: 'upstream_timeout', status: 504, details: expect.objectContaining({ inDoubt: true }) });
    expect(count('POST', '/pages')).toBe(1);
  });

  it('repeats a create that Notion refused with a 409 conflict (it was not applied)', async () => {
    let calls = 0;
    server.use(
      ...schemaHandlers(),
      http.post(`${API}/pages`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(notionError(409, 'conflict_error', 'Conflict occurred while saving.'), { status: 409 })
          : HttpResponse.json(pageResponse({ number: 2 }));
      }),
    );
    const { store, count } = harness();
    await expect(store.create({ title: 'T', description: '', conversationIds: [] })).resolves.toMatchObject({ ticketId: 'JMP-2' });
    expect(count('POST', '/pages')).toBe(2);
  });

  it('rejects a validation error without retrying', async () => {
    server.use(
      ...schemaHandlers(),
      http.patch(`${API}/pages/${pageId(1)}`, () =>
        HttpResponse.json(notionError(400, 'validation_error', 'body failed validation'), { status: 400 }),
      ),
    );
    const { store, count } = harness();
    const err = await failure(store.update(pageId(1), { slackChannelUrl: null }));
    expect(err).toMatchObject({ code: 'upstream_rejected', details: expect.objectContaining({ upstreamCode: 'validation_error' }) });
    expect(count('PATCH', `/pages/${pageId(1)}`)).toBe(1);
  });
});
