import { APIErrorCode, APIResponseError } from '@notionhq/client';
import { ErrorCode, LogLevel, WebAPIHTTPError, WebAPIRateLimitedError, WebAPIRequestError, WebClient } from '@slack/web-api';
import { IntercomError } from 'intercom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { createWorld } from '../../src/sandbox/fakes/world.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { rawJson, startSandbox, type Sandbox } from './harness.js';

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ seed: 'demo' });
});
afterEach(() => sb.close());

const ds = SANDBOX.notionDataSourceId;

function createPage(title: string) {
  return sb.notion.pages.create({ parent: { data_source_id: ds }, properties: { Title: { title: [{ text: { content: title } }] } } });
}

const rowCount = () => sb.world.notion.rows(ds).length;

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
}

function slackClient(options: { timeout?: number; rejectRateLimitedCalls?: boolean } = {}) {
  return new WebClient(SANDBOX.token, { slackApiUrl: `${sb.url}/slack/api/`, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR, ...options });
}

describe('Sandbox faults: targeted rules', () => {
  it('http500 before: the client sees a 500 and nothing is created', async () => {
    sb.world.faults.addRule({ service: 'notion', method: 'pages.create', fault: 'http500' });
    const before = rowCount();
    const err = await failure(createPage('Never created'));
    expect(APIResponseError.isAPIResponseError(err) && [err.status, err.code]).toEqual([500, APIErrorCode.InternalServerError]);
    expect(rowCount()).toBe(before);
    await createPage('Created once the rule is used up');
    expect(rowCount()).toBe(before + 1);
  });

  it('http500 after: the page is created although the client sees a 500 (in doubt)', async () => {
    sb.world.faults.addRule({ service: 'notion', method: 'pages.create', fault: 'http500', phase: 'after' });
    const before = rowCount();
    await failure(createPage('Created in doubt'));
    expect(rowCount()).toBe(before + 1);
    expect(sb.world.tickets().at(-1)?.properties.Title).toBe('Created in doubt');
  });

  it('http503 on a Slack method: an HTTP error, and the message is not posted', async () => {
    const channel = sb.world.slack.channels()[0]!;
    const messages = channel.messages.length;
    sb.world.faults.addRule({ service: 'slack', method: 'chat.postMessage', fault: 'http503' });
    const err = await failure(sb.slack.chat.postMessage({ channel: channel.id, text: 'hello' }));
    expect(err).toBeInstanceOf(WebAPIHTTPError);
    expect((err as WebAPIHTTPError).statusCode).toBe(503);
    expect(channel.messages.length).toBe(messages);
  });

  it('http429 on an Intercom path: 429 with Retry-After and Intercom’s error body', async () => {
    sb.world.faults.addRule({ service: 'intercom', method: 'GET /conversations/{id}', fault: 'http429' });
    const err = await failure(sb.intercom.conversations.find({ conversation_id: CONVERSATION.oktaLoop }));
    expect(err).toBeInstanceOf(IntercomError);
    const e = err as IntercomError;
    expect(e.statusCode).toBe(429);
    expect(e.rawResponse?.headers.get('retry-after')).toBe('1');
    expect(e.body).toMatchObject({ type: 'error.list', errors: [{ code: 'rate_limit_exceeded' }] });
  });

  it('timeout before: the response is held until the client gives up, and nothing is posted', async () => {
    const channel = sb.world.slack.channels()[0]!;
    const messages = channel.messages.length;
    sb.world.faults.addRule({ service: 'slack', method: 'chat.postMessage', fault: 'timeout' });
    const err = await failure(slackClient({ timeout: 200 }).chat.postMessage({ channel: channel.id, text: 'hello' }));
    expect(err).toBeInstanceOf(WebAPIRequestError);
    expect(channel.messages.length).toBe(messages);
  });

  it('timeout after: the channel exists although the client timed out (in doubt)', async () => {
    sb.world.faults.addRule({ service: 'slack', method: 'conversations.create', fault: 'timeout', phase: 'after' });
    const err = await failure(slackClient({ timeout: 200 }).conversations.create({ name: 'jmp-77-in-doubt' }));
    expect((err as WebAPIRequestError).code).toBe(ErrorCode.RequestError);
    expect(sb.world.slack.channel('jmp-77-in-doubt')).toBeDefined();
  });

  it('a held response ends with the service’s timeout error once the hold cap passes', async () => {
    sb.world.faults.set({ timeoutHoldMs: 50, rules: [{ service: 'notion', method: 'users.me', fault: 'timeout', phase: 'before', times: 1 }] });
    const err = await failure(sb.notion.users.me({}));
    expect(APIResponseError.isAPIResponseError(err) && [err.status, err.code]).toEqual([504, APIErrorCode.GatewayTimeout]);
  });

  it('reset before: the connection is cut and no reply is added', async () => {
    const parts = sb.world.intercom.conversation(CONVERSATION.iosCrash)!.parts.length;
    sb.world.faults.addRule({ service: 'intercom', method: 'POST /conversations/{id}/reply', fault: 'reset' });
    const err = await failure(
      sb.intercom.conversations.reply({
        conversation_id: CONVERSATION.iosCrash,
        body: { message_type: 'comment', type: 'admin', admin_id: SANDBOX.adminId, body: 'Fixed' },
      }),
    );
    expect(err).toBeInstanceOf(IntercomError);
    expect((err as IntercomError).statusCode).toBeUndefined();
    expect(sb.world.intercom.conversation(CONVERSATION.iosCrash)!.parts.length).toBe(parts);
  });

  it('reset after: the page is updated although the connection was cut', async () => {
    const page = sb.world.ticket('JMP-25')!;
    sb.world.faults.addRule({ service: 'notion', method: 'pages.update', fault: 'reset', phase: 'after' });
    const err = await failure(sb.notion.pages.update({ page_id: page.page_id, properties: { Status: { status: { name: 'Done' } } } }));
    expect(APIResponseError.isAPIResponseError(err)).toBe(false);
    expect(sb.world.ticket('JMP-25')!.properties.Status).toBe('Done');
  });

  it('fails exactly `times` matching requests, then lets them through', async () => {
    sb.world.faults.addRule({ service: 'slack', method: 'auth.test', fault: 'http500', times: 2 });
    await failure(sb.slack.auth.test());
    await failure(sb.slack.auth.test());
    expect((await sb.slack.auth.test()).ok).toBe(true);
    expect(sb.world.faults.get().rules).toEqual([]);
  });

  it('only fails the named operation', async () => {
    sb.world.faults.addRule({ service: 'notion', method: 'pages.create', fault: 'http500' });
    await sb.notion.users.me({});
    await sb.notion.dataSources.retrieve({ data_source_id: ds });
    expect(sb.world.faults.get().rules).toHaveLength(1);
  });
});

