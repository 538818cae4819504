import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { componentIds, panelText, textOf } from '../support/canvas-client.js';
import { appRepliesAbout, eventually, startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * Linking a conversation to a Done ticket (issue 11, case 4): the teammate is asked first, the
 * customer is told at once with the same message, exactly once, the panel's resolution line is
 * about this conversation, and an old ticket gets no "New ticket" intro.
 */
describe('linking to a Done ticket', () => {
  let sandbox: TestSandbox;
  beforeEach(async () => {
    sandbox = await startTestSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const replies = (conversationId: string, ticketId: string) => appRepliesAbout(sandbox.world, conversationId, ticketId);
  const linked = (pageId: string, conversationId: string) =>
    String(sandbox.world.ticket(pageId)!.properties['Intercom Conversations'] ?? '').includes(`/conversation/${conversationId}`);

  it('case 4: asks first, then tells that customer once with the same message, and the panel speaks for this conversation', async () => {
    const created = await sandbox.api('/create-ticket', { intercom_conversation_id: CONVERSATION.webhookSecret });
    const { notion_ticket_id: ticketId } = (await created.json()) as { notion_ticket_id: string };
    const pageId = sandbox.world.ticket(ticketId)!.page_id;
    sandbox.world.setStatus(ticketId, 'Done');
    await eventually(() => sandbox.world.ticket(ticketId)!.properties['Resolution Notified']);
    const firstCustomer = replies(CONVERSATION.webhookSecret, ticketId);
    expect(firstCustomer).toHaveLength(1);

    const other = CONVERSATION.oktaLoop;
    // Before: the panel must not borrow the other customer's announcement.
    const confirm = await sandbox.canvas.submit(other, `link:${pageId}`, null);
    expect(textOf(confirm)).toContain(`${ticketId} is Done. Link it and tell the customer?`);
    expect(componentIds(confirm)).toEqual([`confirm_link:${pageId}`, 'back']);
    expect(linked(pageId, other)).toBe(false);
    expect(replies(other, ticketId)).toHaveLength(0);

    const result = await sandbox.canvas.submit(other, `confirm_link:${pageId}`, confirm);
    expect(textOf(result)).toContain('the customer was told it is resolved');
    expect(linked(pageId, other)).toBe(true);
    expect(replies(other, ticketId)).toEqual(firstCustomer);

    // A double click or a retry tells nobody twice.
    await sandbox.canvas.submit(other, `confirm_link:${pageId}`, confirm);
    expect(replies(other, ticketId)).toHaveLength(1);
    expect(await panelText(sandbox.canvas, other)).toMatch(/Resolution: This customer was told /);
  });

  it('case 4: the panel says "not told yet" for a conversation linked to an announced ticket without being told', async () => {
    const created = await sandbox.api('/create-ticket', { intercom_conversation_id: CONVERSATION.webhookSecret });
    const { notion_ticket_id: ticketId } = (await created.json()) as { notion_ticket_id: string };
    sandbox.world.setStatus(ticketId, 'Done');
    await eventually(() => sandbox.world.ticket(ticketId)!.properties['Resolution Notified']);
    expect(await panelText(sandbox.canvas, CONVERSATION.webhookSecret)).toMatch(/Resolution: This customer was told /);

    // Linked in Notion by hand: nobody told this customer.
    const ticket = sandbox.world.ticket(ticketId)!;
    const text = `${String(ticket.properties['Intercom Conversations'])}\nhttps://app.intercom.com/a/apps/${SANDBOX.intercomAppId}/conversation/${CONVERSATION.oktaLoop}`;
    sandbox.world.notion.updatePage(ticket.page_id, { properties: { 'Intercom Conversations': { rich_text: [{ type: 'text', text: { content: text } }] } } });
    // The app hears of the change as its index refresh would.
    sandbox.runtime.flows.index.upsert([await sandbox.runtime.flows.tickets.get(ticket.page_id)]);
    const panel = await panelText(sandbox.canvas, CONVERSATION.oktaLoop);
    expect(panel).toContain('Resolution: This customer was not told yet');
    expect(panel).not.toMatch(/Announced/);
  });

  it('case 4: a Done ticket without a channel gets one, with no "New ticket" intro', async () => {
    const old = sandbox.world.tickets().find((t) => t.properties.Status === 'Done' && !t.properties['Slack Channel'])!;
    sandbox.world.notion.updatePage(old.page_id, { properties: { 'Resolution Notified': { date: { start: '2026-01-05T10:00:00.000Z' } } } });
    const conversationId = CONVERSATION.smsBrazil;
    const result = await sandbox.canvas.submit(conversationId, `confirm_link:${old.page_id}`, null);
    expect(textOf(result)).toContain('the customer was told it is resolved');
    const after = sandbox.world.ticket(old.page_id)!;
    const channel = sandbox.world.slack.channels().find((c) => String(after.properties['Slack Channel']).includes(c.id))!;
    expect(channel.messages.filter((m) => m.metadata?.event_type === 'ticket_channel_opened')).toHaveLength(0);
    expect(channel.messages.map((m) => m.text).join('\n')).not.toContain('New ticket');
    expect(replies(conversationId, old.ticket_id!)).toHaveLength(1);
  });
});
