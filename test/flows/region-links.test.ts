import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { CanvasClient, textOf } from '../support/canvas-client.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * An EU workspace: the inbox says `workspace_region: "eu"` (the sandbox's API base URL is a loopback
 * fake, so it names no region), and every conversation link the app writes points at app.eu.intercom.com.
 */
describe('conversation links follow the workspace region', () => {
  let sandbox: TestSandbox;
  beforeEach(async () => {
    sandbox = await startTestSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('writes app.eu.intercom.com links to Notion and Slack for an EU workspace', async () => {
    const canvas = new CanvasClient(sandbox.url, undefined, undefined, 'eu');
    const conversationId = CONVERSATION.webhookSecret;
    const first = await canvas.initialize(conversationId);
    const suggested = await canvas.submit(conversationId, 'find_or_create', first);
    const result = await canvas.submit(conversationId, 'create_ticket', suggested, { ticket_title: 'Webhooks signed with the rotated secret' });
    const ticketId = /JMP-\d+/.exec(textOf(result))![0];

    const expected = `https://app.eu.intercom.com/a/inbox/${SANDBOX.intercomAppId}/inbox/conversation/${conversationId}`;
    const ticket = sandbox.world.ticket(ticketId)!;
    expect(ticket.properties['Intercom Conversations']).toContain(expected);
    expect(ticket.properties['Intercom Conversations']).not.toContain('https://app.intercom.com');

    const channel = sandbox.world.slack.channels().find((c) => c.name.startsWith(ticketId.toLowerCase()))!;
    const texts = channel.messages.map((m) => JSON.stringify(m)).join('\n');
    expect(texts).toContain(expected);
    expect(texts).not.toContain('https://app.intercom.com/');
  });
});
