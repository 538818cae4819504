import { afterEach, describe, expect, it } from 'vitest';
import { conversationTextChunks } from '../../src/domain/conversation-links.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { textOf } from '../support/canvas-client.js';
import { addConversation, eventually, startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * Announcements follow the ticket's latest Status (issue 11, cases 1–3): a reopen stops a running
 * announcement, flapping is announced once, and `force` never tells customers about a ticket
 * Notion does not call Done.
 */
describe('the Done announcement follows the latest Status', () => {
  let sandbox: TestSandbox;
  afterEach(async () => {
    await sandbox.close();
  });

  /** A seeded open ticket with a Slack channel and `count` linked conversations. */
  function ticketWithConversations(count: number, first = 880_000_000_000) {
    const ticket = sandbox.world.tickets().find((t) => t.properties.Status !== 'Done' && t.properties['Slack Channel'])!;
    const ids = Array.from({ length: count }, (_, i) => addConversation(sandbox.world, String(first + i)));
    sandbox.world.notion.updatePage(ticket.page_id, {
      properties: {
        'Intercom Conversations': { rich_text: conversationTextChunks(SANDBOX.intercomAppId, ids).map((content) => ({ type: 'text', text: { content } })) },
      },
    });
    const told = (id: string) =>
      sandbox.world.intercom.conversation(id)!.parts.filter((p) => p.partType === 'comment' && p.author.id === SANDBOX.adminId).length;
    const channel = () => sandbox.world.slack.channels().find((c) => String(ticket.properties['Slack Channel']).includes(c.id))!;
    const doneMessages = () => channel().messages.filter((m) => m.metadata?.event_type === 'ticket_resolved').length;
    const notified = () => sandbox.world.ticket(ticket.page_id)!.properties['Resolution Notified'];
    return { ticket, ids, told, doneMessages, notified };
  }

  const idle = async () => {
    await sandbox.world.webhooks.idle();
    await eventually(() => sandbox.runtime.flows.background.size === 0, 15_000);
  };

  it('case 1: a reopen during the announcement stops it, and the next real Done is announced', async () => {
    sandbox = await startTestSandbox();
    const { ticket, ids, told, doneMessages, notified } = ticketWithConversations(40);
    sandbox.world.faults.set({ intercom: { latencyMs: 300 } });

    sandbox.world.setStatus(ticket.page_id, 'Done');
    await new Promise((r) => setTimeout(r, 600));
    sandbox.world.setStatus(ticket.page_id, 'In progress');
    await idle();

    const toldFirst = ids.filter((id) => told(id) === 1);
    expect(toldFirst.length).toBeGreaterThan(0);
    expect(toldFirst.length).toBeLessThan(40);
    expect(ids.every((id) => told(id) <= 1)).toBe(true);
    expect(doneMessages()).toBe(0);
    expect(notified()).toBeNull();

    sandbox.world.faults.set({ intercom: { latencyMs: 0 } });
    sandbox.world.setStatus(ticket.page_id, 'Done');
    await eventually(() => notified(), 15_000);
    await idle();
    // The new resolution reaches everyone once; those told of the reopened one hear of this one too.
    for (const id of ids) expect(told(id), `conversation ${id}`).toBe(toldFirst.includes(id) ? 2 : 1);
    expect(doneMessages()).toBe(1);
  }, 30_000);

  it('case 2: Done ⇄ In progress four times, then Done, tells everyone once after the quiet period', async () => {
    sandbox = await startTestSandbox({ env: { DONE_SETTLE_SECONDS: '1' } });
    const { ticket, ids, told, doneMessages, notified } = ticketWithConversations(5);
    for (let i = 0; i < 4; i++) {
      sandbox.world.setStatus(ticket.page_id, 'Done');
      await new Promise((r) => setTimeout(r, 400));
      sandbox.world.setStatus(ticket.page_id, 'In progress');
      await new Promise((r) => setTimeout(r, 400));
    }
    sandbox.world.setStatus(ticket.page_id, 'Done');
    await eventually(() => notified(), 10_000);
    await idle();
    await new Promise((r) => setTimeout(r, 1200));
    for (const id of ids) expect(told(id), `conversation ${id}`).toBe(1);
    expect(doneMessages()).toBe(1);
  }, 30_000);

  it('shows "Announcing in N s" in the panel during the quiet period, and tells nobody yet', async () => {
    sandbox = await startTestSandbox({ env: { DONE_SETTLE_SECONDS: '60' } });
    const { ticket, ids, told, notified } = ticketWithConversations(2);
    sandbox.world.setStatus(ticket.page_id, 'Done');
    await idle();
    const panel = textOf(await sandbox.canvas.initialize(ids[0]!));
    expect(panel).toMatch(/Announcing in (59|60) s/);
    expect(ids.map(told)).toEqual([0, 0]);
    expect(notified()).toBeNull();
  });

  it('case 3: force on a ticket that is not Done answers 409 and tells nobody; the real Done later is announced once', async () => {
    sandbox = await startTestSandbox();
    const { ticket, ids, told, doneMessages, notified } = ticketWithConversations(3);
    sandbox.world.webhooks.configure({ copies: 0 });
    sandbox.world.setStatus(ticket.page_id, 'Not started');

    const forced = await sandbox.api('/ticket-done', { notion_ticket_id: ticket.ticket_id, force: true });
    expect(forced.status).toBe(409);
    const body = (await forced.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('ticket_not_done');
    expect(body.error.message).toMatch(/"Not started" in Notion, not Done/);
    expect(ids.map(told)).toEqual([0, 0, 0]);
    expect(doneMessages()).toBe(0);

    sandbox.world.webhooks.configure({ copies: 1 });
    sandbox.world.setStatus(ticket.page_id, 'In progress');
    sandbox.world.setStatus(ticket.page_id, 'Done');
    await eventually(() => notified());
    await idle();
    expect(ids.map(told)).toEqual([1, 1, 1]);
    expect(doneMessages()).toBe(1);
  });

  it('force re-announces a ticket that is Done and was announced already', async () => {
    sandbox = await startTestSandbox();
    const { ticket, ids, told, doneMessages } = ticketWithConversations(2);
    sandbox.world.webhooks.configure({ copies: 0 });
    sandbox.world.setStatus(ticket.page_id, 'Done');
    expect((await sandbox.api('/ticket-done', { notion_ticket_id: ticket.ticket_id })).status).toBe(200);
    expect((await sandbox.api('/ticket-done', { notion_ticket_id: ticket.ticket_id })).status).toBe(200);
    expect(ids.map(told)).toEqual([1, 1]);
    expect((await sandbox.api('/ticket-done', { notion_ticket_id: ticket.ticket_id, force: true })).status).toBe(200);
    expect(ids.map(told)).toEqual([2, 2]);
    expect(doneMessages()).toBe(2);
  });
});
