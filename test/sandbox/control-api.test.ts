import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { createFakesApp } from '../../src/sandbox/fakes/app.js';
import { createWorld } from '../../src/sandbox/fakes/world.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { rawJson, startSandbox, type Sandbox } from './harness.js';

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ seed: 'demo', faults: { notion: { latencyMs: 1 } } });
});
afterEach(() => sb.close());

const post = (url: string, body: unknown) =>
  rawJson(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('Sandbox control API', () => {
  it('GET /api/info gives the values the app is configured with, and where the fakes listen', async () => {
    const { status, body } = await rawJson(`${sb.url}/api/info`);
    expect(status).toBe(200);
    expect(body).toEqual({
      notion_database_id: SANDBOX.notionDatabaseId,
      notion_data_source_id: SANDBOX.notionDataSourceId,
      intercom_app_id: SANDBOX.intercomAppId,
      intercom_client_secret: SANDBOX.intercomClientSecret,
      slack_signing_secret: SANDBOX.slackSigningSecret,
      api_token: SANDBOX.apiToken,
      notion_webhook_verification_token: SANDBOX.notionWebhookVerificationToken,
      admin_id: SANDBOX.adminId,
      conversation_ids: Object.values(CONVERSATION),
      token: SANDBOX.token,
      ticket_prefix: 'JMP',
      slack_team_id: SANDBOX.slackTeamId,
      slack_team_url: SANDBOX.slackTeamUrl,
      slack_bot_user_id: SANDBOX.slackBotUserId,
      notion_base_url: `${sb.url}/notion`,
      slack_api_url: `${sb.url}/slack/api/`,
      intercom_base_url: `${sb.url}/intercom`,
    });
  });

  it('GET /api/state draws the whole sandbox: tickets, channels, conversations, people', async () => {
    const { body } = await rawJson(`${sb.url}/api/state?tickets=5`);
    const state = body as ReturnType<typeof sb.world.state>;
    expect(state.notion.ticket_count).toBe(40);
    expect(state.notion.tickets).toHaveLength(5);
    const edited = state.notion.tickets.map((t) => Date.parse(t.last_edited_time));
    expect(edited).toEqual([...edited].sort((a, b) => b - a));
    expect(state.notion.property_ids).toMatchObject({ Status: '%5DqJb', Title: 'title' });
    expect(state.notion.status_options).toContain('Done');
    expect(state.slack.channels).toHaveLength(3);
    expect(state.slack.channels[0]!.topic).toMatch(/^https:\/\/www\.notion\.so\//);
    expect(state.slack.users).toHaveLength(12);
    expect(state.intercom.conversations).toHaveLength(12);
    const okta = state.intercom.conversations.find((c) => c.id === CONVERSATION.oktaLoop)!;
    expect(okta.messages[0]).toMatchObject({ part_type: 'source', author: { type: 'user', name: 'Megan Torres' } });
    expect(okta.messages[0]!.text).not.toContain('<p>');
    expect(state.intercom.admins).toHaveLength(6);
  });

  it('POST /api/notion/pages/:id/status changes the status as a person would', async () => {
    const page = sb.world.ticket('JMP-20')!;
    const res = await post(`${sb.url}/api/notion/pages/${page.page_id}/status`, { status: 'done' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ticket: { ticket_id: 'JMP-20', properties: { Status: 'Done' }, last_edited_by: 'person' } });
    expect(sb.world.webhooks.events.at(-1)).toMatchObject({ type: 'page.properties_updated', entity: { id: page.page_id } });
  });

  it('answers 404 for an unknown ticket and 400 for an unknown status', async () => {
    expect((await post(`${sb.url}/api/notion/pages/JMP-999/status`, { status: 'Done' })).status).toBe(404);
    const bad = await post(`${sb.url}/api/notion/pages/JMP-1/status`, { status: 'Shipped' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('In progress');
  });

  it('POST /api/reset reseeds, clears counters and restores the initial faults', async () => {
    await sb.notion.pages.create({ parent: { data_source_id: SANDBOX.notionDataSourceId }, properties: { Title: { title: [{ text: { content: 'Extra' } }] } } });
    await sb.slack.conversations.create({ name: 'jmp-41-extra' });
    sb.world.faults.set({ slack: { errorRate: 1 } });
    const res = await post(`${sb.url}/api/reset`, {});
    expect(res.status).toBe(200);
    expect(sb.world.tickets()).toHaveLength(40);
    expect(sb.world.slack.channel('jmp-41-extra')).toBeUndefined();
    expect(sb.world.calls.count('notion')).toBe(0);
    expect(sb.world.faults.get()).toMatchObject({ notion: { latencyMs: 1 }, slack: { errorRate: 0 } });
  });

  it('POST /api/reset can switch seeds, and refuses unknown ones', async () => {
    await post(`${sb.url}/api/reset`, { seed: 'empty' });
    expect(sb.world.tickets()).toHaveLength(0);
    expect((await post(`${sb.url}/api/reset`, { seed: 'huge' })).status).toBe(400);
    await post(`${sb.url}/api/reset`, { seed: { generatedTickets: 60 } });
    expect(sb.world.tickets()).toHaveLength(60);
  });

  it('GET /api/webhooks lists emitted events and delivery attempts', async () => {
    sb.world.setStatus('JMP-5', 'Done');
    const { body } = await rawJson(`${sb.url}/api/webhooks`);
    expect(body).toMatchObject({ target_url: null, delivery: { copies: 1 }, events: [{ type: 'page.properties_updated' }], attempts: [] });
  });
});

describe('Sandbox fakes mounted inside another Hono app', () => {
  it('serve their routes under the mount path, without a real server', async () => {
    const world = createWorld({ seed: 'demo' });
    const app = new Hono().route('/sandbox', createFakesApp(world));
    const info = await app.request('/sandbox/api/info');
    expect(await info.json()).toMatchObject({ notion_base_url: 'http://localhost/sandbox/notion' });
    const me = await app.request('/sandbox/notion/v1/users/me', { headers: { authorization: 'Bearer sandbox', 'notion-version': '2025-09-03' } });
    expect(await me.json()).toMatchObject({ object: 'user', type: 'bot' });
    const slack = await app.request('/sandbox/slack/api/auth.test', { method: 'POST', headers: { authorization: 'Bearer sandbox' } });
    expect(await slack.json()).toMatchObject({ ok: true });
    world.faults.addRule({ service: 'intercom', method: 'GET /me', fault: 'reset' });
    const reset = await app.request('/sandbox/intercom/me', { headers: { authorization: 'Bearer sandbox' } });
    expect(reset.status).toBe(502);
    world.dispose();
  });

  it('answer unknown Slack methods and Notion paths the way the services do', async () => {
    const app = createFakesApp(createWorld({ seed: 'empty' }));
    const slack = await app.request('/slack/api/chat.scheduleMessage', { method: 'POST' });
    expect(await slack.json()).toEqual({ ok: false, error: 'unknown_method' });
    const notion = await app.request('/notion/v1/blocks/abc/children');
    expect(notion.status).toBe(400);
    expect(await notion.json()).toMatchObject({ object: 'error', code: 'invalid_request_url' });
  });
});
