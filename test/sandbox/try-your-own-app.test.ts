import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestTicket } from '../../src/flows/suggest-ticket.js';
import { eventually, startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * The app sees what a new user adds through the sandbox API as it sees any Notion or Intercom
 * change: a ticket added by hand reaches the ticket index through Notion's `page.created` webhook
 * (the index refresh is an hour away here), and a conversation the user writes is suggested it.
 */
describe('tickets and conversations added through the sandbox API, as the app sees them', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${sandbox.url}/sandbox/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const startConversation = async (text: string) =>
    (
      (await post('/conversations', {
        customer: { name: 'Ana Lima', email: 'ana@warehouse.example' },
        parts: [{ author: 'customer', body: text }, { author: 'admin', body: 'Thanks Ana, checking.' }],
      })) as { id: string }
    ).id;
  const candidates = async (conversationId: string) =>
    (await suggestTicket(sandbox.runtime.flows, { conversationId, adminId: null })).triage.candidates.map((c) => c.ticket.pageId);

  it('a new ticket becomes the first candidate for a conversation that describes it', async () => {
    const words = 'Our warehouse scans EAN-13 barcodes with your mobile app and every SKU that starts with a zero is not found: the scanner drops the leading zeros.';
    const before = await startConversation(words);
    const index = sandbox.runtime.flows.index;
    const sizeBefore = index.size;

    const { tickets } = (await post('/tickets', {
      tickets: [{ title: 'Barcode scanner drops leading zeros from SKUs', description: 'Scanning EAN-13 barcodes in the mobile app strips leading zeros, so products whose SKU starts with 0 are not found.', status: 'Triage' }],
    })) as { tickets: Array<{ page_id: string; ticket_id: string }> };
    const created = tickets[0]!;

    const indexed = await eventually(() => index.get(created.page_id));
    expect(indexed).toMatchObject({ ticketId: created.ticket_id, title: 'Barcode scanner drops leading zeros from SKUs', status: 'Triage' });
    expect(index.size).toBe(sizeBefore + 1);

    expect((await candidates(before))[0]).toBe(created.page_id);
    const later = await startConversation('Hi, products with a SKU beginning with 0 cannot be found when we scan their barcode on the app.');
    expect((await candidates(later))[0]).toBe(created.page_id);
  });
});
