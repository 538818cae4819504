import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyBudget } from '../../src/http/body-budget.js';
import { errorResponse } from '../../src/http/error-response.js';
import { createLogger } from '../../src/observability/logger.js';
import { slackWebhookRoutes } from '../../src/routes/slack-webhooks.js';
import { signIntercomWebhook, slackSignatureHeaders } from '../../src/http/webhook-signatures.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { SLACK_USER } from '../../src/sandbox/seed/demo-people.js';
import { channelOf, rootOf, settled } from '../support/threads.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * POST /webhooks/intercom, /webhooks/slack and /webhooks/slack/interactions refuse anything not
 * signed with the current secrets (and, for Slack, within five minutes) with a 401, and then do
 * nothing: no work recorded, no call to any service.
 */

const A = CONVERSATION.webhookSecret;

describe('the thread sync webhooks, unsigned or badly signed', () => {
  let sandbox: TestSandbox;
  let eventBody: string;
  let notificationBody: string;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    const created = (await (await sandbox.api('/create-ticket', { intercom_conversation_id: A })).json()) as { notion_ticket_id: string };
    const channel = channelOf(sandbox, created.notion_ticket_id);
    const root = rootOf(channel, A);
    await settled(sandbox);
    eventBody = JSON.stringify({
      type: 'event_callback',
      event_id: 'Ev0FORGED001',
      event: { type: 'message', channel: channel.id, user: SLACK_USER.priya, text: 'forged', ts: '1999999999.000100', thread_ts: root.ts },
    });
    notificationBody = JSON.stringify({ type: 'notification_event', id: 'notif_forged', topic: 'conversation.user.replied', data: { item: { type: 'conversation', id: A } } });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  async function expectRefusedAndNothingDone(response: Response, message: RegExp): Promise<void> {
    const calls = sandbox.world.calls.snapshot();
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toMatch(message);
    await settled(sandbox);
    expect(await sandbox.runtime.flows.threadStore.pendingWork()).toEqual([]);
    expect(sandbox.world.calls.snapshot()).toEqual(calls);
  }

  it('refuses a Slack event with a bad signature', async () => {
    const headers = slackSignatureHeaders(eventBody, 'not-the-signing-secret');
    await expectRefusedAndNothingDone(await post('/webhooks/slack', eventBody, headers), /Invalid X-Slack-Signature/);
  });

  it('refuses a Slack event signed correctly six minutes ago (a replay)', async () => {
    const headers = slackSignatureHeaders(eventBody, SANDBOX.slackSigningSecret, Date.now() - 6 * 60_000);
    await expectRefusedAndNothingDone(await post('/webhooks/slack', eventBody, headers), /more than five minutes/);
  });

  it('refuses a Slack request without its signature headers, and an interaction with a bad signature', async () => {
    await expectRefusedAndNothingDone(await post('/webhooks/slack', eventBody, {}), /Missing X-Slack-Signature/);
    const form = new URLSearchParams({ payload: '{"type":"view_submission"}' }).toString();
    const headers = { ...slackSignatureHeaders(form, 'wrong'), 'content-type': 'application/x-www-form-urlencoded' };
    await expectRefusedAndNothingDone(await post('/webhooks/slack/interactions', form, headers), /Invalid X-Slack-Signature/);
  });

  it('refuses an Intercom notification with a bad or missing X-Hub-Signature', async () => {
    const wrong = { 'x-hub-signature': signIntercomWebhook(notificationBody, 'not-the-client-secret') };
    await expectRefusedAndNothingDone(await post('/webhooks/intercom', notificationBody, wrong), /Invalid X-Hub-Signature/);
    await expectRefusedAndNothingDone(await post('/webhooks/intercom', notificationBody, {}), /Missing X-Hub-Signature/);
    // The Canvas Kit signature (SHA-256) is not the webhook one.
    const canvasStyle = { 'x-hub-signature': `sha1=${'0'.repeat(40)}`, 'x-body-signature': 'a'.repeat(64) };
    await expectRefusedAndNothingDone(await post('/webhooks/intercom', notificationBody, canvasStyle), /Invalid X-Hub-Signature/);
  });

  it('answers Slack\'s URL verification, signed, with the challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'abc123' });
    const response = await post('/webhooks/slack', body, slackSignatureHeaders(body, SANDBOX.slackSigningSecret));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'abc123' });
  });

  it("answers Intercom's ping (a null id, no conversation), signed, with a 200 and does nothing", async () => {
    const ping = JSON.stringify({ type: 'notification_event', id: null, topic: 'ping', data: { type: 'notification_event_data', item: { type: 'ping', message: 'hi' } } });
    const calls = sandbox.world.calls.snapshot();
    const response = await post('/webhooks/intercom', ping, { 'x-hub-signature': signIntercomWebhook(ping, SANDBOX.intercomClientSecret) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ignored', topic: 'ping' });
    await settled(sandbox);
    expect(sandbox.world.calls.snapshot()).toEqual(calls);
    // A thread topic without a conversation id is a 400 that names it.
    const broken = JSON.stringify({ type: 'notification_event', id: 'notif_1', topic: 'conversation.user.replied', data: { item: { type: 'conversation' } } });
    const refused = await post('/webhooks/intercom', broken, { 'x-hub-signature': signIntercomWebhook(broken, SANDBOX.intercomClientSecret) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('data.item.id');
  });

  it('answers a signed request it cannot read with a 400 that says why', async () => {
    const body = JSON.stringify({ type: 'event_callback', event: { type: 'message' } });
    const response = await post('/webhooks/slack', body, slackSignatureHeaders(body, SANDBOX.slackSigningSecret));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('event_id');
  });
});

describe('without SLACK_SIGNING_SECRET', () => {
  it('refuses Slack requests, saying which variable to set', async () => {
    // Nothing past the refusal is reached: the route needs no flows for it.
    const app = new Hono();
    const logger = createLogger({ level: 'silent' });
    app.onError((err, c) => errorResponse(err, c, logger));
    app.route('/webhooks', slackWebhookRoutes({ threads: null as never, flows: null as never, signingSecrets: [], bodyBudget: new BodyBudget(1024) }));
    const body = JSON.stringify({ type: 'url_verification', challenge: 'x' });
    const response = await app.request('/webhooks/slack', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...slackSignatureHeaders(body, SANDBOX.slackSigningSecret) },
      body,
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('SLACK_SIGNING_SECRET is not set');
  });
});