describe('Sandbox faults: rate limits, random errors, latency', () => {
  it('rate limits Notion with 429 rate_limited and a whole-second Retry-After', async () => {
    sb.world.faults.set({ notion: { requestsPerSecond: 3 } });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => sb.notion.users.me({})));
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as APIResponseError);
    // The bucket holds 3; a slow machine may refill one more before the last request lands.
    expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(3);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    for (const err of refused) {
      expect([err.status, err.code]).toEqual([429, APIErrorCode.RateLimited]);
      const retryAfter = (err.headers as Headers).get('retry-after');
      expect(retryAfter).toMatch(/^[1-9]\d*$/);
    }
  });

  it('rate limits Slack with HTTP 429, Retry-After and ok:false ratelimited', async () => {
    sb.world.faults.set({ slack: { requestsPerSecond: 1 } });
    const client = slackClient({ rejectRateLimitedCalls: true });
    await client.auth.test();
    const err = await failure(client.auth.test());
    expect(err).toBeInstanceOf(WebAPIRateLimitedError);
    expect((err as WebAPIRateLimitedError).retryAfter).toBe(1);
    const raw = await rawJson(`${sb.url}/slack/api/auth.test`, { method: 'POST', headers: { authorization: 'Bearer sandbox' } });
    expect(raw).toMatchObject({ status: 429, body: { ok: false, error: 'ratelimited' } });
    expect(raw.headers.get('retry-after')).toBe('1');
  });

  it('rate limits Intercom with its error list and rate limit headers', async () => {
    sb.world.faults.set({ intercom: { requestsPerSecond: 1 } });
    await sb.intercom.admins.list();
    const raw = await rawJson(`${sb.url}/intercom/admins`, { headers: { authorization: 'Bearer sandbox' } });
    expect(raw).toMatchObject({ status: 429, body: { type: 'error.list', errors: [{ code: 'rate_limit_exceeded' }] } });
    expect(raw.headers.get('retry-after')).toBe('1');
    expect(raw.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('answers every request with a 500 at an error rate of 1', async () => {
    sb.world.faults.set({ intercom: { errorRate: 1 } });
    const err = await failure(sb.intercom.admins.list());
    expect((err as IntercomError).statusCode).toBe(500);
    expect((err as IntercomError).body).toMatchObject({ type: 'error.list', errors: [{ code: 'server_error' }] });
  });

  it('repeats the same random errors for the same seed', () => {
    const pattern = (seed: number) => {
      const world = createWorld({ seed: 'empty', faults: { seed, slack: { errorRate: 0.5 } } });
      return Array.from({ length: 40 }, () => world.faults.plan('slack', 'auth.test').randomError);
    };
    expect(pattern(7)).toEqual(pattern(7));
    expect(pattern(7)).not.toEqual(pattern(8));
    expect(pattern(7).filter(Boolean).length).toBeGreaterThan(5);
    expect(pattern(7).filter(Boolean).length).toBeLessThan(35);
  });

  it('adds latency to every request (a client with a shorter timeout gives up)', async () => {
    sb.world.faults.set({ slack: { latencyMs: 500 } });
    const err = await failure(slackClient({ timeout: 50 }).auth.test());
    expect(err).toBeInstanceOf(WebAPIRequestError);
    sb.world.faults.set({ slack: { latencyMs: 0 } });
    expect((await slackClient({ timeout: 50 }).auth.test()).ok).toBe(true);
  });
});

describe('Sandbox faults: control API and counters', () => {
  it('sets, reads and clears faults over HTTP', async () => {
    const post = await rawJson(`${sb.url}/api/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notion: { latencyMs: 5 }, rules: [{ service: 'slack', method: 'conversations.invite', fault: 'http500', phase: 'after' }] }),
    });
    expect(post.status).toBe(200);
    expect(post.body).toMatchObject({ notion: { latencyMs: 5, errorRate: 0 }, rules: [{ service: 'slack', method: 'conversations.invite', times: 1 }] });
    const read = await rawJson(`${sb.url}/api/faults`);
    expect(read.body).toEqual(post.body);
    const cleared = await rawJson(`${sb.url}/api/faults`, { method: 'DELETE' });
    expect(cleared.body).toMatchObject({ notion: { latencyMs: 0 }, rules: [] });
  });

  it('refuses a rule for an operation the fake does not have', async () => {
    const res = await rawJson(`${sb.url}/api/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: [{ service: 'notion', method: 'pages.delete', fault: 'http500' }] }),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', issues: [{ path: ['rules', 0, 'method'] }] });
  });

  it('counts requests per service and operation, refused ones included, and resets the counts', async () => {
    sb.world.faults.addRule({ service: 'notion', method: 'pages.create', fault: 'http500' });
    await failure(createPage('Counted'));
    await createPage('Counted too');
    await sb.slack.auth.test();
    const calls = await rawJson(`${sb.url}/api/calls`);
    expect(calls.body).toEqual({
      notion: { total: 2, methods: { 'pages.create': 2 } },
      slack: { total: 1, methods: { 'auth.test': 1 } },
      intercom: { total: 0, methods: {} },
    });
    await rawJson(`${sb.url}/api/calls`, { method: 'DELETE' });
    expect(sb.world.calls.count('notion')).toBe(0);
  });
});
