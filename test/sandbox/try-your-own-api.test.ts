import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { MAX_BODY_CHARS, MAX_DESCRIPTION_CHARS, MAX_PARTS, MAX_TICKETS, MAX_TITLE_CHARS } from '../../src/sandbox/fakes/try-your-own-routes.js';
import { ADMIN } from '../../src/sandbox/seed/demo-people.js';
import { rawJson, startSandbox, startReceiver, type Sandbox } from './harness.js';

/**
 * "Try your own" (issue 10): `POST /sandbox/api/conversations` starts a conversation the app reads
 * through the Intercom API like any other; `POST /sandbox/api/tickets` adds tickets as a person
 * would in Notion, so Notion tells the app. Client mistakes are 4xx naming the field, never 500.
 */

let sb: Sandbox;
beforeEach(async () => {
  sb = await startSandbox({ seed: 'demo' });
});
afterEach(() => sb.close());

const post = (path: string, body: unknown, contentType = 'application/json') =>
  rawJson(`${sb.url}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const customer = { name: 'Ana Lima', email: 'ana@roadmapper.example' };
const says = (body: string) => ({ author: 'customer', body });
const problem = (status: number, body: unknown) => ({ status, text: JSON.stringify(body) });

describe('POST /sandbox/api/conversations', () => {
  it('starts a conversation the Intercom API serves like any other: the customer first, teammates after, escaped', async () => {
    const { status, body } = await post('/conversations', {
      customer,
      parts: [
        says('The <b>CSV export</b> is empty\n\nsince Monday'),
        { author: 'admin', admin_id: ADMIN.jon, body: 'Looking into it' },
        { author: 'admin', body: 'Dana here too' },
        says('Thanks!'),
      ],
    });
    expect(status).toBe(201);
    const id = (body as { id: string }).id;
    expect(id).toMatch(/^\d+$/);

    const read = await sb.intercom.conversations.find({ conversation_id: id });
    expect(read.source.body).toBe('<p>The &lt;b&gt;CSV export&lt;/b&gt; is empty</p><p>since Monday</p>');
    expect(read.source.author).toMatchObject({ type: 'user', name: customer.name, email: customer.email });
    const parts = read.conversation_parts?.conversation_parts ?? [];
    expect(parts.map((p) => [p.part_type, p.author?.type, p.author?.id === read.source.author?.id ? 'customer' : p.author?.id])).toEqual([
      ['comment', 'admin', ADMIN.jon],
      ['comment', 'admin', SANDBOX.adminId],
      ['comment', 'user', 'customer'],
    ]);
    expect(sb.world.info().conversation_ids).toContain(id);
  });

  it('refuses each mistake with a 400 naming the field, and creates nothing', async () => {
    const before = sb.world.intercom.conversations().length;
    const cases: Array<[unknown, string]> = [
      [{ customer, parts: [] }, 'parts: at least one message'],
      [{ customer }, 'parts: required'],
      [{ parts: [says('x')] }, 'customer: required'],
      [{ customer: { name: 'Ana', email: 'not-an-email' }, parts: [says('x')] }, 'customer.email: a valid email address'],
      [{ customer: { name: '  ', email: customer.email }, parts: [says('x')] }, 'customer.name: must not be empty'],
      [{ customer, parts: [{ author: 'admin', body: 'x' }] }, "parts.0.author: the first message is the customer's"],
      [{ customer, parts: [says('x'), { author: 'admin', admin_id: '999', body: 'x' }] }, 'parts.1.admin_id: no such teammate; one of 7310001 (Dana Whitfield)'],
      [{ customer, parts: [says('x'), { author: 'admin', admin_id: 'dana', body: 'x' }] }, 'parts.1.admin_id: a teammate id'],
      [{ customer, parts: [{ ...says('x'), admin_id: ADMIN.jon }] }, 'parts.0.admin_id: only a teammate message'],
      [{ customer, parts: [says('x'), { author: 'bot', body: 'x' }] }, 'parts.1.author'],
      [{ customer, parts: [says(' \n ')] }, 'parts.0.body: must not be empty'],
      [{ customer, parts: [says('x'.repeat(MAX_BODY_CHARS + 1))] }, `parts.0.body: at most ${MAX_BODY_CHARS} characters`],
      [{ customer, parts: Array.from({ length: MAX_PARTS + 1 }, () => says('x')) }, `parts: at most ${MAX_PARTS} messages`],
      [{ customer, parts: [{ ...says('x'), note: true }] }, 'note'],
    ];
    for (const [body, expected] of cases) {
      const answer = await post('/conversations', body);
      expect(problem(answer.status, answer.body), JSON.stringify(body).slice(0, 200)).toEqual({ status: 400, text: expect.stringContaining(expected) });
      expect(answer.body).toMatchObject({ status: 'error', error: { code: 'invalid_request' } });
    }
    expect((await post('/conversations', '{"customer":')).status).toBe(400);
    expect((await post('/conversations', JSON.stringify({ customer, parts: [says('x')] }), 'text/plain')).status).toBe(415);
    expect((await post('/conversations', { customer, parts: [says('x'.repeat(1_100_000))] })).status).toBe(413);
    expect(sb.world.intercom.conversations()).toHaveLength(before);
  });
});

describe('POST /sandbox/api/tickets', () => {
  it('adds tickets as a person in Notion would: numbered, with their URL and Status, and Notion tells the app', async () => {
    const receiver = await startReceiver();
    sb.world.webhooks.target = { url: receiver.url, verificationToken: SANDBOX.notionWebhookVerificationToken };
    try {
      const { status, body } = await post('/tickets', {
        tickets: [
          { title: 'Dark mode resets after logout', description: 'The theme goes back to light.', status: 'In progress' },
          { title: 'Slow search on large workspaces' },
        ],
      });
      expect(status).toBe(201);
      const created = (body as { tickets: Array<Record<string, string>> }).tickets;
      expect(created).toEqual([
        { ticket_id: 'JMP-41', page_id: expect.any(String), url: expect.stringMatching(/^https:\/\/www\.notion\.so\/Dark-mode-resets-after-logout-[0-9a-f]{32}$/), title: 'Dark mode resets after logout', status: 'In progress' },
        // Without a Status, Notion's default.
        { ticket_id: 'JMP-42', page_id: expect.any(String), url: expect.stringContaining('Slow-search'), title: 'Slow search on large workspaces', status: 'Not started' },
      ]);

      const page = await sb.notion.pages.retrieve({ page_id: created[0]!.page_id! });
      expect(page).toMatchObject({ properties: { Description: { rich_text: [{ plain_text: 'The theme goes back to light.' }] } } });
      expect(sb.world.ticket('JMP-41')?.last_edited_by).toBe('person');

      // page.created, by a person: the app's webhook route acts on it (its own writes it ignores).
      await expect.poll(() => receiver.received.length).toBe(2);
      const events = receiver.received.map((r) => JSON.parse(r.body) as { type: string; entity: { id: string }; authors: Array<{ type: string }> });
      expect(events.map((e) => [e.type, e.entity.id, e.authors[0]?.type])).toEqual(created.map((t) => ['page.created', t.page_id, 'person']));
    } finally {
      await receiver.close();
    }
  });

  it('refuses each mistake with a 400 naming the field, and creates none of the batch', async () => {
    const before = sb.world.tickets().length;
    const ok = { title: 'Fine', description: 'Fine' };
    const cases: Array<[unknown, string]> = [
      [{ tickets: [] }, 'tickets: at least one ticket'],
      [{}, 'tickets: required'],
      [{ tickets: [ok, { ...ok, status: 'Shipped' }] }, 'tickets.1.status: one of the Status options: Not started, Triage, In progress, Waiting on customer, Done, Won\'t fix'],
      [{ tickets: [{ ...ok, status: 'done' }] }, 'tickets.0.status'],
      [{ tickets: [{ description: 'x' }] }, 'tickets.0.title: required'],
      [{ tickets: [{ title: '   ' }] }, 'tickets.0.title: must not be empty'],
      [{ tickets: [{ title: 'x'.repeat(MAX_TITLE_CHARS + 1) }] }, `tickets.0.title: at most ${MAX_TITLE_CHARS} characters`],
      [{ tickets: [{ title: 'x', description: 'x'.repeat(MAX_DESCRIPTION_CHARS + 1) }] }, `tickets.0.description: at most ${MAX_DESCRIPTION_CHARS} characters`],
      [{ tickets: Array.from({ length: MAX_TICKETS + 1 }, () => ok) }, `tickets: at most ${MAX_TICKETS} tickets`],
      [{ tickets: [{ ...ok, priority: 'high' }] }, 'priority'],
      [{ tickets: [{ title: 42 }] }, 'tickets.0.title'],
    ];
    for (const [body, expected] of cases) {
      const answer = await post('/tickets', body);
      expect(problem(answer.status, answer.body), JSON.stringify(body).slice(0, 200)).toEqual({ status: 400, text: expect.stringContaining(expected) });
    }
    expect((await post('/tickets', 'not json')).status).toBe(400);
    expect(sb.world.tickets()).toHaveLength(before);
  });
});
