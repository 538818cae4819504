import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { type Canvas, component, componentIds, textOf } from '../support/canvas-client.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * The first canvas lists the linked tickets one row each; a click on a row opens that ticket in
 * full (status, conversations, links, Unlink), and Back returns to the list.
 */
describe('a linked ticket, a click away from the panel', () => {
  let sandbox: TestSandbox;
  const conversationId = CONVERSATION.oktaLoop;
  const ticketIds = ['JMP-23', 'JMP-5', 'JMP-7'];
  const pageIdOf = (ticketId: string) => sandbox.world.ticket(ticketId)!.page_id;
  const rows = (canvas: Canvas) => componentIds(canvas).filter((id) => id.startsWith('ticket:'));

  beforeEach(async () => {
    sandbox = await startTestSandbox();
    for (const ticketId of ticketIds) {
      // Linking a Done ticket asks first; these are linked as a confirmed teammate would.
      await sandbox.canvas.submit(conversationId, `confirm_link:${pageIdOf(ticketId)}`, null);
    }
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('opens the ticket clicked, with its details, Unlink and Back; Back returns to the same list', async () => {
    const panel = await sandbox.canvas.initialize(conversationId);
    expect(rows(panel)).toHaveLength(3);
    const clicked = sandbox.world.ticket(ticketIds[1]!)!;

    const detail = await sandbox.canvas.submit(conversationId, `ticket:${clicked.page_id}`, panel);

    const text = textOf(detail);
    expect(text).toContain(clicked.ticket_id!);
    expect(text).toContain(`Status: ${String(clicked.properties.Status)}`);
    expect(text).toMatch(/Conversations: \d+/);
    for (const other of [ticketIds[0]!, ticketIds[2]!]) expect(text).not.toContain(`${other} `);
    expect(component(detail, `open_notion:${clicked.page_id}`)).toMatchObject({ label: 'Open in Notion', action: { type: 'url', url: clicked.url } });
    expect(componentIds(detail).slice(-2)).toEqual([`unlink:${clicked.page_id}`, 'back']);
    expect(detail.stored_data).toEqual({ v: 1, canvas: 'ticket', conversationId, pageId: clicked.page_id });

    const back = await sandbox.canvas.submit(conversationId, 'back', detail);
    expect(rows(back)).toEqual(rows(panel));
    expect(back.stored_data).toMatchObject({ canvas: 'initialize' });
  });

  it('unlinks from the ticket view, after the confirmation, and the list no longer has it', async () => {
    const panel = await sandbox.canvas.initialize(conversationId);
    const target = pageIdOf('JMP-5');
    const detail = await sandbox.canvas.submit(conversationId, `ticket:${target}`, panel);

    const confirm = await sandbox.canvas.submit(conversationId, `unlink:${target}`, detail);
    expect(textOf(confirm)).toContain('Unlink JMP-5 from this conversation?');
    const after = await sandbox.canvas.submit(conversationId, `confirm_unlink:${target}`, confirm);

    expect(rows(after)).not.toContain(`ticket:${target}`);
    expect(rows(after)).toHaveLength(2);
  });

  it('refuses to open a ticket the panel did not show (a forged click)', async () => {
    const panel = await sandbox.canvas.initialize(conversationId);
    const notShown = pageIdOf('JMP-30');
    const body = {
      ...sandbox.canvas.body(conversationId),
      component_id: `ticket:${notShown}`,
      input_values: {},
      current_canvas: panel,
    };
    const res = await sandbox.canvas.post('/canvas/submit', body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });

  it('shows the list as it is now when the ticket clicked was unlinked meanwhile', async () => {
    const panel = await sandbox.canvas.initialize(conversationId);
    const target = pageIdOf('JMP-7');
    await sandbox.canvas.submit(conversationId, `confirm_unlink:${target}`, null);

    const answer = await sandbox.canvas.submit(conversationId, `ticket:${target}`, panel);

    expect(answer.stored_data).toMatchObject({ canvas: 'initialize' });
    expect(rows(answer)).not.toContain(`ticket:${target}`);
  });
});
