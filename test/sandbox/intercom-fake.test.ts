import { Intercom, IntercomError } from 'intercom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { ADMIN } from '../../src/sandbox/seed/demo-people.js';
import { rawJson, startSandbox, type Sandbox } from './harness.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ seed: 'demo' });
});
afterAll(() => sb.close());

/** The parts of Intercom's conversation object the app reads, as the API reference describes them. */
const author = z.object({ type: z.string(), id: z.string(), name: z.string(), email: z.string() });
const conversationShape = z.object({
  type: z.literal('conversation'),
  id: z.string(),
  title: z.string().nullable(),
  created_at: z.number().int(),
  updated_at: z.number().int(),
  open: z.boolean(),
  state: z.enum(['open', 'closed', 'snoozed']),
  admin_assignee_id: z.number().int().nullable(),
  source: z.object({ type: z.string(), id: z.string(), body: z.string(), author, delivered_as: z.string() }),
  contacts: z.object({ type: z.literal('contact.list'), contacts: z.array(z.object({ type: z.literal('contact'), id: z.string() })) }),
  teammates: z.object({ type: z.literal('admin.list'), admins: z.array(z.object({ type: z.literal('admin'), id: z.string() })) }),
  conversation_parts: z.object({
    type: z.literal('conversation_part.list'),
    total_count: z.number().int(),
    conversation_parts: z.array(
      z.object({ type: z.literal('conversation_part'), id: z.string(), part_type: z.string(), body: z.string().nullable(), created_at: z.number().int(), author }),
    ),
  }),
});

async function intercomError(promise: Promise<unknown>): Promise<IntercomError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof IntercomError)) throw new Error(`expected an IntercomError, got ${String(err)}`);
  return err;
}

describe('Intercom fake: conversations', () => {
  it('returns a conversation shaped like Intercom’s, with plain-text bodies when asked', async () => {
    const conversation = await sb.intercom.conversations.find({ conversation_id: CONVERSATION.oktaLoop, display_as: 'plaintext' });
    const parsed = conversationShape.parse(conversation);
    expect(parsed.source.body).toBe(
      'Hi! Since this morning none of my team can get in through Okta. We click "Sign in with Okta", the page flashes, and we land back on your login screen.\nLogging in with a password still works for my admin account. We have 40 people blocked right now.',
    );
    expect(parsed.source.author).toMatchObject({ type: 'user', name: 'Megan Torres' });
    expect(parsed.admin_assignee_id).toBe(Number(ADMIN.jon));
    expect(parsed.teammates.admins.map((a) => a.id).sort()).toEqual([ADMIN.dana, ADMIN.jon].sort());
    expect(parsed.conversation_parts.conversation_parts.map((p) => p.part_type)).toEqual(['comment', 'comment', 'note']);
    expect(parsed.conversation_parts.conversation_parts.every((p) => !p.body?.includes('<'))).toBe(true);
  });

  it('keeps HTML bodies by default and decodes entities in plain text', async () => {
    const html = await sb.intercom.conversations.find({ conversation_id: CONVERSATION.iosCrash });
    expect(html.conversation_parts?.conversation_parts?.[0]?.body).toContain('<p>');
    const text = await sb.intercom.conversations.find({ conversation_id: CONVERSATION.iosCrash, display_as: 'plaintext' });
    expect(text.conversation_parts?.conversation_parts?.[0]?.body).toContain('Settings > General > iPhone Storage');
  });

  it('answers 404 not_found for an unknown conversation', async () => {
    const err = await intercomError(sb.intercom.conversations.find({ conversation_id: '999' }));
    expect(err).toBeInstanceOf(Intercom.NotFoundError);
    expect(err.statusCode).toBe(404);
    expect(err.body).toMatchObject({ type: 'error.list', request_id: expect.any(String), errors: [{ code: 'not_found' }] });
  });

  it('adds a customer-visible reply and an internal note as the admin, and returns the conversation', async () => {
    const replied = await sb.intercom.conversations.reply({
      conversation_id: CONVERSATION.darkModeCharts,
      body: { message_type: 'comment', type: 'admin', admin_id: SANDBOX.adminId, body: '<p>Fixed, thanks for reporting!</p>' },
    });
    const parsed = conversationShape.parse(replied);
    expect(parsed.conversation_parts.conversation_parts.at(-1)).toMatchObject({
      part_type: 'comment',
      body: '<p>Fixed, thanks for reporting!</p>',
      author: { type: 'admin', id: SANDBOX.adminId, name: 'Dana Whitfield' },
    });
    expect(parsed.teammates.admins.map((a) => a.id)).toContain(SANDBOX.adminId);
    await sb.intercom.conversations.reply({
      conversation_id: CONVERSATION.darkModeCharts,
      body: { message_type: 'note', type: 'admin', admin_id: SANDBOX.adminId, body: '<p>Linked to JMP-17</p>' },
    });
    const stored = sb.world.intercom.conversation(CONVERSATION.darkModeCharts)!;
    expect(stored.parts.map((p) => p.partType)).toEqual(['comment', 'comment', 'note']);
  });

  it('refuses a reply from an unknown admin or without a body', async () => {
    const unknown = await intercomError(
      sb.intercom.conversations.reply({ conversation_id: CONVERSATION.darkModeCharts, body: { message_type: 'note', type: 'admin', admin_id: '1', body: 'x' } }),
    );
    expect(unknown.statusCode).toBe(400);
    const empty = await intercomError(
      sb.intercom.conversations.reply({ conversation_id: CONVERSATION.darkModeCharts, body: { message_type: 'note', type: 'admin', admin_id: SANDBOX.adminId, body: '' } }),
    );
    expect(empty.body).toMatchObject({ errors: [{ code: 'parameter_not_found' }] });
  });

  it('closes and reopens a conversation through /parts', async () => {
    const closed = await sb.intercom.conversations.manage({
      conversation_id: CONVERSATION.smsBrazil,
      body: { message_type: 'close', type: 'admin', admin_id: ADMIN.dana },
    });
    expect(closed).toMatchObject({ state: 'closed', open: false });
    const reopened = await sb.intercom.conversations.manage({
      conversation_id: CONVERSATION.smsBrazil,
      body: { message_type: 'open', admin_id: SANDBOX.adminId },
    });
    expect(reopened).toMatchObject({ state: 'open', open: true });
    expect(reopened.conversation_parts?.conversation_parts?.slice(-2).map((p) => p.part_type)).toEqual(['close', 'open']);
  });
});

describe('Intercom fake: admins and auth', () => {
  it('lists the six teammates', async () => {
    const admins = await sb.intercom.admins.list();
    expect(admins.type).toBe('admin.list');
    expect(admins.admins?.map((a) => a?.name)).toEqual(['Dana Whitfield', 'Marcus Oyelaran', 'Jon Park', 'José García', 'Priya Raman', 'Aiko Tanaka']);
  });

  it('finds one admin, and identifies the token’s admin with the workspace', async () => {
    const jose = await sb.intercom.admins.find({ admin_id: Number(ADMIN.jose) });
    expect(jose).toMatchObject({ id: ADMIN.jose, email: 'jose.garcia@brightdesk.example' });
    const me = await sb.intercom.admins.identify();
    expect(me).toMatchObject({ id: SANDBOX.adminId, app: { type: 'app', id_code: SANDBOX.intercomAppId } });
  });

  it('answers 401 with an error list for a wrong token', async () => {
    const res = await rawJson(`${sb.url}/intercom/admins`, { headers: { authorization: 'Bearer wrong' } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ type: 'error.list', request_id: expect.any(String), errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] });
  });
});
