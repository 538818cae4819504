import {
  APIErrorCode,
  APIResponseError,
  collectPaginatedAPI,
  isFullPage,
  iterateAllDataSourceRows,
  type PageObjectResponse,
  type QueryDataSourceParameters,
} from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { startSandbox, type Sandbox } from './harness.js';

const ds = SANDBOX.notionDataSourceId;

function titleOf(page: PageObjectResponse): string {
  const title = page.properties.Title;
  return title?.type === 'title' ? title.title.map((t) => t.plain_text).join('') : '';
}

async function queryTitles(sb: Sandbox, args: Omit<QueryDataSourceParameters, 'data_source_id'>): Promise<string[]> {
  const rows = await collectPaginatedAPI(sb.notion.dataSources.query, { data_source_id: ds, ...args });
  return rows.filter(isFullPage).map(titleOf);
}

async function rejection(promise: Promise<unknown>): Promise<APIResponseError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!APIResponseError.isAPIResponseError(err)) throw new Error(`expected an APIResponseError, got ${String(err)}`);
  return err;
}

describe('Notion fake: query filters and sorts', () => {
  let sb: Sandbox;
  let clock = Date.parse('2026-03-01T09:00:00.000Z');
  const numbers: Record<string, number> = {};

  beforeAll(async () => {
    sb = await startSandbox({ seed: 'empty', now: () => new Date(clock) });
    await sb.notion.dataSources.update({ data_source_id: ds, properties: { Urgent: { checkbox: {} } } });
    const rows: Array<[string, Record<string, unknown>]> = [
      ['Okta SSO loop', { Status: { status: { name: 'In progress' } }, Urgent: { checkbox: true }, 'Slack Channel': { url: 'https://sandbox.slack.com/archives/C0AAAAAAA1' } }],
      ['CSV export timeout', { Status: { status: { name: 'Done' } }, 'Resolution Notified': { date: { start: '2026-03-02T12:00:00.000Z' } } }],
      ['Billing double charge', { Status: { status: { name: 'Done' } }, 'Intercom Conversations': { rich_text: [{ text: { content: 'https://app.intercom.com/a/inbox/sandbox/inbox/conversation/123' } }] } }],
      ['Webhook signature mismatch', { Urgent: { checkbox: true } }],
      ['iOS crash on launch', { Status: { status: { name: "Won't fix" } } }],
    ];
    for (const [title, properties] of rows) {
      const page = await sb.notion.pages.create({
        parent: { data_source_id: ds },
        properties: { Title: { title: [{ text: { content: title } }] }, ...properties } as never,
      });
      const id = isFullPage(page) ? page.properties.ID : undefined;
      numbers[title] = id?.type === 'unique_id' ? id.unique_id.number! : -1;
      clock += 24 * 3_600_000;
    }
    // Edited a day after everything else was created.
    await sb.notion.pages.update({ page_id: sb.world.ticket(`JMP-${numbers['Okta SSO loop']}`)!.page_id, properties: { Urgent: { checkbox: false } } });
  });
  afterAll(() => sb.close());

  it('filters on status equals and does_not_equal', async () => {
    expect(await queryTitles(sb, { filter: { property: 'Status', status: { equals: 'Done' } } })).toEqual(['CSV export timeout', 'Billing double charge']);
    expect(await queryTitles(sb, { filter: { property: 'Status', status: { does_not_equal: 'Done' } } })).toEqual([
      'Okta SSO loop',
      'Webhook signature mismatch',
      'iOS crash on launch',
    ]);
  });

  it('finds property filters by property id as well as by name', async () => {
    expect(await queryTitles(sb, { filter: { property: '%5DqJb', status: { equals: "Won't fix" } } })).toEqual(['iOS crash on launch']);
  });

  it('filters rich text with contains (case-insensitive), is_empty and is_not_empty', async () => {
    expect(await queryTitles(sb, { filter: { property: 'Intercom Conversations', rich_text: { contains: '/CONVERSATION/123' } } })).toEqual(['Billing double charge']);
    expect(await queryTitles(sb, { filter: { property: 'Intercom Conversations', rich_text: { is_not_empty: true } } })).toEqual(['Billing double charge']);
    expect(await queryTitles(sb, { filter: { property: 'Title', title: { contains: 'sso' } } })).toEqual(['Okta SSO loop']);
    expect(await queryTitles(sb, { filter: { property: 'Slack Channel', url: { is_empty: true } } })).toHaveLength(4);
  });

  it('filters dates: is_empty, on_or_after and before', async () => {
    expect(await queryTitles(sb, { filter: { property: 'Resolution Notified', date: { is_not_empty: true } } })).toEqual(['CSV export timeout']);
    expect(await queryTitles(sb, { filter: { property: 'Resolution Notified', date: { on_or_after: '2026-03-02' } } })).toEqual(['CSV export timeout']);
    expect(await queryTitles(sb, { filter: { property: 'Resolution Notified', date: { before: '2026-03-02' } } })).toEqual([]);
  });

  it('filters checkboxes', async () => {
    expect(await queryTitles(sb, { filter: { property: 'Urgent', checkbox: { equals: true } } })).toEqual(['Webhook signature mismatch']);
  });

  it('filters unique_id by number, and refuses a ticket id string', async () => {
    const number = numbers['CSV export timeout']!;
    expect(await queryTitles(sb, { filter: { property: 'ID', unique_id: { equals: number } } })).toEqual(['CSV export timeout']);
    expect(await queryTitles(sb, { filter: { property: 'ID', unique_id: { greater_than: numbers['Webhook signature mismatch']! } } })).toEqual([
      'iOS crash on launch',
    ]);
    const err = await rejection(
      sb.notion.dataSources.query({ data_source_id: ds, filter: { property: 'ID', unique_id: { equals: `JMP-${number}` as never } } }),
    );
    expect(err.code).toBe(APIErrorCode.ValidationError);
  });

  it('combines filters with and / or', async () => {
    const filter = {
      or: [
        { property: 'Urgent', checkbox: { equals: true } },
        { and: [{ property: 'Status', status: { equals: 'Done' } }, { property: 'Resolution Notified', date: { is_empty: true as const } }] },
      ],
    };
    expect(await queryTitles(sb, { filter })).toEqual(['Billing double charge', 'Webhook signature mismatch']);
  });

  it('filters on created_time and last_edited_time', async () => {
    expect(
      await queryTitles(sb, { filter: { timestamp: 'created_time', created_time: { on_or_after: '2026-03-04T09:00:00.000Z' } } }),
    ).toEqual(['Webhook signature mismatch', 'iOS crash on launch']);
    expect(
      await queryTitles(sb, { filter: { timestamp: 'last_edited_time', last_edited_time: { after: '2026-03-05T10:00:00.000Z' } } }),
    ).toEqual(['Okta SSO loop']);
  });

  it('sorts by property and by timestamp', async () => {
    expect(await queryTitles(sb, { sorts: [{ property: 'Title', direction: 'ascending' }] })).toEqual([
      'Billing double charge',
      'CSV export timeout',
      'iOS crash on launch',
      'Okta SSO loop',
      'Webhook signature mismatch',
    ]);
    expect(await queryTitles(sb, { sorts: [{ timestamp: 'last_edited_time', direction: 'descending' }] })).toEqual([
      'Okta SSO loop',
      'iOS crash on launch',
      'Webhook signature mismatch',
      'Billing double charge',
      'CSV export timeout',
    ]);
    // Status sorts by option order: Not started, Triage, In progress, Waiting, Done, Won't fix.
    expect((await queryTitles(sb, { sorts: [{ property: 'Status', direction: 'ascending' }, { property: 'Title', direction: 'ascending' }] })).slice(0, 2)).toEqual([
      'Webhook signature mismatch',
      'Okta SSO loop',
    ]);
  });

  it('leaves trashed pages out', async () => {
    const page = await sb.notion.pages.create({ parent: { data_source_id: ds }, properties: { Title: { title: [{ text: { content: 'Trashed soon' } }] } } });
    await sb.notion.pages.update({ page_id: page.id, in_trash: true });
    expect(await queryTitles(sb, {})).not.toContain('Trashed soon');
  });

  it('refuses filters that do not fit the property', async () => {
    const mismatch = await rejection(sb.notion.dataSources.query({ data_source_id: ds, filter: { property: 'Status', select: { equals: 'Done' } } }));
    expect(mismatch.code).toBe(APIErrorCode.ValidationError);
    const unknown = await rejection(sb.notion.dataSources.query({ data_source_id: ds, filter: { property: 'Priority', status: { equals: 'High' } } }));
    expect(unknown.message).toContain('Priority');
  });

  it('returns only the requested properties with filter_properties', async () => {
    const response = await sb.notion.dataSources.query({ data_source_id: ds, filter_properties: ['title', '%5DqJb'] });
    const first = response.results[0];
    expect(first && isFullPage(first) && Object.keys(first.properties).sort()).toEqual(['Status', 'Title']);
  });
});

