import { ErrorCode, WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { SLACK_USER } from '../../src/sandbox/seed/demo-people.js';
import { rawJson, startSandbox, type Sandbox } from './harness.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ seed: 'demo' });
});
afterAll(() => sb.close());

async function platformError(promise: Promise<unknown>): Promise<WebAPIPlatformError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof WebAPIPlatformError)) throw new Error(`expected a platform error, got ${String(err)}`);
  expect(err.code).toBe(ErrorCode.PlatformError);
  return err;
}

/** Slack's per-user `errors[]` of a refused invitation (not in the SDK's error type). */
function inviteErrors(err: WebAPIPlatformError): unknown {
  return (err.data as { errors?: unknown }).errors;
}

let counter = 0;
async function newChannel(client: WebClient = sb.slack): Promise<string> {
  counter += 1;
  const created = await client.conversations.create({ name: `jmp-9${counter}-test-channel` });
  return created.channel!.id!;
}

describe('Slack fake: auth and scopes', () => {
  it('answers auth.test with the bot, the team and the granted scopes header', async () => {
    const auth = await sb.slack.auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: SANDBOX.slackBotUserId, team_id: SANDBOX.slackTeamId, url: SANDBOX.slackTeamUrl });
    expect(auth.response_metadata?.scopes).toEqual(expect.arrayContaining(['channels:manage', 'chat:write', 'users:read.email']));
  });

  it('refuses a wrong token with invalid_auth (HTTP 200) and a missing one with not_authed', async () => {
    const wrong = await rawJson(`${sb.url}/slack/api/auth.test`, { method: 'POST', headers: { authorization: 'Bearer xoxb-nope' } });
    expect(wrong).toMatchObject({ status: 200, body: { ok: false, error: 'invalid_auth' } });
    const missing = await rawJson(`${sb.url}/slack/api/auth.test`, { method: 'POST' });
    expect(missing.body).toEqual({ ok: false, error: 'not_authed' });
  });

  it('accepts JSON bodies as well as forms', async () => {
    const res = await rawJson(`${sb.url}/slack/api/users.lookupByEmail`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox', 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ email: 'dana@brightdesk.example' }),
    });
    expect(res.body).toMatchObject({ ok: true, user: { id: SLACK_USER.dana } });
  });

  it('reports a removed scope in auth.test and refuses the methods that need it', async () => {
    const granted = sb.world.slack.scopes;
    sb.world.slack.scopes = granted.filter((s) => s !== 'users:read.email');
    try {
      const auth = await sb.slack.auth.test();
      expect(auth.response_metadata?.scopes).not.toContain('users:read.email');
      const err = await platformError(sb.slack.users.lookupByEmail({ email: 'dana@brightdesk.example' }));
      expect(err.data).toMatchObject({ error: 'missing_scope', needed: 'users:read.email' });
      const list = await sb.slack.users.list({ limit: 200 });
      expect(list.members?.every((m) => m.profile?.email === undefined)).toBe(true);
    } finally {
      sb.world.slack.scopes = granted;
    }
  });
});

describe('Slack fake: users', () => {
  it('lists users in cursor pages, including deactivated users, bots and Slackbot', async () => {
    const pages = [];
    for await (const page of sb.slack.paginate('users.list', { limit: 5 })) pages.push(page);
    expect(pages).toHaveLength(3);
    const members = pages.flatMap((p) => ((p as { members?: unknown[] }).members ?? []) as Array<{ id: string; deleted: boolean; is_bot: boolean }>);
    expect(members).toHaveLength(12);
    expect(members.find((m) => m.id === SLACK_USER.aiko)?.deleted).toBe(true);
    expect(members.find((m) => m.id === 'USLACKBOT')).toBeDefined();
    expect(members.find((m) => m.id === SANDBOX.slackBotUserId)?.is_bot).toBe(true);
  });

  it('looks users up by email, ignoring letter case', async () => {
    const found = await sb.slack.users.lookupByEmail({ email: 'priya@brightdesk.example' });
    expect(found.user?.id).toBe(SLACK_USER.priya);
    expect(found.user?.profile?.email).toBe('Priya@BrightDesk.example');
  });

  it('answers users_not_found for an unknown email', async () => {
    const err = await platformError(sb.slack.users.lookupByEmail({ email: 'nobody@brightdesk.example' }));
    expect(err.data.error).toBe('users_not_found');
  });
});

