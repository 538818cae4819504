import { isFullPage, verifyWebhookSignature } from '@notionhq/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { NOTION_BOT, NOTION_PERSON } from '../../src/sandbox/fakes/notion/notion-store.js';
import type { NotionWebhookEvent } from '../../src/sandbox/fakes/notion/notion-webhooks.js';
import { rawJson, startReceiver, startSandbox, type Sandbox } from './harness.js';

const token = SANDBOX.notionWebhookVerificationToken;
let sb: Sandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

async function setUp(statuses: number[] = [200]) {
  receiver = await startReceiver(statuses);
  sb = await startSandbox({ seed: 'demo', webhook: { url: receiver.url, verificationToken: token } });
}

afterEach(async () => {
  await sb.close();
  await receiver.close();
});

const events = () => receiver.received.map((r) => JSON.parse(r.body) as NotionWebhookEvent);

describe('Notion fake: webhooks', () => {
  beforeEach(() => setUp());

  it('sends a signed page.properties_updated when a person marks a ticket Done', async () => {
    const res = await rawJson(`${sb.url}/api/notion/pages/JMP-23/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'Done' }),
    });
    expect(res.status).toBe(200);
    await sb.world.webhooks.idle();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    const signature = delivery!.headers['x-notion-signature'];
    expect(await verifyWebhookSignature({ body: delivery!.body, signature: String(signature), verificationToken: token })).toBe(true);
    expect(await verifyWebhookSignature({ body: delivery!.body, signature: String(signature), verificationToken: 'secret_other' })).toBe(false);
    const page = sb.world.ticket('JMP-23')!;
    expect(JSON.parse(delivery!.body)).toEqual({
      id: expect.any(String),
      timestamp: expect.any(String),
      workspace_id: expect.any(String),
      workspace_name: 'Sandbox',
      subscription_id: expect.any(String),
      integration_id: expect.any(String),
      type: 'page.properties_updated',
      authors: [{ id: NOTION_PERSON.id, type: 'person' }],
      attempt_number: 1,
      api_version: '2025-09-03',
      entity: { id: page.page_id, type: 'page' },
      data: {
        parent: { id: SANDBOX.notionDatabaseId, type: 'database', data_source_id: SANDBOX.notionDataSourceId },
        updated_properties: ['%5DqJb'],
      },
    });
    expect(page.properties.Status).toBe('Done');
    expect(page.last_edited_by).toBe('person');
  });

  it('sends nothing when the status does not change', async () => {
    sb.world.setStatus('JMP-1', 'Done');
    await sb.world.webhooks.idle();
    expect(receiver.received).toHaveLength(0);
  });

  it('sends page.created and page.properties_updated (authored by the bot) for API writes', async () => {
    const page = await sb.notion.pages.create({
      parent: { data_source_id: SANDBOX.notionDataSourceId },
      properties: { Title: { title: [{ text: { content: 'From the API' } }] } },
    });
    await sb.notion.pages.update({ page_id: page.id, properties: { Status: { status: { name: 'Done' } }, 'Slack Channel': { url: 'https://sandbox.slack.com/archives/C0123456789' } } });
    await sb.world.webhooks.idle();
    const [created, updated] = events();
    expect(created).toMatchObject({ type: 'page.created', entity: { id: page.id }, authors: [{ id: NOTION_BOT.id, type: 'bot' }] });
    expect(created!.data).not.toHaveProperty('updated_properties');
    expect(updated).toMatchObject({ type: 'page.properties_updated', authors: [{ type: 'bot' }] });
    expect(updated!.data.updated_properties!.sort()).toEqual(['%5DqJb', 'sL%7Bk']);
  });
});

describe('Notion fake: webhook delivery options', () => {
  it('delivers each event N times with the same id when asked to duplicate', async () => {
    await setUp();
    sb.world.webhooks.configure({ copies: 3 });
    sb.world.setStatus('JMP-23', 'Done');
    await sb.world.webhooks.idle();
    const ids = events().map((e) => e.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
  });

  it('delivers nothing when copies is 0, but still records the event', async () => {
    await setUp();
    sb.world.webhooks.configure({ copies: 0 });
    sb.world.setStatus('JMP-23', 'Done');
    await sb.world.webhooks.idle();
    expect(receiver.received).toHaveLength(0);
    expect(sb.world.webhooks.events.at(-1)).toMatchObject({ type: 'page.properties_updated' });
  });

  it('waits the configured delay before the first attempt', async () => {
    await setUp();
    sb.world.webhooks.configure({ delayMs: 200 });
    const event = sb.world.webhooks.emit({
      type: 'page.created',
      pageId: sb.world.ticket('JMP-23')!.page_id,
      databaseId: SANDBOX.notionDatabaseId,
      dataSourceId: SANDBOX.notionDataSourceId,
      author: { id: NOTION_BOT.id, type: 'bot' },
    });
    await sb.world.webhooks.idle();
    expect(receiver.received).toHaveLength(1);
    const [attempt] = sb.world.webhooks.attempts;
    // A lower bound only: timers never fire early by more than clock rounding.
    expect(Date.parse(attempt!.at) - Date.parse(event.timestamp)).toBeGreaterThanOrEqual(190);
  });

  it('retries with a higher attempt_number while the receiver fails, then stops', async () => {
    await setUp([500, 503, 200]);
    sb.world.webhooks.configure({ retryDelayMs: 10 });
    sb.world.setStatus('JMP-23', 'Done');
    await sb.world.webhooks.idle();
    expect(events().map((e) => e.attempt_number)).toEqual([1, 2, 3]);
    expect(new Set(events().map((e) => e.id)).size).toBe(1);
    expect(sb.world.webhooks.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    for (const delivery of receiver.received) {
      expect(await verifyWebhookSignature({ body: delivery.body, signature: String(delivery.headers['x-notion-signature']), verificationToken: token })).toBe(true);
    }
  });

  it('gives up after maxAttempts', async () => {
    await setUp([500]);
    sb.world.webhooks.configure({ retryDelayMs: 5, maxAttempts: 2 });
    sb.world.setStatus('JMP-23', 'Done');
    await sb.world.webhooks.idle();
    expect(receiver.received).toHaveLength(2);
  });

  it('can be pointed at a receiver after start (the app listens once its port is known)', async () => {
    receiver = await startReceiver();
    sb = await startSandbox({ seed: 'demo' });
    sb.world.setStatus('JMP-22', 'Done');
    const res = await rawJson(`${sb.url}/api/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: { url: receiver.url, verificationToken: token } }),
    });
    expect(res.body).toMatchObject({ target_url: receiver.url });
    const page = await sb.notion.pages.retrieve({ page_id: sb.world.ticket('JMP-23')!.page_id });
    expect(isFullPage(page)).toBe(true);
    sb.world.setStatus('JMP-23', 'Done');
    await sb.world.webhooks.idle();
    expect(events()).toHaveLength(1);
    expect(events()[0]!.entity.id).toBe(page.id);
  });
});
