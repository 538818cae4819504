import type { PageObjectResponse } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import { conversationUrl } from '../../../src/domain/conversation-links.js';
import {
  newTicketProperties,
  patchProperties,
  textItems,
  ticketFromPage,
  type WriteContext,
} from '../../../src/services/notion/ticket-mapping.js';
import { APP_ID, applyWrites, NAMES, pageResponse } from './fixtures.js';

const read = { names: NAMES, statusDone: 'Done' };
const write: WriteContext = {
  names: NAMES,
  types: { slackChannel: 'url', status: 'status', resolutionNotified: 'date', customerReports: 'rich_text' },
  statusNew: 'Not started',
  intercomAppId: APP_ID,
};

const asPage = (p: Record<string, unknown>) => p as unknown as PageObjectResponse;

describe('ticketFromPage', () => {
  it('reads every ticket field from a page', () => {
    const page = pageResponse({
      number: 123,
      title: 'Login fails with SSO',
      description: 'Users on Okta see a 500',
      conversations: `${conversationUrl(APP_ID, '111')}\n${conversationUrl(APP_ID, '222')}`,
      slackChannel: 'https://acme.slack.com/archives/C0123ABCD',
      status: 'Done',
      resolutionNotifiedAt: '2026-03-02T10:00:00.000Z',
      customerReports: '[111] The SSO login shows a 500 since this morning',
    });
    expect(ticketFromPage(asPage(page), read)).toEqual({
      pageId: page.id,
      ticketId: 'JMP-123',
      title: 'Login fails with SSO',
      description: 'Users on Okta see a 500',
      status: 'Done',
      done: true,
      conversationIds: ['111', '222'],
      customerReports: '[111] The SSO login shows a 500 since this morning',
      slackChannelId: 'C0123ABCD',
      slackChannelUrl: 'https://acme.slack.com/archives/C0123ABCD',
      url: page.url,
      resolutionNotifiedAt: '2026-03-02T10:00:00.000Z',
      createdTime: '2026-03-02T09:00:00.000Z',
      lastEditedTime: '2026-03-02T09:30:00.000Z',
    });
  });

  it('joins rich text from all its items', () => {
    const page = pageResponse({ number: 1 });
    const props = page.properties as Record<string, { rich_text?: unknown[] }>;
    props.Description!.rich_text = [
      { type: 'text', text: { content: 'first ', link: null }, plain_text: 'first ', href: null, annotations: {} },
      { type: 'mention', mention: { type: 'user', user: { id: 'u' } }, plain_text: '@Ana', href: null, annotations: {} },
      { type: 'text', text: { content: ' last', link: null }, plain_text: ' last', href: null, annotations: {} },
    ];
    expect(ticketFromPage(asPage(page), read).description).toBe('first @Ana last');
  });

  it('accepts the comma-separated bare ids the seed data used', () => {
    const page = pageResponse({ conversations: '123, 456,789' });
    expect(ticketFromPage(asPage(page), read).conversationIds).toEqual(['123', '456', '789']);
  });

  it('is not done, not announced and without channel when those properties are empty', () => {
    const ticket = ticketFromPage(asPage(pageResponse({ status: 'In progress' })), read);
    expect(ticket).toMatchObject({ done: false, resolutionNotifiedAt: null, slackChannelId: null, slackChannelUrl: null });
  });

  it('reads a select status and a checked checkbox (as the time of the last edit)', () => {
    const page = pageResponse({ lastEditedTime: '2026-04-01T08:00:00.000Z' });
    const props = page.properties as Record<string, unknown>;
    props.Status = { id: 's', type: 'select', select: { id: 'x', name: 'Done', color: 'green' } };
    props['Resolution Notified'] = { id: 'r', type: 'checkbox', checkbox: true };
    expect(ticketFromPage(asPage(page), read)).toMatchObject({
      status: 'Done',
      done: true,
      resolutionNotifiedAt: '2026-04-01T08:00:00.000Z',
    });
  });

  it('reads a Slack channel kept in a text property', () => {
    const page = pageResponse();
    (page.properties as Record<string, unknown>)['Slack Channel'] = {
      id: 's',
      type: 'rich_text',
      rich_text: [{ type: 'text', text: { content: 'https://acme.slack.com/archives/C0999ZZZZ', link: null }, plain_text: 'https://acme.slack.com/archives/C0999ZZZZ', href: null, annotations: {} }],
    };
    expect(ticketFromPage(asPage(page), read).slackChannelId).toBe('C0999ZZZZ');
  });

  it('has no ticket id until Notion numbers the page', () => {
    const page = pageResponse();
    (page.properties as Record<string, unknown>).ID = { id: 'ESvw', type: 'unique_id', unique_id: { prefix: 'JMP', number: null } };
    expect(ticketFromPage(asPage(page), read).ticketId).toBeNull();
  });
});