describe('Slack fake: channels', () => {
  it('creates a public channel with the bot as a member', async () => {
    const created = await sb.slack.conversations.create({ name: 'jmp-501-okta-login-loop' });
    expect(created.channel).toMatchObject({
      name: 'jmp-501-okta-login-loop',
      is_channel: true,
      is_private: false,
      is_archived: false,
      is_member: true,
      creator: SANDBOX.slackBotUserId,
    });
    expect(created.channel?.id).toMatch(/^C[A-Z0-9]{10}$/);
  });

  it.each([
    ['', 'invalid_name_required'],
    ['x'.repeat(81), 'invalid_name_maxlength'],
    ['JMP-1-Upper', 'invalid_name_specials'],
    ['jmp 1 spaces', 'invalid_name_specials'],
    ['jmp-1-café', 'invalid_name_specials'],
    ['---', 'invalid_name_punctuation'],
  ])('refuses the name %j with %s', async (name, error) => {
    const err = await platformError(sb.slack.conversations.create({ name }));
    expect(err.data.error).toBe(error);
  });

  it('accepts exactly 80 characters with digits, hyphens and underscores', async () => {
    const name = `jmp_2-${'a'.repeat(74)}`;
    const created = await sb.slack.conversations.create({ name });
    expect(created.channel?.name).toBe(name);
  });

  it('answers name_taken for a live or an archived channel with the same name', async () => {
    const live = await platformError(sb.slack.conversations.create({ name: 'jmp-501-okta-login-loop' }));
    expect(live.data.error).toBe('name_taken');
    const archived = await sb.slack.conversations.create({ name: 'jmp-502-archived' });
    await sb.slack.conversations.archive({ channel: archived.channel!.id! });
    const again = await platformError(sb.slack.conversations.create({ name: 'jmp-502-archived' }));
    expect(again.data.error).toBe('name_taken');
  });

  it('lists channels in cursor pages, with or without archived ones', async () => {
    const all = [];
    for await (const page of sb.slack.paginate('conversations.list', { limit: 2, exclude_archived: false, types: 'public_channel' })) {
      all.push(...(((page as { channels?: unknown[] }).channels ?? []) as Array<{ name: string; is_archived: boolean }>));
    }
    expect(all.map((c) => c.name)).toContain('jmp-502-archived');
    const live = await sb.slack.conversations.list({ exclude_archived: true, limit: 999 });
    expect(live.channels?.some((c) => c.is_archived)).toBe(false);
    expect(live.channels?.length).toBe(all.length - 1);
    const bad = await platformError(sb.slack.conversations.list({ limit: 1000 }));
    expect(bad.data.error).toBe('invalid_limit');
  });

  it('describes a channel with conversations.info and answers channel_not_found for unknown ids', async () => {
    const id = await newChannel();
    const info = await sb.slack.conversations.info({ channel: id, include_num_members: true });
    expect(info.channel).toMatchObject({ id, is_member: true, num_members: 1 });
    const err = await platformError(sb.slack.conversations.info({ channel: 'C0NOTHERE00' }));
    expect(err.data.error).toBe('channel_not_found');
  });

  it('joins a channel the bot left, and refuses to join an archived one', async () => {
    const channel = sb.world.slack.channels().find((c) => c.topic.value.includes('notion.so'))!;
    channel.members = channel.members.filter((m) => m !== SANDBOX.slackBotUserId);
    const joined = await sb.slack.conversations.join({ channel: channel.id });
    expect(joined.channel?.is_member).toBe(true);
    const again = await sb.slack.conversations.join({ channel: channel.id });
    expect(again.warning).toBe('already_in_channel');
    const archived = sb.world.slack.channel('jmp-502-archived')!;
    const err = await platformError(sb.slack.conversations.join({ channel: archived.id }));
    expect(err.data.error).toBe('is_archived');
  });

  it('sets the topic, and refuses one over 250 characters', async () => {
    const id = await newChannel();
    const topic = `https://www.notion.so/Okta-login-loop-${'a'.repeat(32)}`;
    const set = await sb.slack.conversations.setTopic({ channel: id, topic });
    expect(set.channel?.topic?.value).toBe(topic);
    expect((await sb.slack.conversations.setTopic({ channel: id, topic: 'é'.repeat(250) })).ok).toBe(true);
    const err = await platformError(sb.slack.conversations.setTopic({ channel: id, topic: 'x'.repeat(251) }));
    expect(err.data.error).toBe('too_long');
  });
});

