import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { SLACK_USER } from '../../src/sandbox/seed/demo-people.js';
import { rawJson, startSandbox, type Sandbox } from './harness.js';

/**
 * The sandbox API scripts use to write as people would, with the JSON the issue names:
 * `POST /sandbox/api/conversations/{id}/reply` `{"author":"customer"|"admin","admin_id"?,"body","note"?}`
 * and `POST /sandbox/api/slack/messages` `{"channel","thread_ts","user":"U…","text"}`.
 */

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ seed: 'demo' });
});
afterEach(() => sb.close());

const post = (path: string, body: unknown) =>
  rawJson(`${sb.url}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const A = CONVERSATION.webhookSecret;

describe('POST /sandbox/api/conversations/{id}/reply', () => {
  it('writes as the customer, as a teammate, and as a teammate’s internal note, escaped as Intercom stores it', async () => {
    const customer = await post(`/conversations/${A}/reply`, { author: 'customer', body: 'Still <b>broken</b>\n\nsince 9am' });
    expect(customer.status).toBe(200);
    expect(customer.body).toMatchObject({ part: { part_type: 'comment', author: { type: 'user' }, body: '<p>Still &lt;b&gt;broken&lt;/b&gt;</p><p>since 9am</p>' } });

    const reply = await post(`/conversations/${A}/reply`, { author: 'admin', admin_id: '7310002', body: 'On it' });
    expect(reply.body).toMatchObject({ part: { part_type: 'comment', author: { type: 'admin', id: '7310002' } } });
    // Without admin_id, the teammate is the one the app writes as; note: true makes it internal.
    const note = await post(`/conversations/${A}/reply`, { author: 'admin', body: 'internal', note: true });
    expect(note.body).toMatchObject({ part: { part_type: 'note', author: { type: 'admin', id: SANDBOX.adminId } } });

    const parts = sb.world.intercom.conversation(A)!.parts.slice(-3);
    expect(parts.map((p) => [p.partType, p.author.type, p.viaApi])).toEqual([
      ['comment', 'user', false],
      ['comment', 'admin', false],
      ['note', 'admin', false],
    ]);
  });

  it('refuses what the issue does not allow with a 400 naming the field, and an unknown conversation with a 404', async () => {
    const before = sb.world.intercom.conversation(A)!.parts.length;
    for (const [body, field] of [
      [{ author: 'bot', body: 'x' }, 'author'],
      [{ author: 'customer' }, 'body'],
      [{ author: 'customer', body: '' }, 'body'],
      [{ author: 'admin', admin_id: 'dana', body: 'x' }, 'admin_id'],
      [{ author: 'customer', body: 'x', colour: 'red' }, 'colour'],
    ] as const) {
      const { status, body: answer } = await post(`/conversations/${A}/reply`, body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(answer)).toContain(field);
    }
    expect((await post(`/conversations/${A}/reply`, { author: 'customer', body: 'x', note: true })).status).toBe(400);
    expect((await post('/conversations/999/reply', { author: 'customer', body: 'x' })).status).toBe(404);
    expect(sb.world.intercom.conversation(A)!.parts).toHaveLength(before);
  });
});

describe('POST /sandbox/api/slack/messages', () => {
  it('posts as a person, in a thread or in the channel, and answers with the ts', async () => {
    const channel = sb.world.slack.channels()[0]!;
    const top = await post('/slack/messages', { channel: channel.id, user: SLACK_USER.priya, text: 'top level' });
    expect(top.status).toBe(200);
    const { ts } = top.body as { ts: string };
    expect(top.body).toEqual({ channel: channel.id, ts: expect.stringMatching(/^\d+\.\d{6}$/), thread_ts: null });

    const reply = await post('/slack/messages', { channel: channel.id, thread_ts: ts, user: SLACK_USER.sam, text: 'in the thread' });
    expect(reply.body).toEqual({ channel: channel.id, ts: expect.any(String), thread_ts: ts });
    const written = sb.world.slack.channel(channel.id)!.messages.slice(-2);
    expect(written.map((m) => [m.user, m.text, m.threadTs ?? null, m.botId ?? null])).toEqual([
      [SLACK_USER.priya, 'top level', null, null],
      [SLACK_USER.sam, 'in the thread', ts, null],
    ]);
  });

  it('refuses a malformed message with a 400 naming the field, and an unknown channel with a 404', async () => {
    const channel = sb.world.slack.channels()[0]!;
    const before = channel.messages.length;
    for (const [body, field] of [
      [{ channel: channel.id, user: 'priya', text: 'x' }, 'user'],
      [{ channel: channel.id, user: SLACK_USER.priya, text: '' }, 'text'],
      [{ channel: channel.id, thread_ts: 'yesterday', user: SLACK_USER.priya, text: 'x' }, 'thread_ts'],
      [{ user: SLACK_USER.priya, text: 'x' }, 'channel'],
    ] as const) {
      const { status, body: answer } = await post('/slack/messages', body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(answer)).toContain(field);
    }
    expect((await post('/slack/messages', { channel: 'C0NOPE', user: SLACK_USER.priya, text: 'x' })).status).toBe(404);
    expect(sb.world.slack.channel(channel.id)!.messages).toHaveLength(before);
  });
});
