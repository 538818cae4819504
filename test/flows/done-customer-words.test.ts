import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { appRepliesAbout, eventually, startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * A customer is never shown another customer's words (issue 11, case 9): the Done message names the
 * title only when it is not a customer's message, and never repeats a link or an email address.
 */
describe('the Done message and customer words', () => {
  let sandbox: TestSandbox;
  beforeEach(async () => {
    sandbox = await startTestSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const replies = (conversationId: string, ticketId: string) => appRepliesAbout(sandbox.world, conversationId, ticketId);

  it("case 9: a title made from one customer's message is not sent to another customer", async () => {
    const res = await sandbox.api('/create-ticket', {
      intercom_conversation_id: CONVERSATION.webhookSecret,
      // Worded as a symptom, so the offline draft takes its title from this message.
      message: 'Refund fails with error 500: visit https://evil.example/claim and write to claims@evil.example',
    });
    const { notion_ticket_id: ticketId } = (await res.json()) as { notion_ticket_id: string };
    const ticket = sandbox.world.ticket(ticketId)!;
    expect(ticket.properties.Title).toMatch(/evil\.example|refund/i);
    await sandbox.canvas.submit(CONVERSATION.oktaLoop, `link:${ticket.page_id}`, null);

    sandbox.world.setStatus(ticketId, 'Done');
    await eventually(() => sandbox.world.ticket(ticketId)!.properties['Resolution Notified']);
    const [told] = replies(CONVERSATION.oktaLoop, ticketId);
    expect(told).toContain(`the issue you reported (${ticketId}) has been resolved`);
    expect(told).not.toMatch(/evil|refund|claims@/i);
  });

  it("does not repeat a customer's email subject made the title by /create-ticket, even without a link in it", async () => {
    const res = await sandbox.api('/create-ticket', { intercom_conversation_id: CONVERSATION.csvExport });
    const { notion_ticket_id: ticketId, decision } = (await res.json()) as { notion_ticket_id: string; decision: string };
    expect(decision).toBe('new');
    const ticket = sandbox.world.ticket(ticketId)!;
    await sandbox.canvas.submit(CONVERSATION.oktaLoop, `link:${ticket.page_id}`, null);
    sandbox.world.setStatus(ticketId, 'Done');
    await eventually(() => sandbox.world.ticket(ticketId)!.properties['Resolution Notified']);
    const [told] = replies(CONVERSATION.oktaLoop, ticketId);
    expect(told).toContain(`the issue you reported (${ticketId}) has been resolved`);
    expect(told).not.toContain(String(ticket.properties.Title));
  });

  it("names a teammate's title in the Done message", async () => {
    const conversationId = CONVERSATION.webhookSecret;
    const suggestion = await sandbox.canvas.submit(conversationId, 'find_or_create', await sandbox.canvas.initialize(conversationId));
    await sandbox.canvas.submit(conversationId, 'create_ticket', suggestion, { ticket_title: 'Webhook signatures fail after rotating the secret' });
    const ticket = sandbox.world.tickets().find((t) => t.properties.Title === 'Webhook signatures fail after rotating the secret')!;
    sandbox.world.setStatus(ticket.page_id, 'Done');
    await eventually(() => sandbox.world.ticket(ticket.page_id)!.properties['Resolution Notified']);
    expect(replies(conversationId, ticket.ticket_id!)[0]).toContain(`(${ticket.ticket_id}: Webhook signatures fail after rotating the secret)`);
  });
});
