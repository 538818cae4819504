import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationUrl } from '../../src/domain/conversation-links.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { componentIds, textOf } from '../support/canvas-client.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * Issue 12: five Refresh clicks on a conversation linked to every ticket made 53 Notion reads,
 * answered after 13–15 s, and another teammate's Create failed meanwhile. Here Notion is held to
 * its documented 3 requests a second, in the app's limiter and in the fake.
 */
describe('a Refresh storm, at Notion’s real rate', () => {
  let sandbox: TestSandbox;
  const stormed = CONVERSATION.oktaLoop;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ env: { NOTION_REQUESTS_PER_SECOND: '3', SANDBOX_NOTION_RPS: '3' } });
    // Every ticket linked to one conversation, as in the report (40 seeded tickets).
    for (const ticket of sandbox.world.tickets()) {
      sandbox.world.notion.updatePage(ticket.page_id, {
        properties: { 'Intercom Conversations': { rich_text: [{ text: { content: conversationUrl(SANDBOX.intercomAppId, stormed) } }] } },
      });
    }
    await sandbox.runtime.sync.fullLoad(null);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('reads only the tickets a panel shows, once for five clicks, answers every panel within 8 s, and lets another teammate create meanwhile', async () => {
    const panel = await sandbox.canvas.initialize(stormed);
    const rows = componentIds(panel).filter((id) => id.startsWith('ticket:'));
    expect(rows).toHaveLength(3);
    expect(textOf(panel)).toMatch(/37 more linked tickets/);
    const readsBefore = sandbox.world.calls.count('notion', 'pages.retrieve');

    const timed = async <T>(work: () => Promise<T>) => {
      const started = performance.now();
      const value = await work();
      return { value, ms: performance.now() - started };
    };
    const other = CONVERSATION.smsBrazil;
    const create = timed(async () => {
      const suggestion = await sandbox.canvas.submit(other, 'find_or_create', await sandbox.canvas.initialize(other));
      return sandbox.canvas.submit(other, 'create_ticket', suggestion, { ticket_title: 'SMS codes do not arrive in Brazil', ticket_description: 'x' });
    });
    const refreshes = await Promise.all(Array.from({ length: 5 }, () => timed(() => sandbox.canvas.submit(stormed, 'refresh', panel))));
    const created = await create;

    for (const refresh of refreshes) {
      expect(refresh.ms).toBeLessThan(8_000);
      expect(componentIds(refresh.value).filter((id) => id.startsWith('ticket:'))).toEqual(rows);
    }
    expect(sandbox.world.calls.count('notion', 'pages.retrieve') - readsBefore).toBeLessThanOrEqual(3);
    expect(textOf(created.value)).toMatch(/JMP-\d+/);
    expect(textOf(created.value)).not.toMatch(/went wrong|failed|Try again/i);
    expect(created.ms).toBeLessThan(8_000);
  }, 60_000);
});
