import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/http/signatures.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { CanvasClient } from '../support/canvas-client.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

describe('Canvas Kit routes', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(sandbox.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('answers a signed request shaped like Intercom’s documented initialize example', async () => {
    // From the Canvas Kit docs (inbox, Conversation details), trimmed of fields we do not read.
    const body = JSON.stringify({
      workspace_id: SANDBOX.intercomAppId,
      workspace_region: 'us',
      admin: { type: 'admin', id: SANDBOX.adminId, name: 'Dana Whitfield', email: 'dana@example.com', away_mode_enabled: false, has_inbox_seat: true, team_ids: [814] },
      conversation: { type: 'conversation', id: Number(CONVERSATION.csvExport), created_at: 1700000000, state: 'open', open: true, read: true },
      contact: { type: 'contact', id: '5ba682d23d7cf92bef87bfd4', role: 'user' },
    });
    const res = await post('/canvas/initialize', body, { 'x-body-signature': signBody(body, SANDBOX.intercomClientSecret) });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { canvas: { content: { components: Array<{ id?: string }> } } };
    expect(json.canvas.content.components.map((c) => c.id).filter(Boolean)).toEqual(['find_or_create']);
  });

  it.each([
    ['no signature', {}],
    ['a wrong signature', { 'x-body-signature': 'a'.repeat(64) }],
    ['a signature made with another secret', { 'x-body-signature': signBody('{}', 'not-the-secret') }],
  ])('refuses a request with %s (401, nothing done)', async (_name, headers) => {
    const callsBefore = sandbox.world.calls.snapshot();
    const res = await post('/canvas/submit', JSON.stringify({ component_id: 'create_ticket' }), headers);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ status: 'error', error: { code: 'invalid_signature' } });
    expect(sandbox.world.calls.snapshot()).toEqual(callsBefore);
  });

  it('answers malformed JSON with a valid signature with a 400 that says so', async () => {
    const body = '{"admin": {"id": "1"},';
    const res = await post('/canvas/initialize', body, { 'x-body-signature': signBody(body, SANDBOX.intercomClientSecret) });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe('invalid_json');
    expect(json.error.message).toMatch(/not valid JSON/);
  });

  it('says what is missing from a signed request without a conversation', async () => {
    const body = JSON.stringify({ admin: { id: '1' } });
    const res = await post('/canvas/initialize', body, { 'x-body-signature': signBody(body, SANDBOX.intercomClientSecret) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('conversation');
  });

  it('refuses a signed body that is not JSON by content type (415)', async () => {
    const body = JSON.stringify({ admin: { id: '1' }, conversation: { id: '1' } });
    const res = await fetch(sandbox.url + '/canvas/initialize', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-body-signature': signBody(body, SANDBOX.intercomClientSecret) },
      body,
    });
    expect(res.status).toBe(415);
  });

  it('refuses an unknown component id', async () => {
    const client = new CanvasClient(sandbox.url);
    const res = await client.post('/canvas/submit', { ...client.body(CONVERSATION.csvExport), component_id: 'drop_tables' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('drop_tables');
  });

  it('refuses a body over the size limit (413)', async () => {
    const body = JSON.stringify({ admin: { id: '1' }, conversation: { id: '1' }, pad: 'x'.repeat(1_100_000) });
    const res = await post('/canvas/initialize', body, { 'x-body-signature': signBody(body, SANDBOX.intercomClientSecret) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });
});
