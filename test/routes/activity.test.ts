import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import type { OperationRecord } from '../../src/observability/activity.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

describe('GET /activity', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    // One create that fails at the Slack channel, then succeeds on Try again.
    const first = await sandbox.canvas.initialize(CONVERSATION.webhookSecret);
    const suggested = await sandbox.canvas.submit(CONVERSATION.webhookSecret, 'find_or_create', first);
    sandbox.world.faults.addRule({ service: 'slack', method: 'conversations.create', fault: 'http500', times: 1 });
    const failed = await sandbox.canvas.submit(CONVERSATION.webhookSecret, 'create_ticket', suggested, { ticket_title: 'Rotated secret' });
    await sandbox.canvas.submit(CONVERSATION.webhookSecret, 'try_again', failed);
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(sandbox.url + path, { headers });

  it('needs the API token', async () => {
    const res = await get('/activity');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Basic');
    expect((await get('/activity', { authorization: 'Bearer wrong-token-123456' })).status).toBe(401);
  });

  it('lists operations newest first, with the failed step and its external calls', async () => {
    const res = await get('/activity', { authorization: `Bearer ${SANDBOX.apiToken}`, accept: 'application/json' });
    expect(res.status).toBe(200);
    const { operations } = (await res.json()) as { operations: OperationRecord[] };
    expect(operations.map((o) => o.kind).slice(0, 3)).toEqual(['create', 'create', 'suggest']);
    const [retried, failed] = operations;
    expect(retried!.outcome).toBe('ok');
    expect(failed).toMatchObject({ outcome: 'error', error: { step: 'Creating the Slack channel' } });
    expect(failed!.steps).toContainEqual(expect.objectContaining({ name: 'Creating the Slack channel', ok: false }));
    expect(failed!.calls).toContainEqual(expect.objectContaining({ service: 'slack', method: 'conversations.create', status: 500 }));
    expect(failed!.subject).toMatchObject({ conversation_id: CONVERSATION.webhookSecret });
  });

  it('renders HTML for a browser, with the token as the Basic-auth password', async () => {
    const basic = Buffer.from(`support:${SANDBOX.apiToken}`).toString('base64');
    const res = await get('/activity?kind=create', { authorization: `Basic ${basic}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const body = await res.text();
    expect(body).toContain('Creating the Slack channel');
    expect(body).toContain('<td>create</td>');
    expect(body).not.toContain('<td>suggest</td>');
  });

  it('finds the creates and links of a ticket by its id, not only its Done operations', async () => {
    const json = { authorization: `Bearer ${SANDBOX.apiToken}`, accept: 'application/json' };
    const all = (await (await get('/activity?kind=create', json)).json()) as { operations: OperationRecord[] };
    // Both attempts: the page was made before the Slack channel failed.
    const [retried, failed] = all.operations;
    const ticketId = retried!.subject.ticket_id!;
    expect(ticketId).toMatch(/^JMP-\d+$/);
    expect(failed!.subject.ticket_id).toBe(ticketId);
    const created = (await (await get(`/activity?q=${ticketId}`, json)).json()) as { operations: OperationRecord[] };
    expect(created.operations.map((o) => [o.kind, o.outcome])).toEqual([
      ['create', 'ok'],
      ['create', 'error'],
    ]);

    const suggested = await sandbox.canvas.submit(CONVERSATION.oktaLoop, 'find_or_create', await sandbox.canvas.initialize(CONVERSATION.oktaLoop));
    await sandbox.canvas.submit(CONVERSATION.oktaLoop, 'link_suggested', suggested);
    const linked = (await (await get('/activity?q=JMP-23', json)).json()) as { operations: OperationRecord[] };
    expect(linked.operations).toEqual([expect.objectContaining({ kind: 'link', outcome: 'ok', subject: expect.objectContaining({ ticket_id: 'JMP-23', conversation_id: CONVERSATION.oktaLoop }) })]);
  });

  it('answers 400 for a bad filter', async () => {
    const res = await get('/activity?limit=-3', { authorization: `Bearer ${SANDBOX.apiToken}` });
    expect(res.status).toBe(400);
  });
});
