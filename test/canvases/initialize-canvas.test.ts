import { describe, expect, it } from 'vitest';
import { FIND_OR_CREATE, LINK_ANOTHER, REFRESH, parseAction, unlinkId } from '../../canvases/actions.js';
import { MAX_LINKED_SHOWN, initializeCanvas } from '../../canvases/initialize-canvas.js';
import { parseStoredData } from '../../canvases/stored-data.js';
import { TEXT_MAX } from '../../canvases/text.js';
import type { ResolutionView } from '../../canvases/view-models.js';
import {
  HOSTILE_TITLES,
  buttons,
  componentOfType,
  components,
  expectValidCanvas,
  pageId,
  renderMarkdown,
  submitIds,
  texts,
  ticketView,
} from './helpers.js';

describe('initializeCanvas with no linked ticket', () => {
  const response = initializeCanvas({ conversationId: '42', linked: [] });

  it('is a valid canvas', () => expectValidCanvas(response));

  it('says so in a muted line and offers one secondary "Find or create" button', () => {
    expect(components(response)).toEqual([
      { type: 'text', text: 'No Notion ticket is linked to this conversation yet.', style: 'muted' },
      { type: 'button', id: FIND_OR_CREATE, label: 'Find or create Notion ticket', style: 'secondary', action: { type: 'submit' } },
    ]);
  });

  it('stores the conversation', () => {
    expect(parseStoredData(response.canvas.stored_data)).toEqual({
      v: 1,
      canvas: 'initialize',
      conversationId: '42',
      linkedPageIds: [],
    });
  });
});

describe('initializeCanvas with linked tickets', () => {
  const ticket = ticketView();
  const response = initializeCanvas({ conversationId: '42', linked: [ticket] });

  it('is a valid canvas without any primary button', () => {
    expectValidCanvas(response);
    expect(buttons(response).filter((b) => b.style === 'primary' || b.style === undefined)).toEqual([]);
  });

  it('shows the ticket ID, title, status and conversation count', () => {
    expect(renderMarkdown(texts(response)[0]!.text)).toMatchObject({ text: 'JMP-1 Checkout fails on Safari', bold: ['JMP-1'] });
    expect(componentOfType(response, 'data-table')?.items).toEqual([
      { type: 'field-value', field: 'Status', value: 'In progress' },
      { type: 'field-value', field: 'Conversations', value: '3' },
    ]);
  });

  it('opens Notion and the Slack channel in new tabs', () => {
    const urls = buttons(response)
      .filter((b) => b.action.type === 'url')
      .map((b) => [b.label, b.action.type === 'url' ? b.action.url : null]);
    expect(urls).toEqual([
      ['Open in Notion', ticket.notionUrl],
      ['Open Slack channel', ticket.slackChannelUrl],
    ]);
  });

  it('leaves out the Slack button when the ticket has no channel', () => {
    const noChannel = initializeCanvas({ conversationId: '42', linked: [ticketView({ slackChannelUrl: null, slackChannelName: null })] });
    expectValidCanvas(noChannel);
    expect(buttons(noChannel).map((b) => b.label)).not.toContain('Open Slack channel');
  });

  it('leaves out a link whose URL Intercom would reject, instead of failing', () => {
    const odd = initializeCanvas({ conversationId: '42', linked: [ticketView({ slackChannelUrl: 'C0123456789', notionUrl: 'notion://x' })] });
    expectValidCanvas(odd);
    expect(buttons(odd).filter((b) => b.action.type === 'url')).toEqual([]);
  });

  it('ends with link-style Refresh, one Unlink per ticket and Link another, after a divider', () => {
    const second = ticketView({ pageId: pageId(2), ticketId: 'JMP-2' });
    const two = initializeCanvas({ conversationId: '42', linked: [ticket, second] });
    expectValidCanvas(two);
    const all = components(two);
    const dividerAt = all.findIndex((c) => c.type === 'divider');
    const tail = all.slice(dividerAt + 1);
    expect(tail.map((c) => (c.type === 'button' ? [c.id, c.label, c.style, c.action.type] : c.type))).toEqual([
      [REFRESH, 'Refresh', 'link', 'submit'],
      [unlinkId(pageId(1)), 'Unlink JMP-1', 'link', 'submit'],
      [unlinkId(pageId(2)), 'Unlink JMP-2', 'link', 'submit'],
      [LINK_ANOTHER, 'Link another ticket', 'link', 'submit'],
    ]);
    expect(parseStoredData(two.canvas.stored_data)).toMatchObject({ linkedPageIds: [pageId(1), pageId(2)] });
  });

  it('names an unnumbered ticket by its title', () => {
    const unnumbered = initializeCanvas({ conversationId: '42', linked: [ticketView({ ticketId: null, title: 'Export is slow' })] });
    expectValidCanvas(unnumbered);
    expect(renderMarkdown(texts(unnumbered)[0]!.text).bold).toEqual(['Export is slow']);
    expect(buttons(unnumbered).map((b) => b.label)).toContain('Unlink Export is slow');
  });

  it('shows at most a few tickets and counts the rest', () => {
    const many = Array.from({ length: MAX_LINKED_SHOWN + 2 }, (_, i) => ticketView({ pageId: pageId(i + 1), ticketId: `JMP-${i + 1}` }));
    const response = initializeCanvas({ conversationId: '42', linked: many });
    expectValidCanvas(response);
    expect(buttons(response).filter((b) => b.id.startsWith('unlink:'))).toHaveLength(MAX_LINKED_SHOWN);
    expect(texts(response).map((t) => t.text)).toContain('2 more linked tickets not shown.');
  });

  it('shows a ticket linked twice once', () => {
    const response = initializeCanvas({ conversationId: '42', linked: [ticket, { ...ticket }] });
    expectValidCanvas(response);
    expect(buttons(response).filter((b) => b.id.startsWith('unlink:'))).toHaveLength(1);
  });

  it('submits only ids the route understands', () => {
    for (const id of submitIds(response)) expect(parseAction(id), id).not.toBeNull();
  });

  it.each(HOSTILE_TITLES)('shows the title %j verbatim, with no link or stray bold', (title) => {
    const response = initializeCanvas({ conversationId: '42', linked: [ticketView({ title })] });
    expectValidCanvas(response);
    const rendered = renderMarkdown(texts(response)[0]!.text);
    expect(rendered).toEqual({ text: `JMP-1 ${title}`, links: [], bold: ['JMP-1'], unbalancedBold: false });
  });

  it('truncates a very long title', () => {
    const response = initializeCanvas({ conversationId: '42', linked: [ticketView({ title: 'Long '.repeat(10_000) })] });
    expectValidCanvas(response);
    const shown = renderMarkdown(texts(response)[0]!.text).text;
    expect(Array.from(shown).length).toBeLessThanOrEqual(TEXT_MAX.title + 'JMP-1 '.length);
    expect(shown.endsWith('…')).toBe(true);
  });
});