describe('Notion fake: pagination and the per-query cap', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ seed: { generatedTickets: 250 }, queryResultLimit: 100 });
  });
  afterAll(() => sb.close());

  it('pages with start_cursor until has_more is false, oldest first by default', async () => {
    sb.world.notion.queryResultLimit = 10_000;
    const first = await sb.notion.dataSources.query({ data_source_id: ds, page_size: 100 });
    expect(first.results).toHaveLength(100);
    expect(first.has_more).toBe(true);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await sb.notion.dataSources.query({ data_source_id: ds, page_size: 100, start_cursor: first.next_cursor! });
    const third = await sb.notion.dataSources.query({ data_source_id: ds, page_size: 100, start_cursor: second.next_cursor! });
    expect(third.results).toHaveLength(50);
    expect(third).toMatchObject({ has_more: false, next_cursor: null });
    expect(third).not.toHaveProperty('request_status');
    const ids = [...first.results, ...second.results, ...third.results].map((r) => r.id);
    expect(new Set(ids).size).toBe(250);
    sb.world.notion.queryResultLimit = 100;
  });

  it('defaults page_size to 100 and refuses more', async () => {
    sb.world.notion.queryResultLimit = 10_000;
    const page = await sb.notion.dataSources.query({ data_source_id: ds });
    expect(page.results).toHaveLength(100);
    const err = await rejection(sb.notion.dataSources.query({ data_source_id: ds, page_size: 101 }));
    expect(err.message).toContain('page_size');
    sb.world.notion.queryResultLimit = 100;
  });

  it('refuses a cursor it did not hand out', async () => {
    const err = await rejection(sb.notion.dataSources.query({ data_source_id: ds, start_cursor: 'b1a9f7c2-0000-4000-8000-000000000000' }));
    expect(err.code).toBe(APIErrorCode.ValidationError);
  });

  it('stops a query at the cap with has_more false and request_status incomplete', async () => {
    const pages = [];
    let cursor: string | undefined;
    do {
      const response = await sb.notion.dataSources.query({ data_source_id: ds, page_size: 30, start_cursor: cursor });
      pages.push(response);
      cursor = response.next_cursor ?? undefined;
    } while (cursor);
    expect(pages.flatMap((p) => p.results)).toHaveLength(100);
    expect(pages.at(-1)).toMatchObject({
      has_more: false,
      next_cursor: null,
      request_status: { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' },
    });
  });

  it('lets the SDK helper iterateAllDataSourceRows reach every row past the cap, once each', async () => {
    const before = sb.world.calls.count('notion', 'dataSources.query');
    const ids: string[] = [];
    for await (const row of iterateAllDataSourceRows(sb.notion, { data_source_id: ds, page_size: 100 })) ids.push(row.id);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(new Set(ids)).toEqual(new Set(sb.world.tickets().map((t) => t.page_id)));
    // Three windows of created_time, each stopped by the cap of 100.
    expect(sb.world.calls.count('notion', 'dataSources.query') - before).toBeGreaterThanOrEqual(3);
  });
});
