import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

describe('POST /create-ticket (the seed API, for Custom Actions and scripts)', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('links a conversation that clearly duplicates a ticket, without a confirmation step', async () => {
    const res = await sandbox.api('/create-ticket', { intercom_conversation_id: CONVERSATION.doubleCharge });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'success',
      notion_ticket_id: 'JMP-18',
      slack_channel: expect.stringMatching(/^#jmp-18-/),
      decision: 'existing',
      notion_url: sandbox.world.ticket('JMP-18')!.url,
    });
  });

  it('never links on a guess: the Google Calendar duplicates are not filed under recurring tasks on mobile (JMP-27)', async () => {
    const res = await sandbox.api('/create-ticket', { intercom_conversation_id: CONVERSATION.calendarDuplicates });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { decision: string; uncertain?: boolean; candidates?: string[]; notion_ticket_id: string };
    expect(body).toMatchObject({ status: 'success', decision: 'new', uncertain: true });
    expect(body.candidates).toContain('JMP-27');
    expect(body.candidates!.length).toBeLessThanOrEqual(3);
    expect(body.notion_ticket_id).not.toBe('JMP-27');
    expect(sandbox.world.ticket('JMP-27')!.properties['Intercom Conversations'] ?? '').not.toContain(CONVERSATION.calendarDuplicates);
  });

  it('links the closest ticket when unsure only if the caller asks to ("on_uncertain": "link")', async () => {
    const res = await sandbox.api('/create-ticket', { intercom_conversation_id: CONVERSATION.csvExport, on_uncertain: 'link' });
    const body = (await res.json()) as { decision: string; uncertain?: boolean; candidates?: string[]; notion_ticket_id: string };
    expect(body).toMatchObject({ status: 'success', decision: 'existing', uncertain: true, notion_ticket_id: 'JMP-25' });
    expect(body.candidates![0]).toBe('JMP-25');
    expect(sandbox.world.ticket('JMP-25')!.properties['Intercom Conversations']).toContain(CONVERSATION.csvExport);
  });

  it('creates a ticket for a new problem, and the same call again returns the same ticket', async () => {
    const body = { intercom_conversation_id: CONVERSATION.webhookSecret };
    const first = (await (await sandbox.api('/create-ticket', body)).json()) as Record<string, string>;
    expect(first).toMatchObject({ status: 'success', decision: 'new', notion_ticket_id: expect.stringMatching(/^JMP-\d+$/) });
    expect(first.slack_channel).toBe(`#${sandbox.world.slack.channels().find((c) => c.name.startsWith(first.notion_ticket_id!.toLowerCase()))!.name}`);
    const again = (await (await sandbox.api('/create-ticket', body)).json()) as Record<string, string>;
    expect(again.notion_ticket_id).toBe(first.notion_ticket_id);
  });

  it.each([
    ['no token', null, 401, 'unauthorized'],
    ['a wrong token', 'wrong-token-0123456789', 401, 'unauthorized'],
  ])('refuses %s', async (_name, token, status, code) => {
    const res = await sandbox.api('/create-ticket', { intercom_conversation_id: CONVERSATION.oktaLoop }, token);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ status: 'error', error: { code } });
  });

  it.each([
    ['a missing conversation id', {}, 'intercom_conversation_id'],
    ['a conversation id that is not a number', { intercom_conversation_id: 'abc' }, 'numeric'],
    ['a message of the wrong type', { intercom_conversation_id: '1', message: 42 }, 'message'],
    ['an unknown on_uncertain', { intercom_conversation_id: '1', on_uncertain: 'guess' }, 'on_uncertain'],
  ])('answers 400 for %s', async (_name, body, mention) => {
    const res = await sandbox.api('/create-ticket', body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { status: string; error: { code: string; message: string } };
    expect(json).toMatchObject({ status: 'error', error: { code: 'invalid_request' } });
    expect(json.error.message).toContain(mention);
  });

  it('answers 404 for a conversation Intercom does not have', async () => {
    const res = await sandbox.api('/create-ticket', { intercom_conversation_id: '123' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 'error', error: { code: 'conversation_not_found' } });
  });
});