describe('textItems', () => {
  it('keeps short text in one item', () => {
    expect(textItems('hello')).toEqual([{ type: 'text', text: { content: 'hello' } }]);
  });

  it('writes nothing for empty text', () => {
    expect(textItems('')).toEqual([]);
  });

  it('splits long text into items of at most 2,000 characters that join back exactly', () => {
    const text = 'abcdefghij'.repeat(950);
    const items = textItems(text);
    expect(items).toHaveLength(5);
    expect(items.every((i) => i.text.content.length <= 2000)).toBe(true);
    expect(items.map((i) => i.text.content).join('')).toBe(text);
  });

  it('never splits an emoji across two items', () => {
    const text = `${'a'.repeat(1999)}😀${'b'.repeat(10)}`;
    const items = textItems(text);
    expect(items[0]!.text.content).toBe('a'.repeat(1999));
    expect(items[1]!.text.content.startsWith('😀')).toBe(true);
    expect(items.map((i) => i.text.content).join('')).toBe(text);
  });

  it('cuts text past 100 items and marks the cut', () => {
    const items = textItems('x'.repeat(2000 * 100 + 50));
    expect(items).toHaveLength(100);
    expect(items[99]!.text.content).toHaveLength(2000);
    expect(items[99]!.text.content.endsWith('…')).toBe(true);
  });
});

describe('newTicketProperties', () => {
  it('writes title, description, conversation URLs and the new status', () => {
    expect(newTicketProperties({ title: 'T', description: 'D', conversationIds: ['42'] }, write)).toEqual({
      Title: { title: [{ type: 'text', text: { content: 'T' } }] },
      Description: { rich_text: [{ type: 'text', text: { content: 'D' } }] },
      'Intercom Conversations': { rich_text: [{ type: 'text', text: { content: conversationUrl(APP_ID, '42') } }] },
      Status: { status: { name: 'Not started' } },
    });
  });

  it('leaves the status to Notion when no new status is configured, and uses select when Status is a select', () => {
    const noStatus = newTicketProperties({ title: 'T', description: '', conversationIds: [] }, { ...write, statusNew: null });
    expect(noStatus).not.toHaveProperty('Status');
    const select = newTicketProperties(
      { title: 'T', description: '', conversationIds: [] },
      { ...write, types: { ...write.types, status: 'select' } },
    );
    expect(select.Status).toEqual({ select: { name: 'Not started' } });
  });
});

describe('patchProperties', () => {
  it('writes only the properties in the patch', () => {
    expect(patchProperties({ slackChannelUrl: 'https://acme.slack.com/archives/C1' }, write)).toEqual({
      'Slack Channel': { url: 'https://acme.slack.com/archives/C1' },
    });
    expect(patchProperties({}, write)).toEqual({});
  });

  it('sets and clears the resolution date, or the checkbox', () => {
    expect(patchProperties({ resolutionNotifiedAt: '2026-03-03T00:00:00.000Z' }, write)).toEqual({
      'Resolution Notified': { date: { start: '2026-03-03T00:00:00.000Z' } },
    });
    expect(patchProperties({ resolutionNotifiedAt: null }, write)).toEqual({ 'Resolution Notified': { date: null } });
    const checkbox = { ...write, types: { ...write.types, resolutionNotified: 'checkbox' as const } };
    expect(patchProperties({ resolutionNotifiedAt: '2026-03-03T00:00:00.000Z' }, checkbox)).toEqual({
      'Resolution Notified': { checkbox: true },
    });
    expect(patchProperties({ resolutionNotifiedAt: null }, checkbox)).toEqual({ 'Resolution Notified': { checkbox: false } });
  });

  it('writes a Slack channel into a text property as a link, and clears it', () => {
    const text = { ...write, types: { ...write.types, slackChannel: 'rich_text' as const } };
    const url = 'https://acme.slack.com/archives/C1';
    expect(patchProperties({ slackChannelUrl: url }, text)).toEqual({
      'Slack Channel': { rich_text: [{ type: 'text', text: { content: url, link: { url } } }] },
    });
    expect(patchProperties({ slackChannelUrl: null }, text)).toEqual({ 'Slack Channel': { rich_text: [] } });
  });

  it('round-trips 1,000 conversations through the property', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => String(215_000_000_000_000 + i));
    const written = patchProperties({ conversationIds: ids }, write);
    const items = (written['Intercom Conversations'] as { rich_text: Array<{ text: { content: string } }> }).rich_text;
    expect(items.length).toBeLessThanOrEqual(100);
    expect(items.every((i) => i.text.content.length <= 2000)).toBe(true);
    const stored = applyWrites(pageResponse(), written as never);
    expect(ticketFromPage(asPage(stored), read).conversationIds).toEqual(ids);
  });
});