describe('initializeCanvas resolution line', () => {
  const resolution = (r: Partial<ResolutionView>): ResolutionView => ({ announcedAt: null, pendingTargets: 0, failingTargets: 0, announceInSeconds: null, toldAt: null, ...r });

  it.each<[string, ResolutionView, string]>([
    ['told', resolution({ announcedAt: '2019-01-08T13:05:00Z', toldAt: '2019-01-08T13:04:00Z' }), 'This customer was told Jan 8, 2019 at 1:04 PM UTC'],
    ['announced to others', resolution({ announcedAt: '2019-01-08T13:05:00Z' }), 'This customer was not told yet'],
    ['being announced', resolution({ pendingTargets: 3 }), 'Being announced, 3 conversations to go'],
    ['failing', resolution({ pendingTargets: 2, failingTargets: 1 }), 'Announcement failing for 1 conversation, retrying'],
    ['waiting', resolution({}), 'Not announced yet'],
    ['settling', resolution({ announceInSeconds: 45 }), 'Announcing in 45 s'],
  ])('shows a Done ticket %s', (_name, res, expected) => {
    const response = initializeCanvas({ conversationId: '42', linked: [ticketView({ status: 'Done', done: true, resolution: res })] });
    expectValidCanvas(response);
    expect(texts(response).map((t) => t.text)).toContain(`Resolution: ${expected}`);
  });

  it('says nothing about resolution for a ticket that is not Done', () => {
    const response = initializeCanvas({
      conversationId: '42',
      linked: [ticketView({ done: false, resolution: resolution({ announcedAt: '2019-01-08T13:05:00Z' }) })],
    });
    expect(componentOfType(response, 'data-table')?.items.map((i) => i.field)).toEqual(['Status', 'Conversations']);
    expect(texts(response).some((t) => t.text.includes('Resolution'))).toBe(false);
  });
});
