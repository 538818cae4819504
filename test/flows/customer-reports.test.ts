import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicket } from '../../src/flows/create-ticket.js';
import { linkTicket } from '../../src/flows/link-ticket.js';
import { suggestTicket } from '../../src/flows/suggest-ticket.js';
import { unlinkTicket } from '../../src/flows/unlink-ticket.js';
import { ADMIN } from '../../src/sandbox/seed/demo-people.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * Customer Reports end to end against the sandbox fakes: what a customer wrote reaches the ticket
 * in Notion when the conversation is linked, the next customer who says it the same way finds that
 * ticket, and unlinking takes the words away again.
 */
describe("tickets learn how customers describe them (Customer Reports)", () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const flows = () => sandbox.runtime.flows;
  const gantt = () => flows().index.pageIds().map((id) => flows().index.get(id)!).find((t) => t.title.startsWith('Gantt view freezes'))!;
  const start = (body: string) =>
    sandbox.world.intercom.startConversation({
      customer: { name: 'Ana Lima', email: 'ana@roadmapper.example' },
      parts: [
        { author: 'customer', body: `<p>${body}</p>` },
        { author: 'admin', adminId: ADMIN.jon, body: '<p>Thanks Ana, I am asking the product team.</p>' },
      ],
    }).id;
  const firstCandidate = async (conversationId: string) =>
    (await suggestTicket(flows(), { conversationId, adminId: null })).triage.candidates[0]?.ticket.pageId ?? null;

  it('link → the excerpt is on the ticket in Notion (once, however often linked) → a later conversation in the same words finds it → unlink removes it', async () => {
    const ticket = gantt();
    expect(ticket.title).toMatch(/^Gantt view freezes/);
    const words = 'The swimlane overview spins forever and goes unresponsive once our quarterly roadmap loads.';
    const later = start('Swimlane overview spins forever again, unresponsive while the quarterly roadmap loads');
    expect(await firstCandidate(later)).not.toBe(ticket.pageId);

    const first = start(words);
    for (let i = 0; i < 3; i += 1) await linkTicket(flows(), { conversationId: first, pageId: ticket.pageId, participantIds: [] });

    const stored = await flows().tickets.get(ticket.pageId);
    expect(stored.customerReports).toBe(`[${first}] ${words}`);
    // The teammate's reply is not the customer's words.
    expect(stored.customerReports).not.toContain('product team');

    expect(await firstCandidate(later)).toBe(ticket.pageId);

    await unlinkTicket(flows(), { conversationId: first, pageId: ticket.pageId });
    expect((await flows().tickets.get(ticket.pageId)).customerReports).toBe('');
    expect(await firstCandidate(later)).not.toBe(ticket.pageId);
  });

  it('a conversation that creates a ticket starts its Customer Reports', async () => {
    const conversationId = start('Invoices in Polish złoty show the amount in euros on the PDF.');
    const outcome = await createTicket(flows(), { conversationId, title: 'Invoice PDF currency wrong', description: 'Currency shown is wrong.', participantIds: [] });
    const stored = await flows().tickets.get(outcome.ticket.pageId);
    expect(stored.customerReports).toBe(`[${conversationId}] Invoices in Polish złoty show the amount in euros on the PDF.`);
  });
});
