import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { type Canvas, component, componentIds, textOf } from '../support/canvas-client.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * initialize -> find or create -> create, through the real routes with signed requests, the real
 * SDKs and the sandbox fakes.
 */
describe('creating a ticket from the inbox panel', () => {
  let sandbox: TestSandbox;
  const conversationId = CONVERSATION.webhookSecret;

  beforeEach(async () => {
    sandbox = await startTestSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  async function suggestion(): Promise<Canvas> {
    const first = await sandbox.canvas.initialize(conversationId);
    expect(componentIds(first)).toEqual(['find_or_create']);
    return sandbox.canvas.submit(conversationId, 'find_or_create', first);
  }

  it('suggests a new ticket with an editable draft, then creates the page, channel, invites and note', async () => {
    const suggested = await suggestion();
    expect(component(suggested, 'create_ticket')).toMatchObject({ style: 'primary' });
    const title = component(suggested, 'ticket_title')?.value;
    expect(typeof title).toBe('string');
    expect(textOf(suggested)).toContain('Suggested offline');

    const result = await sandbox.canvas.submit(conversationId, 'create_ticket', suggested, {
      ticket_title: 'Webhooks still signed with the rotated secret',
      ticket_description: 'Deliveries fail signature checks since the customer rotated the signing secret.',
    });
    const text = textOf(result);
    const ticketId = /JMP-(\d+)/.exec(text)?.[0];
    expect(ticketId).toBeDefined();

    const ticket = sandbox.world.ticket(ticketId!)!;
    expect(ticket.properties.Title).toBe('Webhooks still signed with the rotated secret');
    expect(ticket.properties['Intercom Conversations']).toContain(
      `https://app.intercom.com/a/inbox/${SANDBOX.intercomAppId}/inbox/conversation/${conversationId}`,
    );

    const channel = sandbox.world.slack.channels().find((c) => c.name.startsWith(`${ticketId!.toLowerCase()}-webhooks-still-signed`))!;
    expect(channel).toBeDefined();
    expect(text).toContain(`#${channel.name}`);
    expect(channel.topic.value).toContain(ticket.url);
    expect(ticket.properties['Slack Channel']).toContain(channel.id);
    expect(channel.messages.filter((m) => m.metadata?.event_type === 'ticket_channel_opened')).toHaveLength(1);
    expect(channel.bookmarks.map((b) => b.link)).toEqual([ticket.url]);

    // The teammates on the conversation, matched by email or name, are in the channel.
    const members = channel.members.map((id) => sandbox.world.slack.users().find((u) => u.id === id)?.realName);
    expect(members.length).toBeGreaterThan(1);
    expect(text).toMatch(/Invited .+/);

    const notes = sandbox.world.intercom.conversation(conversationId)!.parts.filter((p) => p.partType === 'note' && p.body?.includes(ticketId!));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain(channel.name);

    // The panel now shows the linked ticket.
    const panel = await sandbox.canvas.initialize(conversationId);
    expect(textOf(panel)).toContain(ticketId!);
    expect(componentIds(panel)).toEqual(expect.arrayContaining(['refresh', 'link_another', `ticket:${ticket.page_id}`]));
    // Unlink is on the ticket, a click away.
    expect(componentIds(await sandbox.canvas.submit(conversationId, `ticket:${ticket.page_id}`, panel))).toEqual(
      expect.arrayContaining([`unlink:${ticket.page_id}`, 'back']),
    );
  });

  it('makes one ticket when Create is clicked five times at once', async () => {
    const suggested = await suggestion();
    const before = sandbox.world.tickets().length;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => sandbox.canvas.submit(conversationId, 'create_ticket', suggested, { ticket_title: 'Rotated secret' })),
    );
    const ids = new Set(results.map((r) => /JMP-\d+/.exec(textOf(r))?.[0]));
    expect(ids.size).toBe(1);
    expect(sandbox.world.tickets().length).toBe(before + 1);
    const channels = sandbox.world.slack.channels().filter((c) => c.name.startsWith([...ids][0]!.toLowerCase()));
    expect(channels).toHaveLength(1);
    expect(channels[0]!.messages.filter((m) => m.metadata?.event_type === 'ticket_channel_opened')).toHaveLength(1);
    const notes = sandbox.world.intercom.conversation(conversationId)!.parts.filter((p) => p.partType === 'note' && p.body?.includes('Linked to Notion ticket'));
    expect(notes).toHaveLength(1);
  });

  it('shows an error canvas when Slack fails, and Try again finishes the same ticket', async () => {
    const suggested = await suggestion();
    sandbox.world.faults.addRule({ service: 'slack', method: 'conversations.create', fault: 'http500', times: 1 });
    const failed = await sandbox.canvas.submit(conversationId, 'create_ticket', suggested, { ticket_title: 'Rotated secret' });
    expect(textOf(failed)).toContain('Creating the Slack channel');
    expect(componentIds(failed)).toContain('try_again');
    const pagesAfterFailure = sandbox.world.tickets().length;

    const retried = await sandbox.canvas.submit(conversationId, 'try_again', failed);
    const ticketId = /JMP-\d+/.exec(textOf(retried))?.[0];
    expect(ticketId).toBeDefined();
    expect(sandbox.world.tickets().length).toBe(pagesAfterFailure);
    expect(sandbox.world.slack.channels().filter((c) => c.name.startsWith(ticketId!.toLowerCase()))).toHaveLength(1);
  });

  it('converges to one page when Notion creates it but the answer is lost', async () => {
    const suggested = await suggestion();
    const before = sandbox.world.tickets().length;
    sandbox.world.faults.addRule({ service: 'notion', method: 'pages.create', fault: 'http500', phase: 'after', times: 1 });
    const failed = await sandbox.canvas.submit(conversationId, 'create_ticket', suggested, { ticket_title: 'Rotated secret' });
    expect(textOf(failed)).toContain('Creating the Notion ticket');
    expect(sandbox.world.tickets().length).toBe(before + 1); // the page exists although we saw a 500

    const retried = await sandbox.canvas.submit(conversationId, 'try_again', failed);
    expect(textOf(retried)).toMatch(/Created .*JMP-\d+/);
    expect(sandbox.world.tickets().length).toBe(before + 1);
  });

  it('re-draws the suggestion with an error when the title is emptied', async () => {
    const suggested = await suggestion();
    const again = await sandbox.canvas.submit(conversationId, 'create_ticket', suggested, { ticket_title: '   ', ticket_description: 'x' });
    expect(textOf(again)).toContain('The ticket needs a title.');
    expect(component(again, 'create_ticket')).toBeDefined();
  });
});
