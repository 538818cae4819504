import { APIErrorCode, APIResponseError, isFullDatabase, isFullDataSource, isFullPage, isFullUser, type PageObjectResponse } from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { TICKET_PROPERTY_IDS } from '../../src/sandbox/seed/ticket-schema.js';
import { rawJson, startSandbox, type Sandbox } from './harness.js';

let sb: Sandbox;
/** How far the fakes' clock is ahead of the real one (tests move it instead of waiting). */
let aheadMs = 0;
beforeAll(async () => {
  sb = await startSandbox({ seed: 'demo', now: () => new Date(Date.now() + aheadMs) });
});
afterAll(() => sb.close());

const ds = SANDBOX.notionDataSourceId;

function text(content: string) {
  return [{ type: 'text' as const, text: { content } }];
}

async function createTicket(title: string, extra: Record<string, unknown> = {}) {
  const page = await sb.notion.pages.create({
    parent: { data_source_id: ds },
    properties: { Title: { title: text(title) }, Description: { rich_text: text('Details') }, ...extra } as never,
  });
  if (!isFullPage(page)) throw new Error('expected a full page');
  return page;
}

function prop(page: PageObjectResponse, name: string) {
  const value = page.properties[name];
  if (!value) throw new Error(`no property ${name}`);
  return value;
}

async function rejection(promise: Promise<unknown>): Promise<APIResponseError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!APIResponseError.isAPIResponseError(err)) throw new Error(`expected an APIResponseError, got ${String(err)}`);
  return err;
}

