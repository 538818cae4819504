import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { eventually, startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * Notion shows created_time and last_edited_time rounded down to the minute (so does the fake).
 * A ticket edited later in the minute a cursor was taken looks older than the cursor: the sweep and
 * the index sync must still see it. The clock is the test's, shared by the app and the fakes.
 */
describe("Notion's minute-rounded timestamps", () => {
  let sandbox: TestSandbox;
  let clockMs = Date.parse('2026-12-02T12:00:20.000Z');
  const at = (time: string) => {
    clockMs = Date.parse(`2026-12-02T${time}Z`);
  };

  beforeEach(async () => {
    at('12:00:20.000');
    sandbox = await startTestSandbox({ now: () => new Date(clockMs) });
    // Only the sweep and the refresh may find the changes below.
    sandbox.world.webhooks.configure({ copies: 0 });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it('the sweep announces, once, a ticket marked Done in the minute the journal was created and the last sweep ran', async () => {
    const created = (await (await sandbox.api('/create-ticket', { intercom_conversation_id: CONVERSATION.webhookSecret })).json()) as {
      notion_ticket_id: string;
    };
    const ticketId = created.notion_ticket_id;
    const doneMessages = () =>
      sandbox.world.slack
        .channels()
        .find((c) => c.name.startsWith(`${ticketId.toLowerCase()}-`))!
        .messages.filter((m) => m.metadata?.event_type === 'ticket_resolved');
    at('12:00:30.000');
    expect(await sandbox.runtime.resolutions.sweep()).toMatchObject({ announced: 0 });

    at('12:00:45.000');
    const done = sandbox.world.setStatus(ticketId, 'Done');
    // What makes this hard: Notion says it was edited before the journal existed and the last sweep ran.
    expect(done.last_edited_time).toBe('2026-12-02T12:00:00.000Z');
    expect(Date.parse(done.last_edited_time)).toBeLessThan(Date.parse(sandbox.runtime.flows.journal.createdAt));

    at('12:00:50.000');
    expect(await sandbox.runtime.resolutions.sweep()).toMatchObject({ announced: 1 });
    await eventually(() => sandbox.world.ticket(ticketId)!.properties['Resolution Notified']);
    at('12:01:10.000');
    expect(await sandbox.runtime.resolutions.sweep()).toMatchObject({ announced: 0 });
    expect(doneMessages()).toHaveLength(1);
  });

  it('the index refresh picks up a second edit made in the same minute as the one it already holds', async () => {
    const { index, sync } = { index: sandbox.runtime.flows.index, sync: sandbox.runtime.sync };
    const ticket = sandbox.world.tickets().find((t) => t.properties.Status === 'In progress')!;

    at('12:00:30.000');
    sandbox.world.setStatus(ticket.page_id, 'Waiting on customer');
    await sync.refresh();
    expect(index.get(ticket.page_id)!.status).toBe('Waiting on customer');

    at('12:00:50.000');
    const again = sandbox.world.setStatus(ticket.page_id, 'Triage');
    expect(again.last_edited_time).toBe(index.get(ticket.page_id)!.lastEditedTime);
    await sync.refresh();
    expect(index.get(ticket.page_id)!.status).toBe('Triage');
  });
});
