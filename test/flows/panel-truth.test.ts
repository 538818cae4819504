import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { ADMIN } from '../../src/sandbox/seed/demo-people.js';
import { CanvasClient, component, componentIds, textOf } from '../support/canvas-client.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';
import { SANDBOX } from '../../src/sandbox/constants.js';

/**
 * The panel tells the truth (issue 11, cases 8 and 10): a half-made ticket says what is missing and
 * can be finished, the error says what exists, and the copy says what each button does.
 */
describe('the panel', () => {
  let sandbox: TestSandbox;
  beforeEach(async () => {
    sandbox = await startTestSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('case 8: a create whose Slack channel failed says the ticket exists, and "Finish setting up" finishes it', async () => {
    const conversationId = CONVERSATION.webhookSecret;
    const suggestion = await sandbox.canvas.submit(conversationId, 'find_or_create', await sandbox.canvas.initialize(conversationId));
    sandbox.world.faults.addRule({ service: 'slack', method: 'conversations.create', fault: 'http500', phase: 'before', times: 100 });
    const failed = await sandbox.canvas.submit(conversationId, 'create_ticket', suggestion, { ticket_title: 'Rotated webhook secret' });
    const ticket = sandbox.world.tickets().find((t) => t.properties.Title === 'Rotated webhook secret')!;
    expect(textOf(failed)).toContain(`${ticket.ticket_id} was created in Notion; the Slack channel could not be made.`);

    const panel = await sandbox.canvas.submit(conversationId, 'back', failed);
    expect(textOf(panel)).toContain('Set-up not finished');
    const detail = await sandbox.canvas.submit(conversationId, `ticket:${ticket.page_id}`, panel);
    expect(textOf(detail)).toContain('Set-up not finished: the Slack channel missing.');
    expect(component(detail, `finish_setup:${ticket.page_id}`)).toMatchObject({ label: 'Finish setting up' });
    // Refresh alone does not pretend it is finished.
    expect(textOf(await sandbox.canvas.submit(conversationId, 'refresh', panel))).toContain('Set-up not finished');

    sandbox.world.faults.clear();
    const finished = await sandbox.canvas.submit(conversationId, `finish_setup:${ticket.page_id}`, detail);
    expect(textOf(finished)).toContain(`Created [${ticket.ticket_id}]`);
    const after = sandbox.world.ticket(ticket.page_id)!;
    const channel = sandbox.world.slack.channels().find((c) => String(after.properties['Slack Channel']).includes(c.id))!;
    expect(channel.messages.filter((m) => m.metadata?.event_type === 'ticket_channel_opened')).toHaveLength(1);
    const notes = sandbox.world.intercom.conversation(conversationId)!.parts.filter((p) => p.partType === 'note' && p.body?.includes(ticket.ticket_id!));
    expect(notes).toHaveLength(1);
    expect(textOf(await sandbox.canvas.initialize(conversationId))).not.toContain('Set-up not finished');
  });

  it('case 10: the result canvas closes with "Close", and a deactivated teammate is named as deactivated', async () => {
    const aiko = new CanvasClient(sandbox.url, SANDBOX.intercomClientSecret, { id: ADMIN.aiko, name: 'Aiko Tanaka', email: 'aiko@brightdesk.example' });
    const conversationId = CONVERSATION.webhookSecret;
    const suggestion = await aiko.submit(conversationId, 'find_or_create', await aiko.initialize(conversationId));
    const result = await aiko.submit(conversationId, 'create_ticket', suggestion, { ticket_title: 'Rotated webhook secret' });
    expect(component(result, 'refresh')).toMatchObject({ label: 'Close' });
    expect(textOf(result)).not.toMatch(/\bDone\b/);
    expect(textOf(result)).toContain('Aiko Tanaka (their Slack account is deactivated)');
  });

  it('case 10: after "Create a new ticket instead", the header and the line under it agree', async () => {
    const conversationId = CONVERSATION.oktaLoop;
    const suggested = await sandbox.canvas.submit(conversationId, 'find_or_create', await sandbox.canvas.initialize(conversationId));
    expect(textOf(suggested)).toContain('Matches an existing ticket');
    const instead = await sandbox.canvas.submit(conversationId, 'create_instead', suggested);
    const text = textOf(instead);
    expect(text).toContain('New ticket');
    expect(text).toContain('You chose a new ticket instead of JMP-23.');
    expect(text).not.toContain('Looks like a new issue');
    expect(text).not.toMatch(/confident/);
    // Still so after a submit that needs fixing (an empty title).
    const fix = await sandbox.canvas.submit(conversationId, 'create_ticket', instead, { ticket_title: '' });
    expect(textOf(fix)).toContain('You chose a new ticket instead of JMP-23.');
    expect(componentIds(fix)).toContain('create_ticket');
  });
});
