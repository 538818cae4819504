import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStoredData } from '../../canvases/stored-data.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/**
 * Issue 12: page ids in `stored_data` were only length-checked (`users/me` and
 * `?filter_properties=x` reached Notion as path segments) and an Unlink was never checked against
 * the tickets the panel showed. Now an id must be a Notion id and one the clicked canvas drew.
 */
describe('page ids a click names', () => {
  let sandbox: TestSandbox;
  const conversationId = CONVERSATION.oktaLoop;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const click = (componentId: string, storedData: unknown) =>
    sandbox.canvas.post('/canvas/submit', {
      ...sandbox.canvas.body(conversationId),
      component_id: componentId,
      input_values: {},
      current_canvas: { content: { components: [] }, stored_data: storedData },
    });

  it('are not Notion ids when they are paths or queries: such stored data is not ours', () => {
    for (const bad of ['users/me', '?filter_properties=x', '../databases/x', 'x'.repeat(36)]) {
      expect(parseStoredData({ v: 1, canvas: 'initialize', conversationId, linkedPageIds: [bad] })).toBeNull();
      expect(parseStoredData({ v: 1, canvas: 'result', conversationId, pageId: bad })).toBeNull();
      expect(parseStoredData({ v: 1, canvas: 'error', conversationId, retry: { action: 'unlink', pageId: bad } })).toBeNull();
    }
  });

  it('refuses an Unlink of a ticket the panel did not show, or with no panel, before calling Notion', async () => {
    const linked = sandbox.world.ticket('JMP-23')!.page_id;
    const other = sandbox.world.ticket('JMP-24')!.page_id;
    const before = sandbox.world.calls.count('notion');
    for (const stored of [{ v: 1, canvas: 'initialize', conversationId, linkedPageIds: [other] }, { v: 1, canvas: 'initialize', conversationId, linkedPageIds: ['users/me'] }, null]) {
      const res = await click(`unlink:${linked}`, stored);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { message: expect.stringMatching(/not on this panel/) } });
    }
    expect(sandbox.world.calls.count('notion')).toBe(before);
  });

  it('refuses a link to a ticket the suggestion did not offer, before calling Notion', async () => {
    const offered = sandbox.world.ticket('JMP-23')!.page_id;
    const forged = sandbox.world.ticket('JMP-24')!.page_id;
    const suggestion = {
      v: 1,
      canvas: 'suggestion',
      conversationId,
      participants: [],
      suggestion: { decision: 'existing', pageId: offered, ticketId: 'JMP-23', reason: '', confidence: 1, madeBy: { kind: 'offline', why: 'not_configured' } },
      draft: { title: '', description: '' },
      candidates: [{ pageId: offered, ticketId: 'JMP-23', title: 'x', status: 'x' }],
      index: { complete: true, ticketsSeen: 40 },
    };
    const before = sandbox.world.calls.count('notion');
    const res = await click(`link:${forged}`, suggestion);
    expect(res.status).toBe(400);
    expect(sandbox.world.calls.count('notion')).toBe(before);
  });

  it('reads stored data nested once more, as the Intercom OpenAPI describes submit (current_canvas.current_canvas)', async () => {
    const linked = sandbox.world.ticket('JMP-23')!.page_id;
    const stored = { v: 1, canvas: 'initialize', conversationId, linkedPageIds: [linked] };
    const res = await sandbox.canvas.post('/canvas/submit', {
      ...sandbox.canvas.body(conversationId),
      component_id: 'refresh',
      input_values: {},
      current_canvas: { current_canvas: { content: { components: [] }, stored_data: stored } },
    });
    expect(res.status).toBe(200);
    // The nested stored data is what makes this Unlink one the panel showed.
    const unlink = await sandbox.canvas.post('/canvas/submit', {
      ...sandbox.canvas.body(conversationId),
      component_id: `unlink:${linked}`,
      input_values: {},
      current_canvas: { current_canvas: { content: { components: [] }, stored_data: stored } },
    });
    expect(unlink.status).toBe(200);
    expect(await unlink.json()).toMatchObject({ canvas: expect.any(Object) });
  });
});
