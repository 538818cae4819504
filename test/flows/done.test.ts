import { signWebhookPayload } from '@notionhq/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationTextChunks } from '../../src/domain/conversation-links.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { panelText } from '../support/canvas-client.js';
import { addConversation, eventually, startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * Closing the loop: a ticket marked Done reaches its Slack channel and every linked conversation,
 * exactly once, however the app hears about it.
 */
describe('a ticket marked Done', () => {
  let sandbox: TestSandbox;
  let ticketId: string;
  const linked = [CONVERSATION.oktaLoop, CONVERSATION.doubleCharge, CONVERSATION.api429];

  beforeEach(async () => {
    sandbox = await startTestSandbox();
    // A ticket with a Slack channel and three linked conversations.
    const created = (await (await sandbox.api('/create-ticket', { intercom_conversation_id: CONVERSATION.webhookSecret })).json()) as {
      notion_ticket_id: string;
    };
    ticketId = created.notion_ticket_id;
    const pageId = sandbox.world.ticket(ticketId)!.page_id;
    for (const id of linked) await sandbox.canvas.submit(id, `link:${pageId}`, null);
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const conversations = () => [CONVERSATION.webhookSecret, ...linked];
  const resolutionReplies = (conversationId: string) =>
    sandbox.world.intercom
      .conversation(conversationId)!
      .parts.filter((p) => p.partType === 'comment' && p.author.id === SANDBOX.adminId && p.body?.includes(ticketId));
  const channel = () => sandbox.world.slack.channels().find((c) => c.name.startsWith(`${ticketId.toLowerCase()}-`))!;
  const doneMessages = () => channel().messages.filter((m) => m.metadata?.event_type === 'ticket_resolved');
  const announced = () => sandbox.world.ticket(ticketId)!.properties['Resolution Notified'];

  async function expectAnnouncedOnce(): Promise<void> {
    await eventually(() => announced());
    expect(doneMessages()).toHaveLength(1);
    for (const id of conversations()) expect(resolutionReplies(id), `conversation ${id}`).toHaveLength(1);
  }

  it('tells the Slack channel and every linked conversation once, and records it in Notion', async () => {
    sandbox.world.setStatus(ticketId, 'Done');
    await expectAnnouncedOnce();
    expect(doneMessages()[0]!.text).toContain(`${ticketId} is Done`);
    expect(JSON.stringify(doneMessages()[0]!.blocks)).toContain('All 4 linked Intercom conversations were told');
  });

  it('sends one set of messages when Notion delivers the same event ten times at once', async () => {
    sandbox.world.webhooks.configure({ copies: 10 });
    sandbox.world.setStatus(ticketId, 'Done');
    await expectAnnouncedOnce();
    await sandbox.world.webhooks.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(doneMessages()).toHaveLength(1);
  });

  it('announces a later resolution again after the ticket left Done', async () => {
    sandbox.world.setStatus(ticketId, 'Done');
    await expectAnnouncedOnce();
    sandbox.world.setStatus(ticketId, 'In progress');
    await eventually(() => announced() === null);
    sandbox.world.setStatus(ticketId, 'Done');
    await eventually(() => doneMessages().length === 2);
    await eventually(() => announced());
    for (const id of conversations()) expect(resolutionReplies(id)).toHaveLength(2);
  });

  it('retries only the conversation that failed, and Slack waits for an exact count', async () => {
    sandbox.world.webhooks.configure({ copies: 0 });
    sandbox.world.setStatus(ticketId, 'Done');
    sandbox.world.faults.addRule({ service: 'intercom', method: 'POST /conversations/{id}/reply', fault: 'http503', times: 1 });
    const done = await sandbox.api('/ticket-done', { notion_ticket_id: ticketId });
    expect(done.status).toBe(502);
    expect(conversations().filter((id) => resolutionReplies(id).length === 1)).toHaveLength(3);
    expect(doneMessages()).toHaveLength(0);
    const repliesBefore = sandbox.world.calls.snapshot().intercom.methods['POST /conversations/{id}/reply'] ?? 0;

    const again = await sandbox.api('/ticket-done', { notion_ticket_id: ticketId });
    expect(again.status).toBe(200);
    // It says what this call sent: the one conversation left, and the Slack message it held back.
    expect(await again.json()).toEqual({
      status: 'success',
      message: `${ticketId}: posted the Done message in its Slack channel; told 1 conversation, 3 told before.`,
      notion_ticket_id: ticketId,
      already_announced: false,
      slack_message: 'posted',
      conversations: { total: 4, told: 1, already_told: 3, failed: 0 },
    });
    expect(sandbox.world.calls.snapshot().intercom.methods['POST /conversations/{id}/reply']).toBe(repliesBefore + 1);
    await expectAnnouncedOnce();
  });

  it('answers /ticket-done with what it sent: everything the first time, nothing on a replay', async () => {
    sandbox.world.webhooks.configure({ copies: 0 });
    sandbox.world.setStatus(ticketId, 'Done');

    const first = await sandbox.api('/ticket-done', { notion_ticket_id: ticketId });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      status: 'success',
      message: `${ticketId}: posted the Done message in its Slack channel; told 4 conversations.`,
      notion_ticket_id: ticketId,
      already_announced: false,
      slack_message: 'posted',
      conversations: { total: 4, told: 4, already_told: 0, failed: 0 },
    });
    await expectAnnouncedOnce();

    const replay = await sandbox.api('/ticket-done', { notion_ticket_id: ticketId });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({
      status: 'success',
      message: `${ticketId} was announced already; nothing was sent (4 conversations linked; send "force": true to announce it again).`,
      notion_ticket_id: ticketId,
      already_announced: true,
      slack_message: 'already_posted',
      conversations: { total: 4, told: 0, already_told: 4, failed: 0 },
    });
    await expectAnnouncedOnce();
  });

  it('answers /ticket-done with the conversations that could not be told, and still posts in Slack', async () => {
    sandbox.world.webhooks.configure({ copies: 0 });
    sandbox.world.setStatus(ticketId, 'Done');
    // A conversation deleted in Intercom refuses for good (404): given up, not retried.
    sandbox.world.intercom.deleteConversation(CONVERSATION.api429);

    const done = await sandbox.api('/ticket-done', { notion_ticket_id: ticketId });
    expect(done.status, await done.clone().text()).toBe(200);
    expect(await done.json()).toMatchObject({
      message: `${ticketId}: posted the Done message in its Slack channel; told 3 conversations, 1 could not be told.`,
      slack_message: 'posted',
      conversations: { total: 4, told: 3, already_told: 0, failed: 1 },
    });
    expect(doneMessages()).toHaveLength(1);
  });

  it('keeps the conversations told when Slack fails, and posts to Slack once it recovers', async () => {
    sandbox.world.setStatus(ticketId, 'Done');
    sandbox.world.faults.addRule({ service: 'slack', method: 'chat.postMessage', fault: 'http500', times: 1 });
    await eventually(() => conversations().every((id) => resolutionReplies(id).length === 1));
    await eventually(() => sandbox.runtime.flows.background.size === 0);
    expect(announced()).toBeNull();
    expect(doneMessages()).toHaveLength(0);

    // The panel of a linked conversation says the announcement is not finished.
    const panel = await panelText(sandbox.canvas, CONVERSATION.oktaLoop);
    expect(panel).toMatch(/Announcement failing for .*retrying/);

    const res = await sandbox.api('/ticket-done', { notion_ticket_id: ticketId });
    expect(res.status).toBe(200);
    await expectAnnouncedOnce();
    expect(await panelText(sandbox.canvas, CONVERSATION.oktaLoop)).toMatch(/Resolution: This customer was told /);
  });

  it('is picked up by the sweep when no event ever arrives', async () => {
    sandbox.world.webhooks.configure({ copies: 0 });
    sandbox.world.setStatus(ticketId, 'Done');
    await new Promise((r) => setTimeout(r, 100));
    expect(doneMessages()).toHaveLength(0);
    const swept = await sandbox.runtime.resolutions.sweep();
    expect(swept.announced).toBe(1);
    await expectAnnouncedOnce();
  });

  it('gives up on a conversation deleted in Intercom and says so in Slack', async () => {
    sandbox.world.intercom.deleteConversation(CONVERSATION.api429);
    sandbox.world.setStatus(ticketId, 'Done');
    await eventually(() => announced());
    expect(JSON.stringify(doneMessages()[0]!.blocks)).toContain('3 of 4 linked Intercom conversations were told');
  });
});

describe('POST /ticket-done', () => {
  let sandbox: TestSandbox;

  beforeEach(async () => {
    sandbox = await startTestSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('answers 404 for a ticket that does not exist', async () => {
    const res = await sandbox.api('/ticket-done', { notion_ticket_id: 'JMP-99999' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 'error', error: { code: 'ticket_not_found' } });
  });

  it('answers 409 for a ticket that is not Done in Notion, forced or not', async () => {
    const open = sandbox.world.tickets().find((t) => t.properties.Status !== 'Done')!;
    const res = await sandbox.api('/ticket-done', { notion_ticket_id: open.ticket_id });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('not Done');
    const forced = await sandbox.api('/ticket-done', { notion_ticket_id: open.ticket_id, force: true });
    expect(forced.status).toBe(409);
  });

  it('closes a Done ticket and is a no-op the second time', async () => {
    const ticket = sandbox.world.tickets().find((t) => t.properties.Status !== 'Done' && t.properties['Slack Channel'])!;
    sandbox.world.webhooks.configure({ copies: 0 });
    sandbox.world.setStatus(ticket.page_id, 'Done');
    const first = await sandbox.api('/ticket-done', { notion_ticket_id: ticket.ticket_id });
    expect(first.status).toBe(200);
    const postsAfterFirst = sandbox.world.calls.snapshot().slack.methods['chat.postMessage'];
    const second = await sandbox.api('/ticket-done', { notion_ticket_id: ticket.ticket_id });
    expect(second.status).toBe(200);
    expect(sandbox.world.calls.snapshot().slack.methods['chat.postMessage']).toBe(postsAfterFirst);
  });

  it('needs the API token and a ticket id', async () => {
    expect((await sandbox.api('/ticket-done', { notion_ticket_id: 'JMP-1' }, null)).status).toBe(401);
    const bad = await sandbox.api('/ticket-done', { notion_ticket_id: 'one' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('JMP-123');
  });
});

describe('POST /webhooks/notion', () => {
  let sandbox: TestSandbox;

  beforeEach(async () => {
    sandbox = await startTestSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const send = async (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sandbox.url}/webhooks/notion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  const signed = async (body: unknown) => {
    const raw = JSON.stringify(body);
    const signature = await signWebhookPayload({ body: raw, verificationToken: SANDBOX.notionWebhookVerificationToken });
    return fetch(`${sandbox.url}/webhooks/notion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-notion-signature': signature },
      body: raw,
    });
  };

  function statusEvent(pageId: string, dataSourceId: string = SANDBOX.notionDataSourceId) {
    return {
      id: `evt-${Math.random()}`,
      timestamp: new Date().toISOString(),
      workspace_id: 'w',
      subscription_id: 's',
      integration_id: 'i',
      type: 'page.properties_updated',
      authors: [{ id: 'u', type: 'person' }],
      attempt_number: 1,
      api_version: '2025-09-03',
      entity: { id: pageId, type: 'page' },
      data: { parent: { id: SANDBOX.notionDatabaseId, type: 'database', data_source_id: dataSourceId }, updated_properties: [statusPropertyId()] },
    };
  }

  function statusPropertyId(): string {
    return sandbox.world.notion.dataSource(SANDBOX.notionDataSourceId)!.properties.find((p) => p.name === 'Status')!.id;
  }

  it('refuses an unsigned verification request once the token is configured, and never logs its value', async () => {
    const res = await send({ verification_token: 'secret_abc123' });
    expect(res.status).toBe(401);
    expect(sandbox.logs.join('\n')).not.toContain('secret_abc123');
    // Notion re-sending it, signed with the configured token, is acknowledged.
    expect((await signed({ verification_token: SANDBOX.notionWebhookVerificationToken })).status).toBe(200);
  });

  it('refuses an event with a bad signature', async () => {
    const res = await send(statusEvent('x'), { 'x-notion-signature': `sha256=${'0'.repeat(64)}` });
    expect(res.status).toBe(401);
  });

  it('refuses an unsigned event that is not a verification request', async () => {
    expect((await send(statusEvent('x'))).status).toBe(401);
  });

  it('ignores an event for another data source', async () => {
    const res = await signed(statusEvent(sandbox.world.tickets()[0]!.page_id, '99999999-9999-9999-9999-999999999999'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ignored', reason: 'a page of another database' });
  });

  it('acts once on a replayed event', async () => {
    const event = statusEvent(sandbox.world.tickets()[0]!.page_id);
    expect(await (await signed(event)).json()).toEqual({ status: 'accepted' });
    expect(await (await signed(event)).json()).toEqual({ status: 'duplicate' });
  });

  it('takes an automation payload with the API token, and refuses it without', async () => {
    const ticket = sandbox.world.tickets().find((t) => t.properties.Status !== 'Done' && t.properties['Slack Channel'])!;
    sandbox.world.webhooks.configure({ copies: 0 });
    sandbox.world.setStatus(ticket.page_id, 'Done');
    const payload = {
      source: { type: 'automation', automation_id: 'a1', action_id: 'b1', event_id: 'e1', attempt: 1 },
      data: { object: 'page', id: ticket.page_id, parent: { type: 'data_source_id', data_source_id: SANDBOX.notionDataSourceId }, properties: {} },
    };
    expect((await send(payload)).status).toBe(401);
    expect((await send(payload, { authorization: 'Bearer not-the-token-0000' })).status).toBe(401);
    const res = await send(payload, { authorization: `Bearer ${SANDBOX.apiToken}` });
    expect(res.status).toBe(200);
    await eventually(() => sandbox.world.ticket(ticket.page_id)!.properties['Resolution Notified']);
  });
});

describe('a ticket with 1,000 linked conversations', () => {
  it('tells every one of them once, within Intercom’s limits, and finishes', async () => {
    const sandbox = await startTestSandbox();
    try {
      const ticket = sandbox.world.tickets().find((t) => t.properties.Status !== 'Done' && t.properties['Slack Channel'])!;
      const ids = Array.from({ length: 1000 }, (_, i) => String(770_000_000_000 + i));
      for (const id of ids) addConversation(sandbox.world, id);
      const chunks = conversationTextChunks(SANDBOX.intercomAppId, ids);
      sandbox.world.notion.updatePage(ticket.page_id, {
        properties: { 'Intercom Conversations': { rich_text: chunks.map((content) => ({ type: 'text', text: { content } })) } },
      });
      sandbox.world.webhooks.configure({ copies: 0 });
      sandbox.world.setStatus(ticket.page_id, 'Done');

      const res = await sandbox.api('/ticket-done', { notion_ticket_id: ticket.ticket_id });
      expect(res.status).toBe(200);
      const told = ids.filter(
        (id) => sandbox.world.intercom.conversation(id)!.parts.filter((p) => p.partType === 'comment' && p.author.id === SANDBOX.adminId).length === 1,
      );
      expect(told).toHaveLength(1000);
      const channel = sandbox.world.slack.channels().find((c) => String(ticket.properties['Slack Channel']).includes(c.id))!;
      const done = channel.messages.filter((m) => m.metadata?.event_type === 'ticket_resolved');
      expect(done).toHaveLength(1);
      expect(JSON.stringify(done[0]!.blocks)).toContain('All 1000 linked Intercom conversations were told');
      expect(sandbox.world.ticket(ticket.page_id)!.properties['Resolution Notified']).toBeTruthy();
    } finally {
      await sandbox.close();
    }
  }, 120_000);
});

describe('what the Done announcement sends, as configured', () => {
  it('posts an internal note with the custom template and reopens the conversation', async () => {
    const sandbox = await startTestSandbox({
      env: {
        DONE_INTERCOM_MESSAGE_TYPE: 'note',
        DONE_REOPEN_CONVERSATION: 'true',
        DONE_MESSAGE_TEMPLATE: 'Fixed: {ticket_id} ({title}) — {notion_url}',
      },
    });
    try {
      const conversationId = CONVERSATION.doubleCharge;
      const created = (await (await sandbox.api('/create-ticket', { intercom_conversation_id: conversationId })).json()) as { notion_ticket_id: string };
      const ticketId = created.notion_ticket_id;
      sandbox.world.intercom.conversation(conversationId)!.state = 'closed';
      sandbox.world.setStatus(ticketId, 'Done');
      await eventually(() => sandbox.world.ticket(ticketId)!.properties['Resolution Notified']);

      const conversation = sandbox.world.intercom.conversation(conversationId)!;
      const notes = conversation.parts.filter((p) => p.partType === 'note' && p.body?.includes(`Fixed: ${ticketId}`));
      expect(notes).toHaveLength(1);
      expect(notes[0]!.body).toContain(sandbox.world.ticket(ticketId)!.url);
      expect(conversation.parts.filter((p) => p.partType === 'comment' && p.body?.includes(ticketId))).toHaveLength(0);
      expect(conversation.state).toBe('open');
    } finally {
      await sandbox.close();
    }
  });
});
