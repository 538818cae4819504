import { delay, http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/observability/logger.js';
import type { RequestEvent } from '../../../src/services/http/service-fetch.js';
import { createSlackChat } from '../../../src/services/slack/slack-chat.js';

const API = 'https://slack.com/api';
const BOT = 'U0BOT0001';
const BOT_ID = 'B0BOT0001';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function harness(timeoutMs = 2_000) {
  const requests: RequestEvent[] = [];
  const sleeps: number[] = [];
  const chat = createSlackChat({
    token: 'xoxb-test-token',
    apiUrl: null,
    timeoutMs,
    onRequest: (e) => requests.push(e),
    logger: silentLogger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  const count = (method: string) => requests.filter((r) => r.url === `${API}/${method}`).length;
  return { chat, requests, sleeps, count };
}

/** Slack methods are form posts; the SDK sends objects (blocks, metadata) as JSON strings. */
type Form = URLSearchParams;
function slack(method: string, answer: (form: Form, call: number) => JsonBodyType | Response | Promise<JsonBodyType | Response>) {
  let calls = 0;
  return http.post(`${API}/${method}`, async ({ request }) => {
    calls += 1;
    const form = new URLSearchParams(await request.text());
    const result = await answer(form, calls);
    return result instanceof Response ? result : HttpResponse.json(result);
  });
}

const authTest = slack('auth.test', () => ({
  ok: true,
  url: 'https://acme.slack.com/',
  team: 'Acme',
  user: 'ticketbot',
  team_id: 'T0ACME001',
  user_id: BOT,
  bot_id: BOT_ID,
}));

function channel(id: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    is_channel: true,
    is_private: false,
    is_archived: false,
    is_member: true,
    created: 1767225600,
    creator: BOT,
    name_normalized: name,
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    previous_names: [],
    ...extra,
  };
}

function member(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    team_id: 'T0ACME001',
    name: `user.${id.toLowerCase()}`,
    deleted: false,
    real_name: `Real ${id}`,
    is_bot: false,
    is_app_user: false,
    is_restricted: false,
    is_ultra_restricted: false,
    profile: {
      real_name: `Real ${id}`,
      display_name: `disp-${id}`,
      first_name: 'Ana',
      last_name: 'Lopez',
      email: `${id.toLowerCase()}@acme.test`,
    },
    ...extra,
  };
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

describe('identity and channels', () => {
  it('asks auth.test once and builds channel URLs from the team URL', async () => {
    let auth: string | null = null;
    server.use(
      http.post(`${API}/auth.test`, ({ request }) => {
        auth = request.headers.get('authorization');
        return HttpResponse.json({ ok: true, url: 'https://acme.slack.com/', team_id: 'T0ACME001', user_id: BOT, bot_id: BOT_ID });
      }),
    );
    const { chat, count } = harness();
    await expect(chat.identity()).resolves.toEqual({ botUserId: BOT, teamId: 'T0ACME001', teamUrl: 'https://acme.slack.com/' });
    await expect(chat.channelUrl('C0123ABCD')).resolves.toBe('https://acme.slack.com/archives/C0123ABCD');
    expect(count('auth.test')).toBe(1);
    expect(auth).toBe('Bearer xoxb-test-token');
  });

  it('creates a public channel', async () => {
    let form: Form | undefined;
    server.use(
      slack('conversations.create', (f) => {
        form = f;
        return { ok: true, channel: channel('C0NEW0001', 'jmp-123-login-fails') };
      }),
    );
    await expect(harness().chat.createChannel('jmp-123-login-fails')).resolves.toEqual({
      id: 'C0NEW0001',
      name: 'jmp-123-login-fails',
      isArchived: false,
      isMember: true,
      topic: '',
    });
    expect(form?.get('name')).toBe('jmp-123-login-fails');
    expect(form?.get('is_private')).toBe('false');
  });

  it('returns null when the channel name is taken, without retrying', async () => {
    server.use(slack('conversations.create', () => ({ ok: false, error: 'name_taken' })));
    const { chat, count } = harness();
    await expect(chat.createChannel('jmp-1-x')).resolves.toBeNull();
    expect(count('conversations.create')).toBe(1);
  });

  it('rejects other name errors', async () => {
    server.use(slack('conversations.create', () => ({ ok: false, error: 'invalid_name_specials' })));
    const err = await failure(harness().chat.createChannel('JMP 1'));
    expect(err).toMatchObject({ code: 'upstream_rejected', details: expect.objectContaining({ upstreamCode: 'invalid_name_specials' }) });
  });

  it('finds a channel by name across conversations.list pages, archived ones included', async () => {
    const forms: Form[] = [];
    server.use(
      slack('conversations.list', (form) => {
        forms.push(form);
        return form.get('cursor') === 'dGVhbTpD'
          ? { ok: true, channels: [channel('C0OLD0001', 'jmp-9-old', { is_archived: true, is_member: false })], response_metadata: { next_cursor: '' } }
          : { ok: true, channels: [channel('C0GEN0001', 'general')], response_metadata: { next_cursor: 'dGVhbTpD' } };
      }),
    );
    await expect(harness().chat.findChannelByName('jmp-9-old')).resolves.toMatchObject({
      id: 'C0OLD0001',
      isArchived: true,
      isMember: false,
    });
    expect(forms).toHaveLength(2);
    expect(Object.fromEntries(forms[0]!)).toEqual({ types: 'public_channel', exclude_archived: 'false', limit: '999' });
    expect(forms[1]!.get('cursor')).toBe('dGVhbTpD');
  });

  it('returns null when no channel has the name', async () => {
    server.use(slack('conversations.list', () => ({ ok: true, channels: [channel('C1', 'general')], response_metadata: { next_cursor: '' } })));
    await expect(harness().chat.findChannelByName('jmp-404')).resolves.toBeNull();
  });

  it('gets a channel, or null when Slack does not know it', async () => {
    server.use(
      slack('conversations.info', (form) =>
        form.get('channel') === 'C0123ABCD'
          ? { ok: true, channel: channel('C0123ABCD', 'jmp-1-x', { topic: { value: 'https://notion.so/x', creator: BOT, last_set: 1 } }) }
          : { ok: false, error: 'channel_not_found' },
      ),
    );
    const { chat } = harness();
    await expect(chat.getChannel('C0123ABCD')).resolves.toMatchObject({ topic: 'https://notion.so/x' });
    await expect(chat.getChannel('C0GONE001')).resolves.toBeNull();
  });

  it('joins a channel', async () => {
    let form: Form | undefined;
    server.use(slack('conversations.join', (f) => ((form = f), { ok: true, channel: channel('C1', 'x') })));
    await harness().chat.joinChannel('C1');
    expect(form?.get('channel')).toBe('C1');
  });

  it('cuts the topic to 250 characters without splitting an emoji', async () => {
    let form: Form | undefined;
    server.use(slack('conversations.setTopic', (f) => ((form = f), { ok: true, channel: channel('C1', 'x') })));
    await harness().chat.setTopic('C1', `${'a'.repeat(249)}🚀🚀tail`);
    expect(form?.get('topic')).toBe(`${'a'.repeat(249)}🚀`);
  });

  it('adds a link bookmark', async () => {
    let form: Form | undefined;
    server.use(slack('bookmarks.add', (f) => ((form = f), { ok: true, bookmark: { id: 'Bk01', type: 'link' } })));
    await harness().chat.addBookmark('C1', 'Notion: JMP-1', 'https://www.notion.so/x');
    expect(Object.fromEntries(form!)).toEqual({ channel_id: 'C1', title: 'Notion: JMP-1', type: 'link', link: 'https://www.notion.so/x' });
  });

  it('tells whether a channel has a bookmark to a link, retrying a read that failed', async () => {
    server.use(
      slack('bookmarks.list', (f, call) =>
        call === 1
          ? new Response('', { status: 500 })
          : { ok: true, bookmarks: [{ id: 'Bk01', channel_id: f.get('channel_id'), title: 'Notion: JMP-1', type: 'link', link: 'https://www.notion.so/x' }] },
      ),
    );
    const { chat } = harness();
    expect(await chat.hasBookmark('C1', 'https://www.notion.so/x')).toBe(true);
    expect(await chat.hasBookmark('C1', 'https://www.notion.so/y')).toBe(false);
  });
});

describe('invite', () => {
  it('invites in chunks of 100 with force, never the bot, each user once', async () => {
    const forms: Form[] = [];
    server.use(authTest, slack('conversations.invite', (f) => (forms.push(f), { ok: true, channel: channel('C1', 'x') })));
    const users = Array.from({ length: 150 }, (_, i) => `U${String(i).padStart(6, '0')}`);
    const outcome = await harness().chat.invite('C1', [...users, BOT, users[0]!]);
    expect(forms.map((f) => f.get('users')!.split(',').length)).toEqual([100, 50]);
    expect(forms.every((f) => f.get('force') === 'true' && f.get('channel') === 'C1')).toBe(true);
    expect(forms.flatMap((f) => f.get('users')!.split(','))).not.toContain(BOT);
    expect(outcome).toEqual({ invited: users, alreadyMembers: [], failed: [] });
  });

  it('reports per-user failures from errors[] and counts already_in_channel as success', async () => {
    server.use(
      authTest,
      slack('conversations.invite', () => ({
        ok: false,
        error: 'user_not_found',
        errors: [
          { user: 'U0000002', ok: false, error: 'user_not_found' },
          { user: 'U0000003', ok: false, error: 'already_in_channel' },
        ],
      })),
    );
    const { chat, count } = harness();
    await expect(chat.invite('C1', ['U0000001', 'U0000002', 'U0000003'])).resolves.toEqual({
      invited: ['U0000001'],
      alreadyMembers: ['U0000003'],
      failed: [{ userId: 'U0000002', error: 'user_not_found' }],
    });
    expect(count('conversations.invite')).toBe(1);
  });

  it('treats a whole-call already_in_channel as everyone being a member', async () => {
    server.use(authTest, slack('conversations.invite', () => ({ ok: false, error: 'already_in_channel' })));
    await expect(harness().chat.invite('C1', ['U0000001'])).resolves.toEqual({
      invited: [],
      alreadyMembers: ['U0000001'],
      failed: [],
    });
  });

  it('throws when the bot is not in the channel', async () => {
    server.use(authTest, slack('conversations.invite', () => ({ ok: false, error: 'not_in_channel' })));
    const err = await failure(harness().chat.invite('C1', ['U0000001']));
    expect(err).toMatchObject({ code: 'upstream_rejected', details: expect.objectContaining({ upstreamCode: 'not_in_channel' }) });
  });
});

describe('messages', () => {
  it('posts text, blocks and metadata and returns the ts', async () => {
    let form: Form | undefined;
    server.use(slack('chat.postMessage', (f) => ((form = f), { ok: true, channel: 'C1', ts: '1767225600.000100', message: {} })));
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*JMP-1* is done' } }];
    const metadata = { event_type: 'ticket_done', event_payload: { ticket_id: 'JMP-1', page_id: 'p1' } };
    await expect(harness().chat.postMessage('C1', { text: 'JMP-1 is done', blocks, metadata })).resolves.toEqual({
      ts: '1767225600.000100',
    });
    expect(form?.get('text')).toBe('JMP-1 is done');
    expect(JSON.parse(form!.get('blocks')!)).toEqual(blocks);
    expect(JSON.parse(form!.get('metadata')!)).toEqual(metadata);
  });

  it('does not repeat a post that got a 5xx and reports it in doubt', async () => {
    server.use(slack('chat.postMessage', () => new HttpResponse('upstream error', { status: 503 })));
    const { chat, count } = harness();
    const err = await failure(chat.postMessage('C1', { text: 'hi' }));
    expect(err).toMatchObject({ code: 'upstream_unavailable', details: expect.objectContaining({ inDoubt: true, upstreamStatus: 503 }) });
    expect(count('chat.postMessage')).toBe(1);
  });

  it('does not repeat a post that timed out and reports upstream_timeout in doubt', async () => {
    server.use(
      slack('chat.postMessage', async () => {
        await delay(500);
        return { ok: true, ts: '1.2' };
      }),
    );
    const { chat, count } = harness(100);
    const err = await failure(chat.postMessage('C1', { text: 'hi' }));
    expect(err).toMatchObject({ code: 'upstream_timeout', details: expect.objectContaining({ inDoubt: true }) });
    expect(count('chat.postMessage')).toBe(1);
  });

  it('finds our own marker message by event type and payload, reading history with metadata', async () => {
    const forms: Form[] = [];
    const marker = (user: string, ticket: string) => ({
      type: 'message',
      user,
      ...(user === BOT ? { bot_id: BOT_ID } : {}),
      text: 'done',
      ts: '1767225700.000200',
      metadata: { event_type: 'ticket_done', event_payload: { ticket_id: ticket, attempt: 1 } },
    });
    server.use(
      authTest,
      slack('conversations.history', (form) => {
        forms.push(form);
        return form.get('cursor')
          ? { ok: true, messages: [marker(BOT, 'JMP-1')], has_more: false, response_metadata: { next_cursor: '' } }
          : {
              ok: true,
              messages: [marker('U0HUMAN01', 'JMP-1'), marker(BOT, 'JMP-2')],
              has_more: true,
              response_metadata: { next_cursor: 'bmV4dA==' },
            };
      }),
    );
    const { chat } = harness();
    await expect(chat.hasMessageWithMetadata('C1', 'ticket_done', { ticket_id: 'JMP-1' }, '1767225600.000000')).resolves.toBe(true);
    expect(Object.fromEntries(forms[0]!)).toMatchObject({
      channel: 'C1',
      include_all_metadata: 'true',
      oldest: '1767225600.000000',
      inclusive: 'true',
    });
  });

  it('stops looking after a few pages of history', async () => {
    server.use(
      authTest,
      slack('conversations.history', () => ({ ok: true, messages: [], has_more: true, response_metadata: { next_cursor: 'more' } })),
    );
    const { chat, count } = harness();
    await expect(chat.hasMessageWithMetadata('C1', 'ticket_done', { ticket_id: 'JMP-1' })).resolves.toBe(false);
    expect(count('conversations.history')).toBe(5);
  });
});

describe('users', () => {
  it('looks a user up by email and maps the profile', async () => {
    let form: Form | undefined;
    server.use(slack('users.lookupByEmail', (f) => ((form = f), { ok: true, user: member('U0ANA0001') })));
    await expect(harness().chat.lookupUserByEmail(' u0ana0001@acme.test ')).resolves.toEqual({
      id: 'U0ANA0001',
      handle: 'user.u0ana0001',
      realName: 'Real U0ANA0001',
      displayName: 'disp-U0ANA0001',
      firstName: 'Ana',
      lastName: 'Lopez',
      email: 'u0ana0001@acme.test',
      deleted: false,
      isBot: false,
      isAppUser: false,
      isRestricted: false,
    });
    expect(form?.get('email')).toBe('u0ana0001@acme.test');
  });

  it('returns null when no user has the email', async () => {
    server.use(slack('users.lookupByEmail', () => ({ ok: false, error: 'users_not_found' })));
    await expect(harness().chat.lookupUserByEmail('nobody@acme.test')).resolves.toBeNull();
  });

  it('iterates the directory 200 users a page, marking guests and Slackbot', async () => {
    const forms: Form[] = [];
    server.use(
      slack('users.list', (form) => {
        forms.push(form);
        return form.get('cursor')
          ? { ok: true, members: [member('U3', { is_ultra_restricted: true })], response_metadata: { next_cursor: '' } }
          : { ok: true, members: [member('U1'), member('USLACKBOT')], response_metadata: { next_cursor: 'dXNlcjpV' } };
      }),
    );
    const pages = [];
    for await (const page of harness().chat.iterateUsers()) pages.push(page);
    expect(pages.map((p) => p.map((u) => [u.id, u.isBot, u.isRestricted]))).toEqual([
      [
        ['U1', false, false],
        ['USLACKBOT', true, false],
      ],
      [['U3', false, true]],
    ]);
    expect(forms.map((f) => f.get('limit'))).toEqual(['200', '200']);
    expect(forms[1]!.get('cursor')).toBe('dXNlcjpV');
  });
});

describe('retries and failures', () => {
  it('waits as long as Retry-After says after a 429, then succeeds, with no retry inside the SDK', async () => {
    server.use(
      slack('conversations.info', (_, call) =>
        call === 1
          ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '3' } })
          : { ok: true, channel: channel('C1', 'x') },
      ),
    );
    const { chat, sleeps, count } = harness();
    await expect(chat.getChannel('C1')).resolves.toMatchObject({ id: 'C1' });
    expect(sleeps).toEqual([3000]);
    expect(count('conversations.info')).toBe(2);
  });

  it('retries a read that got a 5xx', async () => {
    server.use(
      slack('users.lookupByEmail', (_, call) =>
        call === 1 ? new HttpResponse('oops', { status: 500 }) : { ok: true, user: member('U1') },
      ),
    );
    const { chat, count } = harness();
    await expect(chat.lookupUserByEmail('u1@acme.test')).resolves.toMatchObject({ id: 'U1' });
    expect(count('users.lookupByEmail')).toBe(2);
  });

  it('retries a read Slack refused with ok:false internal_error', async () => {
    server.use(
      slack('conversations.info', (_, call) =>
        call === 1 ? { ok: false, error: 'internal_error' } : { ok: true, channel: channel('C1', 'x') },
      ),
    );
    const { chat, count } = harness();
    await expect(chat.getChannel('C1')).resolves.toMatchObject({ id: 'C1' });
    expect(count('conversations.info')).toBe(2);
  });

  it('maps a bad token to misconfigured and a missing scope to misconfigured naming the scope', async () => {
    server.use(
      slack('auth.test', () => ({ ok: false, error: 'invalid_auth' })),
      slack('conversations.create', () => ({ ok: false, error: 'missing_scope', needed: 'channels:manage', provided: 'chat:write' })),
    );
    const { chat, count } = harness();
    const bad = await failure(chat.identity());
    expect(bad).toMatchObject({ code: 'misconfigured', details: expect.objectContaining({ upstreamCode: 'invalid_auth' }) });
    expect(count('auth.test')).toBe(1);
    const scope = await failure(chat.createChannel('jmp-1-x'));
    expect(scope.code).toBe('misconfigured');
    expect(scope.message).toContain('channels:manage');
  });

  it('gives up on a read after three timeouts', async () => {
    server.use(
      slack('conversations.info', async () => {
        await delay(500);
        return { ok: true, channel: channel('C1', 'x') };
      }),
    );
    const { chat, count } = harness(50);
    const err = await failure(chat.getChannel('C1'));
    expect(err).toMatchObject({ code: 'upstream_timeout', details: expect.objectContaining({ inDoubt: false }) });
    expect(count('conversations.info')).toBe(3);
  });
});