describe('Slack fake: invitations', () => {
  it('invites several users at once', async () => {
    const id = await newChannel();
    await sb.slack.conversations.invite({ channel: id, users: `${SLACK_USER.dana},${SLACK_USER.jonathan}` });
    const members = await sb.slack.conversations.members({ channel: id });
    expect(members.members).toEqual([SANDBOX.slackBotUserId, SLACK_USER.dana, SLACK_USER.jonathan]);
  });

  it('without force, one refused user means nobody is invited; errors[] names each failure', async () => {
    const id = await newChannel();
    await sb.slack.conversations.invite({ channel: id, users: SLACK_USER.dana });
    const err = await platformError(
      sb.slack.conversations.invite({ channel: id, users: [SLACK_USER.dana, 'U0NOBODY00', SLACK_USER.jonathan, SANDBOX.slackBotUserId].join(',') }),
    );
    expect(err.data.error).toBe('already_in_channel');
    expect(inviteErrors(err)).toEqual([
      { user: SLACK_USER.dana, ok: false, error: 'already_in_channel' },
      { user: 'U0NOBODY00', ok: false, error: 'user_not_found' },
      { user: SANDBOX.slackBotUserId, ok: false, error: 'cant_invite_self' },
    ]);
    expect(sb.world.slack.channel(id)!.members).not.toContain(SLACK_USER.jonathan);
  });

  it('with force, invites the valid users and still reports the refused ones', async () => {
    const id = await newChannel();
    const err = await platformError(sb.slack.conversations.invite({ channel: id, users: `U0NOBODY00,${SLACK_USER.jonathan}`, force: true }));
    expect(inviteErrors(err)).toEqual([{ user: 'U0NOBODY00', ok: false, error: 'user_not_found' }]);
    expect(sb.world.slack.channel(id)!.members).toContain(SLACK_USER.jonathan);
  });

  it('a deactivated user (or Slackbot) fails without blocking the others', async () => {
    const id = await newChannel();
    const err = await platformError(sb.slack.conversations.invite({ channel: id, users: `${SLACK_USER.aiko},USLACKBOT,${SLACK_USER.marcus}` }));
    expect(inviteErrors(err)).toEqual([
      { user: SLACK_USER.aiko, ok: false, error: 'cant_invite' },
      { user: 'USLACKBOT', ok: false, error: 'cant_invite' },
    ]);
    expect(sb.world.slack.channel(id)!.members).toEqual([SANDBOX.slackBotUserId, SLACK_USER.marcus]);
  });

  it('refuses when the bot is not in the channel or the channel is archived', async () => {
    const id = await newChannel();
    sb.world.slack.channel(id)!.members = [];
    expect((await platformError(sb.slack.conversations.invite({ channel: id, users: SLACK_USER.dana }))).data.error).toBe('not_in_channel');
    const archived = await newChannel();
    await sb.slack.conversations.archive({ channel: archived });
    expect((await platformError(sb.slack.conversations.invite({ channel: archived, users: SLACK_USER.dana }))).data.error).toBe('is_archived');
  });
});

describe('Slack fake: messages and bookmarks', () => {
  it('round-trips message metadata through conversations.history', async () => {
    const id = await newChannel();
    const posted = await sb.slack.chat.postMessage({
      channel: id,
      text: 'JMP-7 is done',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*JMP-7* is done' } }],
      metadata: { event_type: 'ticket_resolved', event_payload: { ticket_id: 'JMP-7', page_id: 'abc' } },
    });
    expect(posted).toMatchObject({ ok: true, channel: id, ts: expect.stringMatching(/^\d{10}\.\d{6}$/) });
    const withMetadata = await sb.slack.conversations.history({ channel: id, include_all_metadata: true, oldest: '0' });
    const message = withMetadata.messages?.find((m) => m.ts === posted.ts);
    expect(message).toMatchObject({
      text: 'JMP-7 is done',
      bot_id: expect.any(String),
      user: SANDBOX.slackBotUserId,
      blocks: [{ type: 'section' }],
      metadata: { event_type: 'ticket_resolved', event_payload: { ticket_id: 'JMP-7', page_id: 'abc' } },
    });
    const without = await sb.slack.conversations.history({ channel: id });
    expect(without.messages?.find((m) => m.ts === posted.ts)).not.toHaveProperty('metadata');
  });

  it('returns history newest first, after `oldest` (exclusive)', async () => {
    const id = await newChannel();
    const first = await sb.slack.chat.postMessage({ channel: id, text: 'one' });
    await sb.slack.chat.postMessage({ channel: id, text: 'two' });
    await sb.slack.chat.postMessage({ channel: id, text: 'three' });
    const history = await sb.slack.conversations.history({ channel: id, oldest: first.ts! });
    expect(history.messages?.map((m) => m.text)).toEqual(['three', 'two']);
    const paged = await sb.slack.conversations.history({ channel: id, limit: 1 });
    expect(paged).toMatchObject({ has_more: true, messages: [{ text: 'three' }] });
    expect(paged.response_metadata?.next_cursor).not.toBe('');
  });

  it('refuses to post when the bot is not a member, the channel is archived, or unknown', async () => {
    const id = await newChannel();
    sb.world.slack.channel(id)!.members = [];
    expect((await platformError(sb.slack.chat.postMessage({ channel: id, text: 'hi' }))).data.error).toBe('not_in_channel');
    const archived = await newChannel();
    await sb.slack.conversations.archive({ channel: archived });
    expect((await platformError(sb.slack.chat.postMessage({ channel: archived, text: 'hi' }))).data.error).toBe('is_archived');
    expect((await platformError(sb.slack.chat.postMessage({ channel: 'C0NOTHERE00', text: 'hi' }))).data.error).toBe('channel_not_found');
  });

  it('adds a link bookmark and validates the link', async () => {
    const id = await newChannel();
    const added = await sb.slack.bookmarks.add({ channel_id: id, title: 'Notion: JMP-7', type: 'link', link: 'https://www.notion.so/abc' });
    expect(added.bookmark).toMatchObject({ channel_id: id, title: 'Notion: JMP-7', link: 'https://www.notion.so/abc', type: 'link' });
    const err = await platformError(sb.slack.bookmarks.add({ channel_id: id, title: 'Bad', type: 'link', link: 'notion.so/abc' }));
    expect(err.data.error).toBe('invalid_link');
  });
});
