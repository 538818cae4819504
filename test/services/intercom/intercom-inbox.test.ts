import { createServer } from 'node:net';
import { delay, http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/observability/logger.js';
import type { RequestEvent } from '../../../src/services/http/service-fetch.js';
import { createIntercomInbox } from '../../../src/services/intercom/intercom-inbox.js';

const API = 'https://api.intercom.io';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function harness(options: { timeoutMs?: number; baseUrl?: string } = {}) {
  const requests: RequestEvent[] = [];
  const sleeps: number[] = [];
  const inbox = createIntercomInbox({
    token: 'dG9rOmludGVyY29tLXRlc3Q=',
    baseUrl: options.baseUrl ?? null,
    timeoutMs: options.timeoutMs ?? 2_000,
    onRequest: (e) => requests.push(e),
    logger: silentLogger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  const count = (method: string, path: string) =>
    requests.filter((r) => r.method === method && new URL(r.url).pathname === path).length;
  return { inbox, requests, sleeps, count };
}

function intercomError(code: string, message: string) {
  return { type: 'error.list', request_id: 'req-7f3', errors: [{ code, message }] };
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

const conversation = {
  type: 'conversation',
  id: '215000000000001',
  title: null,
  created_at: 1767225600,
  updated_at: 1767229200,
  waiting_since: null,
  snoozed_until: null,
  open: true,
  state: 'open',
  read: true,
  priority: 'not_priority',
  admin_assignee_id: 5017691,
  team_assignee_id: null,
  tags: { type: 'tag.list', tags: [] },
  source: {
    type: 'email',
    id: '3001',
    delivered_as: 'customer_initiated',
    subject: 'Cannot log in with SSO',
    body: 'Hi, SSO login loops back to the start page.',
    author: { type: 'user', id: '65f0c0ffee', name: 'Dana Customer', email: 'dana@example.com' },
    attachments: [],
    url: null,
    redacted: false,
  },
  contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: '65f0c0ffee', external_id: null }] },
  teammates: { type: 'admin.list', admins: [{ type: 'admin', id: '5017691' }] },
  custom_attributes: {},
  conversation_parts: {
    type: 'conversation_part.list',
    conversation_parts: [
      {
        type: 'conversation_part',
        id: '9002',
        part_type: 'note',
        body: 'Looks like the IdP redirect',
        created_at: 1767226000,
        updated_at: 1767226000,
        notified_at: 1767226000,
        author: { type: 'admin', id: '5017691', name: 'Ana Support', email: 'ana@acme.test' },
        attachments: [],
        redacted: false,
      },
      {
        type: 'conversation_part',
        id: '9001',
        part_type: 'comment',
        body: 'Thanks, looking into it',
        created_at: 1767225900,
        updated_at: 1767225900,
        notified_at: 1767225900,
        author: { type: 'admin', id: '5017691', name: 'Ana Support', email: 'ana@acme.test' },
        attachments: [],
        redacted: false,
      },
      {
        type: 'conversation_part',
        id: '9003',
        part_type: 'assignment',
        body: null,
        created_at: 1767226100,
        updated_at: 1767226100,
        author: { type: 'fin', id: '0', name: 'Fin', email: '' },
        attachments: [],
        redacted: false,
      },
    ],
    total_count: 3,
  },
};

describe('getConversation', () => {
  it('reads the plain-text conversation: source first, then parts oldest first', async () => {
    let url: URL | undefined;
    let headers: Headers | undefined;
    server.use(
      http.get(`${API}/conversations/:id`, ({ request }) => {
        url = new URL(request.url);
        headers = request.headers;
        return HttpResponse.json(conversation);
      }),
    );
    const result = await harness().inbox.getConversation('215000000000001');
    expect(url?.pathname).toBe('/conversations/215000000000001');
    expect(url?.searchParams.get('display_as')).toBe('plaintext');
    expect(headers?.get('authorization')).toBe('Bearer dG9rOmludGVyY29tLXRlc3Q=');
    expect(result).toEqual({
      id: '215000000000001',
      title: 'Cannot log in with SSO',
      createdAt: 1767225600,
      state: 'open',
      assigneeAdminId: '5017691',
      teammateAdminIds: ['5017691'],
      parts: [
        {
          id: '3001',
          partType: 'source',
          authorType: 'user',
          authorId: '65f0c0ffee',
          authorName: 'Dana Customer',
          body: 'Hi, SSO login loops back to the start page.',
          createdAt: 1767225600,
        },
        expect.objectContaining({ id: '9001', partType: 'comment', authorType: 'admin', body: 'Thanks, looking into it' }),
        expect.objectContaining({ id: '9002', partType: 'note' }),
        expect.objectContaining({ id: '9003', partType: 'assignment', authorType: 'bot', body: '' }),
      ],
    });
  });

  it('throws conversation_not_found (404) when Intercom does not have it', async () => {
    server.use(
      http.get(`${API}/conversations/:id`, () =>
        HttpResponse.json(intercomError('conversation_not_found', 'Conversation Not Found'), { status: 404 }),
      ),
    );
    const { inbox, count } = harness();
    const err = await failure(inbox.getConversation('404'));
    expect(err).toMatchObject({ code: 'conversation_not_found', status: 404 });
    expect(count('GET', '/conversations/404')).toBe(1);
  });

  it('maps an unauthorized token to misconfigured', async () => {
    server.use(
      http.get(`${API}/conversations/:id`, () =>
        HttpResponse.json(intercomError('unauthorized', 'Access Token Invalid'), { status: 401 }),
      ),
    );
    const err = await failure(harness().inbox.getConversation('1'));
    expect(err).toMatchObject({ code: 'misconfigured', details: expect.objectContaining({ upstreamCode: 'unauthorized' }) });
  });
});

describe('admins', () => {
  it('lists the teammates', async () => {
    server.use(
      http.get(`${API}/admins`, () =>
        HttpResponse.json({
          type: 'admin.list',
          admins: [
            { type: 'admin', id: '5017691', name: 'Ana Support', email: 'ana@acme.test', away_mode_enabled: false, away_mode_reassign: false, has_inbox_seat: true, team_ids: [] },
            { type: 'admin', id: '5017692', name: 'Operator', email: '', away_mode_enabled: false, away_mode_reassign: false, has_inbox_seat: false, team_ids: [] },
          ],
        }),
      ),
    );
    await expect(harness().inbox.listAdmins()).resolves.toEqual([
      { id: '5017691', name: 'Ana Support', email: 'ana@acme.test' },
      { id: '5017692', name: 'Operator', email: null },
    ]);
  });

  it('says who the token belongs to and in which workspace', async () => {
    server.use(
      http.get(`${API}/me`, () =>
        HttpResponse.json({
          type: 'admin',
          id: '5017691',
          email: 'ana@acme.test',
          name: 'Ana Support',
          email_verified: true,
          app: { type: 'app', id_code: 'abc123de', name: 'Acme', region: 'US', timezone: 'Europe/London', created_at: 1600000000, identity_verification: false },
          avatar: { type: 'avatar', image_url: null },
          has_inbox_seat: true,
        }),
      ),
    );
    await expect(harness().inbox.whoAmI()).resolves.toEqual({
      id: '5017691',
      name: 'Ana Support',
      email: 'ana@acme.test',
      appId: 'abc123de',
    });
  });
});

describe('writing to conversations', () => {
  it('adds an internal note and a customer reply as the admin', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${API}/conversations/:id/reply`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(conversation);
      }),
    );
    const { inbox } = harness();
    await inbox.addNote('215000000000001', '5017691', '<p>Linked to <b>JMP-1</b></p>');
    await inbox.reply('215000000000001', '5017691', '<p>Fixed!</p>');
    expect(bodies).toEqual([
      { message_type: 'note', type: 'admin', admin_id: '5017691', body: '<p>Linked to <b>JMP-1</b></p>' },
      { message_type: 'comment', type: 'admin', admin_id: '5017691', body: '<p>Fixed!</p>' },
    ]);
  });

  it('reopens a conversation', async () => {
    let body: unknown;
    server.use(
      http.post(`${API}/conversations/:id/parts`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(conversation);
      }),
    );
    await harness().inbox.reopen('215000000000001', '5017691');
    expect(body).toEqual({ message_type: 'open', admin_id: '5017691' });
  });

  it('does not repeat a reply that got a 5xx and reports it in doubt', async () => {
    server.use(
      http.post(`${API}/conversations/:id/reply`, () =>
        HttpResponse.json(intercomError('server_error', 'Server Error'), { status: 500 }),
      ),
    );
    const { inbox, count } = harness();
    const err = await failure(inbox.reply('7', '5017691', '<p>Fixed</p>'));
    expect(err).toMatchObject({ code: 'upstream_unavailable', details: expect.objectContaining({ inDoubt: true, upstreamStatus: 500 }) });
    expect(count('POST', '/conversations/7/reply')).toBe(1);
  });

  it('does not repeat a reply that timed out and reports upstream_timeout in doubt', async () => {
    server.use(
      http.post(`${API}/conversations/:id/reply`, async () => {
        await delay(500);
        return HttpResponse.json(conversation);
      }),
    );
    const { inbox, count } = harness({ timeoutMs: 100 });
    const err = await failure(inbox.reply('7', '5017691', '<p>Fixed</p>'));
    expect(err).toMatchObject({ code: 'upstream_timeout', details: expect.objectContaining({ inDoubt: true }) });
    expect(count('POST', '/conversations/7/reply')).toBe(1);
  });
});

describe('retries and failures', () => {
  it('waits as long as Retry-After says after a 429, then succeeds, with no retry inside the SDK', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/admins`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(intercomError('rate_limit_exceeded', 'Exceeded rate limit of 167 in 10_seconds'), {
              status: 429,
              headers: { 'Retry-After': '4' },
            })
          : HttpResponse.json({ type: 'admin.list', admins: [] });
      }),
    );
    const { inbox, sleeps, count } = harness();
    await expect(inbox.listAdmins()).resolves.toEqual([]);
    expect(sleeps).toEqual([4000]);
    expect(count('GET', '/admins')).toBe(2);
  });

  it('falls back to X-RateLimit-Reset when a 429 has no Retry-After', async () => {
    let calls = 0;
    const reset = Math.floor(Date.now() / 1000) + 6;
    server.use(
      http.get(`${API}/admins`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(intercomError('rate_limit_exceeded', 'slow down'), {
              status: 429,
              headers: { 'X-RateLimit-Reset': String(reset), 'X-RateLimit-Remaining': '0' },
            })
          : HttpResponse.json({ type: 'admin.list', admins: [] });
      }),
    );
    const { inbox, sleeps } = harness();
    await inbox.listAdmins();
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(4000);
    expect(sleeps[0]).toBeLessThanOrEqual(6000);
  });

  it('retries a read that got a 5xx', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/conversations/:id`, () => {
        calls += 1;
        return calls === 1 ? new HttpResponse('Bad gateway', { status: 502 }) : HttpResponse.json(conversation);
      }),
    );
    const { inbox, count } = harness();
    await expect(inbox.getConversation('215000000000001')).resolves.toMatchObject({ id: '215000000000001' });
    expect(count('GET', '/conversations/215000000000001')).toBe(2);
  });

  it('reports a read that keeps timing out as upstream_timeout after three attempts', async () => {
    server.use(
      http.get(`${API}/admins`, async () => {
        await delay(500);
        return HttpResponse.json({ type: 'admin.list', admins: [] });
      }),
    );
    const { inbox, count } = harness({ timeoutMs: 50 });
    const err = await failure(inbox.listAdmins());
    expect(err.code).toBe('upstream_timeout');
    expect(count('GET', '/admins')).toBe(3);
  });

  it('tells a refused connection (retried, nothing sent) from a timeout', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    server.use(http.all(`http://127.0.0.1:${port}/*`, () => passthrough()));
    const { inbox, count } = harness({ baseUrl: `http://127.0.0.1:${port}` });
    const err = await failure(inbox.reply('7', '5017691', '<p>x</p>'));
    expect(err).toMatchObject({
      code: 'upstream_unavailable',
      details: expect.objectContaining({ failure: 'unreachable', inDoubt: false }),
    });
    expect(count('POST', '/conversations/7/reply')).toBe(3);
  });
});
