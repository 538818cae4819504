import { describe, expect, it } from 'vitest';
import { FIND_OR_CREATE, LINK_ANOTHER, REFRESH, parseAction, showTicketId } from '../../canvases/actions.js';
import type { ListItem } from '../../canvases/components.js';
import { MAX_LINKED_SHOWN, ROW_TEXT_MAX, initializeCanvas } from '../../canvases/initialize-canvas.js';
import { parseStoredData } from '../../canvases/stored-data.js';
import type { ResolutionView } from '../../canvases/view-models.js';
import { HOSTILE_TITLES, buttons, componentOfType, components, expectValidCanvas, pageId, submitIds, texts, resolutionView, ticketView } from './helpers.js';

const rows = (response: ReturnType<typeof initializeCanvas>): ListItem[] => componentOfType(response, 'list')?.items ?? [];

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
  const second = ticketView({ pageId: pageId(2), ticketId: 'JMP-2', title: 'Export is slow', status: 'Not started', conversationCount: 1 });
  const response = initializeCanvas({ conversationId: '42', linked: [ticket, second] });

  it('is a valid canvas without any primary button', () => {
    expectValidCanvas(response);
    expect(buttons(response).filter((b) => b.style === 'primary' || b.style === undefined)).toEqual([]);
  });

  it('lists one compact row a ticket: ID and title, status and conversations, opening the ticket on click', () => {
    expect(rows(response)).toEqual([
      { type: 'item', id: showTicketId(pageId(1)), title: 'JMP-1 · Checkout fails on Safari', subtitle: 'In progress · 3 conversations', action: { type: 'submit' } },
      { type: 'item', id: showTicketId(pageId(2)), title: 'JMP-2 · Export is slow', subtitle: 'Not started · 1 conversation', action: { type: 'submit' } },
    ]);
  });

  it('ends with link-style Refresh and Link another after a divider, and nothing per ticket', () => {
    const all = components(response);
    expect(all.map((c) => c.type)).toEqual(['list', 'divider', 'button', 'button']);
    expect(buttons(response).map((b) => [b.id, b.label, b.style, b.action.type])).toEqual([
      [REFRESH, 'Refresh', 'link', 'submit'],
      [LINK_ANOTHER, 'Link another ticket', 'link', 'submit'],
    ]);
    expect(parseStoredData(response.canvas.stored_data)).toMatchObject({ linkedPageIds: [pageId(1), pageId(2)] });
  });

  it('names an unnumbered ticket by its title', () => {
    const unnumbered = initializeCanvas({ conversationId: '42', linked: [ticketView({ ticketId: null, title: 'Export is slow' })] });
    expectValidCanvas(unnumbered);
    expect(rows(unnumbered)[0]!.title).toBe('Export is slow');
  });

  it('shows at most a few tickets and counts the rest', () => {
    const many = Array.from({ length: MAX_LINKED_SHOWN + 2 }, (_, i) => ticketView({ pageId: pageId(i + 1), ticketId: `JMP-${i + 1}` }));
    const shown = initializeCanvas({ conversationId: '42', linked: many });
    expectValidCanvas(shown);
    expect(rows(shown)).toHaveLength(MAX_LINKED_SHOWN);
    expect(texts(shown).map((t) => t.text)).toContain('2 more linked tickets not shown.');
    expect(parseStoredData(shown.canvas.stored_data)).toMatchObject({ linkedPageIds: many.slice(0, MAX_LINKED_SHOWN).map((t) => t.pageId) });
  });

  it('shows a ticket linked twice once', () => {
    expect(rows(initializeCanvas({ conversationId: '42', linked: [ticket, { ...ticket }] }))).toHaveLength(1);
  });

  it('submits only ids the route understands', () => {
    for (const id of submitIds(response)) expect(parseAction(id), id).not.toBeNull();
    expect(parseAction(showTicketId(pageId(1)))).toEqual({ type: 'show_ticket', pageId: pageId(1) });
  });

  it.each(HOSTILE_TITLES)('shows the title %j as plain text on one line, cut short', (title) => {
    const hostile = initializeCanvas({ conversationId: '42', linked: [ticketView({ title })] });
    expectValidCanvas(hostile);
    const row = rows(hostile)[0]!;
    expect(Array.from(row.title).length).toBeLessThanOrEqual(ROW_TEXT_MAX);
    expect(row.title).not.toMatch(/\n/);
    expect(`JMP-1 · ${title.replace(/\s+/g, ' ').trim()}`.startsWith(row.title.replace(/…$/, ''))).toBe(true);
  });

  it('cuts a very long title and a long status to one line', () => {
    const long = initializeCanvas({ conversationId: '42', linked: [ticketView({ title: 'Long '.repeat(10_000), status: 'Waiting for the customer to answer' })] });
    expectValidCanvas(long);
    const row = rows(long)[0]!;
    expect(row.title.endsWith('…')).toBe(true);
    for (const line of [row.title, row.subtitle!]) expect(Array.from(line).length).toBeLessThanOrEqual(ROW_TEXT_MAX);
  });
});

describe('initializeCanvas row notes', () => {
  const resolution = resolutionView;

  it.each<[string, ResolutionView, string]>([
    ['told', resolution({ announcedAt: '2019-01-08T13:05:00Z', toldAt: '2019-01-08T13:04:00Z' }), 'This customer was told'],
    ['announced to others', resolution({ announcedAt: '2019-01-08T13:05:00Z' }), 'This customer was not told yet'],
    ['being announced', resolution({ pendingTargets: 3 }), 'Being announced'],
    ['failing', resolution({ pendingTargets: 2, failingTargets: 1 }), 'Announcement failing, retrying'],
    ['waiting', resolution({}), 'Not announced yet'],
    ['settling', resolution({ announceInSeconds: 45 }), 'Announcing in 45 s'],
  ])('say where a Done ticket %s stands, in a few words', (_name, res, expected) => {
    const response = initializeCanvas({ conversationId: '42', linked: [ticketView({ status: 'Done', done: true, resolution: res })] });
    expectValidCanvas(response);
    expect(rows(response)[0]!.tertiary_text).toBe(expected);
  });

  it('say a set-up is unfinished before anything else', () => {
    const response = initializeCanvas({
      conversationId: '42',
      linked: [ticketView({ status: 'Done', done: true, resolution: resolution({ failingTargets: 1 }), missingSetup: ['the Slack channel'] })],
    });
    expect(rows(response)[0]!.tertiary_text).toBe('Set-up not finished');
  });

  it('say nothing for a ticket that is not Done and is set up', () => {
    const response = initializeCanvas({ conversationId: '42', linked: [ticketView({ done: false, resolution: resolution({ announcedAt: '2019-01-08T13:05:00Z' }) })] });
    expect(rows(response)[0]!.tertiary_text).toBeUndefined();
  });
});