describe('Notion fake: databases and data sources', () => {
  it('retrieves the tickets database with its data source and no properties', async () => {
    const db = await sb.notion.databases.retrieve({ database_id: SANDBOX.notionDatabaseId });
    expect(isFullDatabase(db)).toBe(true);
    if (!isFullDatabase(db)) return;
    expect(db.data_sources).toEqual([{ id: ds, name: 'Support Tickets' }]);
    expect(db).not.toHaveProperty('properties');
    expect(db.parent).toEqual({ type: 'page_id', page_id: SANDBOX.notionParentPageId });
  });

  it('accepts database ids without dashes, as Notion URLs carry them', async () => {
    const db = await sb.notion.databases.retrieve({ database_id: SANDBOX.notionDatabaseId.replace(/-/g, '') });
    expect(db.id).toBe(SANDBOX.notionDatabaseId);
  });

  it('describes the schema: encoded property ids, status options with groups, the unique_id prefix', async () => {
    const source = await sb.notion.dataSources.retrieve({ data_source_id: ds });
    expect(isFullDataSource(source)).toBe(true);
    if (!isFullDataSource(source)) return;
    expect(source.parent).toEqual({ type: 'database_id', database_id: SANDBOX.notionDatabaseId });
    const { Status, ID, Title, 'Slack Channel': slackChannel, 'Resolution Notified': notified } = source.properties;
    expect(Title).toMatchObject({ id: 'title', type: 'title' });
    expect(ID).toMatchObject({ id: TICKET_PROPERTY_IDS.id, type: 'unique_id', unique_id: { prefix: 'JMP' } });
    expect(slackChannel?.type).toBe('url');
    expect(notified?.type).toBe('date');
    expect(Status?.id).toBe('%5DqJb');
    if (Status?.type !== 'status') throw new Error('Status is not a status property');
    expect(Status.status.options.map((o) => o.name)).toEqual(['Not started', 'Triage', 'In progress', 'Waiting on customer', 'Done', "Won't fix"]);
    const complete = Status.status.groups.find((g) => g.name === 'Complete');
    const done = Status.status.options.find((o) => o.name === 'Done');
    expect(complete?.option_ids).toContain(done?.id);
  });

  it('creates a database under the parent page with an initial data source (the setup command)', async () => {
    const created = await sb.notion.databases.create({
      parent: { type: 'page_id', page_id: SANDBOX.notionParentPageId },
      title: text('Escalations'),
      initial_data_source: {
        properties: {
          Name: { title: {} },
          Key: { unique_id: { prefix: 'ESC' } },
          Stage: { status: {} },
          Notes: { rich_text: {} },
        },
      },
    });
    if (!isFullDatabase(created)) throw new Error('expected a full database');
    const sourceId = created.data_sources[0]!.id;
    const source = await sb.notion.dataSources.retrieve({ data_source_id: sourceId });
    if (!isFullDataSource(source)) throw new Error('expected a full data source');
    const stage = source.properties.Stage;
    if (stage?.type !== 'status') throw new Error('Stage is not a status');
    expect(stage.status.options.map((o) => o.name)).toEqual(['Not started', 'In progress', 'Done']);
    const page = await sb.notion.pages.create({ parent: { data_source_id: sourceId }, properties: { Name: { title: text('First') } } });
    if (!isFullPage(page)) throw new Error('expected a full page');
    expect(prop(page, 'Key')).toMatchObject({ unique_id: { prefix: 'ESC', number: 1 } });
  });

  it('refuses a database without a title property', async () => {
    const err = await rejection(
      sb.notion.databases.create({
        parent: { type: 'page_id', page_id: SANDBOX.notionParentPageId },
        initial_data_source: { properties: { Notes: { rich_text: {} } } },
      }),
    );
    expect(err.code).toBe(APIErrorCode.ValidationError);
  });

  it('adds, renames and retypes properties, keeping property ids stable across renames', async () => {
    const created = await sb.notion.databases.create({
      parent: { type: 'page_id', page_id: SANDBOX.notionParentPageId },
      initial_data_source: { properties: { Name: { title: {} }, Link: { rich_text: {} } } },
    });
    if (!isFullDatabase(created)) throw new Error('expected a full database');
    const sourceId = created.data_sources[0]!.id;
    const page = await sb.notion.pages.create({
      parent: { data_source_id: sourceId },
      properties: { Name: { title: text('Row') }, Link: { rich_text: text('https://example.com/a') } } as never,
    });
    const before = await sb.notion.dataSources.retrieve({ data_source_id: sourceId });
    const linkId = before.properties.Link!.id;
    const updated = await sb.notion.dataSources.update({
      data_source_id: sourceId,
      properties: { Link: { name: 'Website', url: {} }, Done: { checkbox: {} } },
    });
    expect(updated.properties.Website).toMatchObject({ id: linkId, type: 'url' });
    expect(updated.properties.Done?.type).toBe('checkbox');
    expect(updated.properties.Link).toBeUndefined();
    const row = await sb.notion.pages.retrieve({ page_id: page.id });
    if (!isFullPage(row)) throw new Error('expected a full page');
    expect(prop(row, 'Website')).toMatchObject({ type: 'url', url: 'https://example.com/a' });
    expect(prop(row, 'Done')).toMatchObject({ type: 'checkbox', checkbox: false });
  });

  it('answers users.me with the integration bot', async () => {
    const me = await sb.notion.users.me({});
    expect(isFullUser(me)).toBe(true);
    expect(me).toMatchObject({ object: 'user', type: 'bot', bot: { workspace_name: 'Sandbox' } });
  });

  it('retrieves the seeded parent page', async () => {
    const page = await sb.notion.pages.retrieve({ page_id: SANDBOX.notionParentPageId });
    expect(isFullPage(page)).toBe(true);
    if (!isFullPage(page)) return;
    expect(page.parent).toEqual({ type: 'workspace', workspace: true });
  });
});

