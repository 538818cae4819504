import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { eventually, startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * Notion pauses a "Send webhook" automation whose requests keep failing, so an authenticated
 * automation body the app does not expect is answered 200 (with a warning in the log), and the page
 * it names, if any, is re-read and acted on by its real Status. Without the token: 401, as always.
 */
describe('a Notion automation body of an unexpected shape', () => {
  let sandbox: TestSandbox;

  beforeEach(async () => {
    sandbox = await startTestSandbox();
    sandbox.world.webhooks.configure({ copies: 0 });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  const TOKEN = { authorization: `Bearer ${SANDBOX.apiToken}` };
  const send = (body: string, headers: Record<string, string> = TOKEN) =>
    fetch(`${sandbox.url}/webhooks/notion`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const warnings = () => sandbox.logs.filter((l) => l.includes('unexpected shape'));
  const notionReads = () => sandbox.world.calls.snapshot().notion.methods['pages.retrieve'] ?? 0;
  const doneTicket = () => {
    const ticket = sandbox.world.tickets().find((t) => t.properties.Status !== 'Done' && t.properties['Slack Channel'])!;
    sandbox.world.setStatus(ticket.page_id, 'Done');
    return ticket;
  };

  it.each<[string, (pageId: string) => unknown]>([
    ['the page under data, but not said to be a page', (id) => ({ source: { type: 'button' }, data: { object: 'database', id } })],
    ['only a page_id', (id) => ({ page_id: id })],
    ['the page id without dashes, beside properties of the wrong type', (id) => ({ data: { id: id.replace(/-/g, ''), parent: 42, properties: 'x' } })],
  ])('naming a page (%s): 200, and the page is re-read and announced by its real Status', async (_name, make) => {
    const ticket = doneTicket();

    const res = await send(JSON.stringify(make(ticket.page_id)));

    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'accepted' });
    await eventually(() => sandbox.world.ticket(ticket.page_id)!.properties['Resolution Notified']);
    expect(warnings()).toHaveLength(1);
  });

  it('naming a page that is not Done: 200, re-read, and nobody is told', async () => {
    const ticket = sandbox.world.tickets().find((t) => t.properties.Status !== 'Done' && t.properties['Slack Channel'])!;
    const before = notionReads();

    expect((await send(JSON.stringify({ page_id: ticket.page_id, status: 'Done' }))).status).toBe(200);

    // The body's "Done" is not believed: Notion is asked, and says otherwise.
    await eventually(() => notionReads() > before);
    await eventually(() => sandbox.runtime.flows.background.size === 0);
    expect(sandbox.world.ticket(ticket.page_id)!.properties['Resolution Notified']).toBeFalsy();
  });

  it('naming a page of no ticket: 200, and nothing but a read (no error logged)', async () => {
    const res = await send(JSON.stringify({ page_id: '0f0e0d0c-0b0a-4909-8807-060504030201' }));

    expect(res.status).toBe(200);
    await eventually(() => sandbox.runtime.flows.background.size === 0);
    expect(sandbox.logs.filter((l) => l.includes('"level":"error"') || l.includes('"level":50'))).toEqual([]);
  });

  it.each([
    ['not JSON', 'this is not json <<MARKER_NOT_JSON>>'],
    ['empty', ''],
    ['an array', '["MARKER_ARRAY"]'],
    ['no page id', JSON.stringify({ hello: 'MARKER_NO_PAGE', data: { object: 'page' } })],
    ['an id that is a path, not a Notion id', JSON.stringify({ data: { object: 'page', id: '../../users/me?MARKER_PATH' } })],
  ])('naming no page (%s): 200 "ignored", no Notion call, and the log repeats nothing from it', async (_name, body) => {
    const before = notionReads();

    const res = await send(body);

    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ignored' });
    expect(notionReads()).toBe(before);
    expect(warnings()).toHaveLength(1);
    expect(sandbox.logs.join('\n')).not.toContain('MARKER');
  });

  it('logs one warning a minute at most, however many arrive', async () => {
    for (let i = 0; i < 20; i++) expect((await send(JSON.stringify({ attempt: i }))).status).toBe(200);
    expect(warnings()).toHaveLength(1);
  });

  it('is still 401 without the API token, or with a wrong one', async () => {
    const ticket = doneTicket();
    const body = JSON.stringify({ page_id: ticket.page_id });

    expect((await send(body, {})).status).toBe(401);
    expect((await send(body, { authorization: 'Bearer not-the-token-0000' })).status).toBe(401);
    expect(warnings()).toEqual([]);
  });
});
