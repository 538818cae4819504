import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { component, componentIds, textOf } from '../support/canvas-client.js';
import { addConversation, startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

describe('linking a conversation to an existing ticket', () => {
  let sandbox: TestSandbox;

  beforeEach(async () => {
    sandbox = await startTestSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const conversationsOf = (ticketId: string) => String(sandbox.world.ticket(ticketId)!.properties['Intercom Conversations'] ?? '');

  it('suggests the ticket the conversation duplicates and links it', async () => {
    const conversationId = CONVERSATION.oktaLoop;
    const first = await sandbox.canvas.initialize(conversationId);
    const suggested = await sandbox.canvas.submit(conversationId, 'find_or_create', first);
    expect(component(suggested, 'link_suggested')).toMatchObject({ label: 'Link to JMP-23', style: 'primary' });
    expect(componentIds(suggested)).toContain('create_instead');

    const result = await sandbox.canvas.submit(conversationId, 'link_suggested', suggested);
    expect(textOf(result)).toContain('Linked to');
    expect(conversationsOf('JMP-23')).toContain(`/conversation/${conversationId}`);

    const ticket = sandbox.world.ticket('JMP-23')!;
    const channel = sandbox.world.slack.channels().find((c) => String(ticket.properties['Slack Channel']).includes(c.id))!;
    expect(channel.messages.filter((m) => m.metadata?.event_type === 'conversation_linked')).toHaveLength(1);
    const notes = sandbox.world.intercom.conversation(conversationId)!.parts.filter((p) => p.partType === 'note' && p.body?.includes('JMP-23'));
    expect(notes).toHaveLength(1);

    // Linking again changes nothing and posts nothing.
    await sandbox.canvas.submit(conversationId, 'link_suggested', suggested);
    expect(channel.messages.filter((m) => m.metadata?.event_type === 'conversation_linked')).toHaveLength(1);
    expect(sandbox.world.intercom.conversation(conversationId)!.parts.filter((p) => p.partType === 'note' && p.body?.includes('JMP-23'))).toHaveLength(1);
    expect(conversationsOf('JMP-23').split(`/conversation/${conversationId}`)).toHaveLength(2);
  });

  it('offers "Create a new ticket instead" from stored data, without asking the triage again', async () => {
    const conversationId = CONVERSATION.oktaLoop;
    const suggested = await sandbox.canvas.submit(conversationId, 'find_or_create', await sandbox.canvas.initialize(conversationId));
    const callsBefore = sandbox.world.calls.snapshot();
    const instead = await sandbox.canvas.submit(conversationId, 'create_instead', suggested);
    expect(component(instead, 'create_ticket')).toBeDefined();
    expect(component(instead, 'ticket_title')).toBeDefined();
    expect(sandbox.world.calls.snapshot()).toEqual(callsBefore);
  });

  it('gives a ticket made by hand in Notion its Slack channel when a conversation is linked', async () => {
    const handMade = sandbox.world.tickets().find((t) => !t.properties['Slack Channel'] && t.properties.Status !== 'Done')!;
    const conversationId = CONVERSATION.smsBrazil;
    const result = await sandbox.canvas.submit(conversationId, `link:${handMade.page_id}`, null);
    expect(textOf(result)).toContain(`Linked to`);
    const after = sandbox.world.ticket(handMade.page_id)!;
    const channel = sandbox.world.slack.channels().find((c) => String(after.properties['Slack Channel']).includes(c.id))!;
    expect(channel.name.startsWith(after.ticket_id!.toLowerCase())).toBe(true);
    expect(channel.topic.value).toContain(after.url);
  });

  it('records all 50 conversations linked to one ticket at once', async () => {
    const target = sandbox.world.ticket('JMP-23')!;
    const ids = Array.from({ length: 50 }, (_, i) => String(990_000_000_000 + i));
    for (const id of ids) addConversation(sandbox.world, id, 'Okta login loops');
    const results = await Promise.all(ids.map((id) => sandbox.canvas.submit(id, `link:${target.page_id}`, null)));
    expect(results.every((r) => textOf(r).includes('Linked to'))).toBe(true);
    const linked = conversationsOf('JMP-23');
    for (const id of ids) expect(linked).toContain(`/conversation/${id}`);
  });

  it('unlinks a conversation from the panel', async () => {
    const conversationId = CONVERSATION.oktaLoop;
    const target = sandbox.world.ticket('JMP-23')!;
    await sandbox.canvas.submit(conversationId, `link:${target.page_id}`, null);
    const panel = await sandbox.canvas.initialize(conversationId);
    expect(textOf(panel)).toContain('JMP-23');
    // Unlink asks first, and writes nothing until confirmed.
    const confirm = await sandbox.canvas.submit(conversationId, `unlink:${target.page_id}`, panel);
    expect(textOf(confirm)).toContain('Unlink JMP-23 from this conversation?');
    expect(componentIds(confirm)).toEqual([`confirm_unlink:${target.page_id}`, 'back']);
    expect(conversationsOf('JMP-23')).toContain(`/conversation/${conversationId}`);
    const after = await sandbox.canvas.submit(conversationId, `confirm_unlink:${target.page_id}`, confirm);
    expect(componentIds(after)).toEqual(['find_or_create']);
    expect(conversationsOf('JMP-23')).not.toContain(`/conversation/${conversationId}`);
    const notes = sandbox.world.intercom.conversation(conversationId)!.parts.filter((p) => p.partType === 'note').map((p) => p.body ?? '');
    expect(notes.at(-1)).toContain('Unlinked from JMP-23');
    // Confirming twice (a double click) leaves one note.
    await sandbox.canvas.submit(conversationId, `confirm_unlink:${target.page_id}`, confirm);
    expect(sandbox.world.intercom.conversation(conversationId)!.parts.filter((p) => p.body?.includes('Unlinked from JMP-23'))).toHaveLength(1);
  });
});

describe('refreshing the panel', () => {
  it('drops a linked ticket that was deleted in Notion', async () => {
    const sandbox = await startTestSandbox();
    try {
      const conversationId = CONVERSATION.oktaLoop;
      const target = sandbox.world.ticket('JMP-23')!;
      await sandbox.canvas.submit(conversationId, `link:${target.page_id}`, null);
      const panel = await sandbox.canvas.initialize(conversationId);
      expect(textOf(panel)).toContain('JMP-23');
      sandbox.world.notion.updatePage(target.page_id, { in_trash: true });
      const refreshed = await sandbox.canvas.submit(conversationId, 'refresh', panel);
      expect(componentIds(refreshed)).toEqual(['find_or_create']);
    } finally {
      await sandbox.close();
    }
  });
});