describe('Notion fake: pages', () => {
  it('creates a page under a data source, numbered with the prefix, with the default status', async () => {
    const page = await createTicket('Exports fail for Safari users');
    expect(page.parent).toEqual({ type: 'data_source_id', data_source_id: ds, database_id: SANDBOX.notionDatabaseId });
    expect(prop(page, 'ID')).toEqual({ id: TICKET_PROPERTY_IDS.id, type: 'unique_id', unique_id: { prefix: 'JMP', number: expect.any(Number) } });
    expect(prop(page, 'Status')).toMatchObject({ type: 'status', status: { name: 'Not started' } });
    expect(page.url).toMatch(/^https:\/\/www\.notion\.so\/Exports-fail-for-Safari-users-[0-9a-f]{32}$/);
    expect(page.url.endsWith(page.id.replace(/-/g, ''))).toBe(true);
    expect(page.created_time).toBe(page.last_edited_time);
    expect(page.created_by.id).toBe(page.last_edited_by.id);
  });

  it('numbers pages created at the same time without gaps or repeats', async () => {
    const pages = await Promise.all(Array.from({ length: 15 }, (_, i) => createTicket(`Concurrent ${i}`)));
    const numbers = pages.map((p) => {
      const id = prop(p, 'ID');
      return id.type === 'unique_id' ? id.unique_id.number! : -1;
    });
    const sorted = [...numbers].sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(15);
    expect(sorted.at(-1)! - sorted[0]!).toBe(14);
  });

  it('also accepts a database_id parent (one data source)', async () => {
    const page = await sb.notion.pages.create({
      parent: { database_id: SANDBOX.notionDatabaseId },
      properties: { Title: { title: text('Via database parent') } },
    });
    if (!isFullPage(page)) throw new Error('expected a full page');
    expect(page.parent).toMatchObject({ data_source_id: ds });
  });

  it('updates properties, bumps last_edited_time, and keeps the rest', async () => {
    const page = await createTicket('Update me');
    aheadMs += 60_000;
    const updated = await sb.notion.pages.update({
      page_id: page.id,
      properties: {
        'Slack Channel': { url: 'https://sandbox.slack.com/archives/C0123456789' },
        'Resolution Notified': { date: { start: '2026-01-02T03:04:05.000Z' } },
        Status: { status: { name: 'Done' } },
      },
    });
    if (!isFullPage(updated)) throw new Error('expected a full page');
    expect(prop(updated, 'Slack Channel')).toMatchObject({ url: 'https://sandbox.slack.com/archives/C0123456789' });
    expect(prop(updated, 'Resolution Notified')).toMatchObject({ date: { start: '2026-01-02T03:04:05.000Z', end: null, time_zone: null } });
    expect(prop(updated, 'Status')).toMatchObject({ status: { name: 'Done', color: 'green' } });
    expect(prop(updated, 'Title')).toMatchObject({ title: [{ plain_text: 'Update me' }] });
    expect(Date.parse(updated.last_edited_time)).toBeGreaterThan(Date.parse(page.last_edited_time));
  });

  it('shows created_time and last_edited_time rounded down to the minute, and filters and sorts on what it shows', async () => {
    aheadMs += 60_000 - ((Date.now() + aheadMs) % 60_000) + 10_000; // 10 s into a minute
    const page = await createTicket('Rounded like Notion');
    const minute = new Date(Date.now() + aheadMs - ((Date.now() + aheadMs) % 60_000)).toISOString();
    expect(page.created_time).toBe(minute);
    const editedAt = new Date(Date.now() + aheadMs + 20_000);
    aheadMs += 20_000;
    const updated = await sb.notion.pages.update({ page_id: page.id, properties: { Status: { status: { name: 'In progress' } } } });
    if (!isFullPage(updated)) throw new Error('expected a full page');
    expect(updated.last_edited_time).toBe(minute);

    const editedOnOrAfter = async (since: string) => {
      const found = await sb.notion.dataSources.query({
        data_source_id: ds,
        filter: { timestamp: 'last_edited_time', last_edited_time: { on_or_after: since } },
      });
      return found.results.map((r) => r.id);
    };
    // As in Notion: an edit made after a mid-minute instant is not "on or after" it.
    expect(await editedOnOrAfter(editedAt.toISOString())).not.toContain(page.id);
    expect(await editedOnOrAfter(minute)).toContain(page.id);
  });

  it('clears a date and a url with null', async () => {
    const page = await createTicket('Clear me', { 'Resolution Notified': { date: { start: '2026-01-02' } } });
    const updated = await sb.notion.pages.update({ page_id: page.id, properties: { 'Resolution Notified': { date: null }, 'Slack Channel': { url: null } } });
    if (!isFullPage(updated)) throw new Error('expected a full page');
    expect(prop(updated, 'Resolution Notified')).toMatchObject({ date: null });
    expect(prop(updated, 'Slack Channel')).toMatchObject({ url: null });
  });

  it('returns only the requested properties with filter_properties', async () => {
    const page = await createTicket('Partial');
    const partial = await sb.notion.pages.retrieve({ page_id: page.id, filter_properties: [TICKET_PROPERTY_IDS.status] });
    if (!isFullPage(partial)) throw new Error('expected a full page');
    expect(Object.keys(partial.properties)).toEqual(['Status']);
  });

  it('moves a page to the trash and refuses to edit it there', async () => {
    const page = await createTicket('Trash me');
    const trashed = await sb.notion.pages.update({ page_id: page.id, in_trash: true });
    expect(trashed).toMatchObject({ in_trash: true, archived: true });
    const again = await sb.notion.pages.retrieve({ page_id: page.id });
    expect(again).toMatchObject({ in_trash: true });
    const err = await rejection(sb.notion.pages.update({ page_id: page.id, properties: { Title: { title: text('x') } } }));
    expect(err.code).toBe(APIErrorCode.ValidationError);
    const restored = await sb.notion.pages.update({ page_id: page.id, in_trash: false });
    expect(restored).toMatchObject({ in_trash: false });
  });

  it('rejects writing the unique_id property', async () => {
    const page = await createTicket('Renumber me');
    const err = await rejection(sb.notion.pages.update({ page_id: page.id, properties: { ID: { unique_id: { number: 1 } } } as never }));
    expect(err.status).toBe(400);
    expect(err.code).toBe(APIErrorCode.ValidationError);
    expect(err.message).toContain('ID');
  });

  it('rejects unknown properties and unknown status options', async () => {
    const unknown = await rejection(createTicket('Unknown property', { Priority: { select: { name: 'High' } } }));
    expect(unknown.code).toBe(APIErrorCode.ValidationError);
    expect(unknown.message).toContain('Priority');
    const status = await rejection(createTicket('Unknown status', { Status: { status: { name: 'Shipped' } } }));
    expect(status.code).toBe(APIErrorCode.ValidationError);
  });

  it('rejects a rich-text item over 2,000 characters, naming the path', async () => {
    const err = await rejection(createTicket('Too long', { Description: { rich_text: text('x'.repeat(2001)) } }));
    expect(err.status).toBe(400);
    expect(err.code).toBe(APIErrorCode.ValidationError);
    expect(err.message).toContain('body.properties.Description.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`');
  });

  it('rejects more than 100 rich-text items, and accepts exactly 100 of 2,000 characters', async () => {
    const tooMany = Array.from({ length: 101 }, () => ({ type: 'text' as const, text: { content: 'a' } }));
    const err = await rejection(createTicket('Too many', { 'Intercom Conversations': { rich_text: tooMany } }));
    expect(err.message).toContain('body.properties.Intercom Conversations.rich_text.length should be ≤ `100`, instead was `101`');
    const full = Array.from({ length: 100 }, () => ({ type: 'text' as const, text: { content: 'b'.repeat(2000) } }));
    const page = await createTicket('Exactly full', { 'Intercom Conversations': { rich_text: full } });
    const value = prop(page, 'Intercom Conversations');
    expect(value.type === 'rich_text' && value.rich_text.length).toBe(100);
  });

  it('answers 404 object_not_found for unknown pages and 400 for malformed ids', async () => {
    const missing = await rejection(sb.notion.pages.retrieve({ page_id: '00000000-0000-4000-8000-000000000000' }));
    expect(missing.status).toBe(404);
    expect(missing.code).toBe(APIErrorCode.ObjectNotFound);
    const malformed = await rejection(sb.notion.pages.retrieve({ page_id: 'not-a-uuid' }));
    expect(malformed.code).toBe(APIErrorCode.ValidationError);
    const noDataSource = await rejection(sb.notion.dataSources.retrieve({ data_source_id: SANDBOX.notionDatabaseId }));
    expect(noDataSource.code).toBe(APIErrorCode.ObjectNotFound);
  });

  it('answers 401 unauthorized for a wrong token, with the error body shape', async () => {
    const res = await rawJson(`${sb.url}/notion/v1/users/me`, {
      headers: { authorization: 'Bearer secret_wrong', 'notion-version': '2025-09-03' },
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ object: 'error', status: 401, code: 'unauthorized', message: 'API token is invalid.', request_id: expect.any(String) });
  });

  it('answers 400 missing_version without a Notion-Version header', async () => {
    const res = await rawJson(`${sb.url}/notion/v1/users/me`, { headers: { authorization: 'Bearer sandbox' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ object: 'error', code: 'missing_version' });
  });

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    const res = await rawJson(`${sb.url}/notion/v1/pages`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox', 'notion-version': '2025-09-03', 'content-type': 'application/json' },
      body: '{"parent":',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_json' });
  });
});
