import { describe, expect, it } from 'vitest';
import { BACK, finishSetupId, parseAction, unlinkId } from '../../canvases/actions.js';
import { parseStoredData } from '../../canvases/stored-data.js';
import { TEXT_MAX } from '../../canvases/text.js';
import { ticketCanvas } from '../../canvases/ticket-canvas.js';
import type { ResolutionView, TicketView } from '../../canvases/view-models.js';
import { HOSTILE_TITLES, buttons, componentOfType, components, expectValidCanvas, pageId, renderMarkdown, submitIds, texts, resolutionView, ticketView } from './helpers.js';

const detail = (overrides: Partial<TicketView> = {}) => ticketCanvas({ conversationId: '42', ticket: ticketView(overrides) });

describe('ticketCanvas (one linked ticket, opened from the first canvas)', () => {
  const ticket = ticketView();
  const response = detail();

  it('is a valid canvas that stores the conversation and the ticket it shows', () => {
    expectValidCanvas(response);
    expect(parseStoredData(response.canvas.stored_data)).toEqual({ v: 1, canvas: 'ticket', conversationId: '42', pageId: pageId(1) });
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

  it('ends with Unlink and Back, link-style, after a divider', () => {
    const all = components(response);
    const tail = all.slice(all.findIndex((c) => c.type === 'divider') + 1);
    expect(tail.map((c) => (c.type === 'button' ? [c.id, c.label, c.style, c.action.type] : c.type))).toEqual([
      [unlinkId(pageId(1)), 'Unlink JMP-1', 'link', 'submit'],
      [BACK, 'Back', 'link', 'submit'],
    ]);
    for (const id of submitIds(response)) expect(parseAction(id), id).not.toBeNull();
  });

  it('leaves out the Slack button when the ticket has no channel, and a link Intercom would reject', () => {
    expect(buttons(detail({ slackChannelUrl: null, slackChannelName: null })).map((b) => b.label)).not.toContain('Open Slack channel');
    const odd = detail({ slackChannelUrl: 'C0123456789', notionUrl: 'notion://x' });
    expectValidCanvas(odd);
    expect(buttons(odd).filter((b) => b.action.type === 'url')).toEqual([]);
  });

  it('says what the set-up is missing, with the button that finishes it', () => {
    const unfinished = detail({ missingSetup: ['the Slack channel', 'the Intercom note'] });
    expectValidCanvas(unfinished);
    expect(texts(unfinished).map((t) => [t.text, t.style])).toContainEqual(['Set-up not finished: the Slack channel, the Intercom note missing.', 'error']);
    expect(buttons(unfinished).find((b) => b.id === finishSetupId(pageId(1)))).toMatchObject({ label: 'Finish setting up', style: 'secondary' });
  });

  it('names an unnumbered ticket by its title', () => {
    const unnumbered = detail({ ticketId: null, title: 'Export is slow' });
    expect(renderMarkdown(texts(unnumbered)[0]!.text).bold).toEqual(['Export is slow']);
    expect(buttons(unnumbered).map((b) => b.label)).toContain('Unlink Export is slow');
  });

  it.each(HOSTILE_TITLES)('shows the title %j verbatim, with no link or stray bold', (title) => {
    const hostile = detail({ title });
    expectValidCanvas(hostile);
    expect(renderMarkdown(texts(hostile)[0]!.text)).toEqual({ text: `JMP-1 ${title}`, links: [], bold: ['JMP-1'], unbalancedBold: false });
  });

  it('truncates a very long title', () => {
    const long = detail({ title: 'Long '.repeat(10_000) });
    expectValidCanvas(long);
    const shown = renderMarkdown(texts(long)[0]!.text).text;
    expect(Array.from(shown).length).toBeLessThanOrEqual(TEXT_MAX.title + 'JMP-1 '.length);
    expect(shown.endsWith('…')).toBe(true);
  });
});

describe('ticketCanvas resolution line', () => {
  const resolution = resolutionView;

  it.each<[string, ResolutionView, string]>([
    ['told', resolution({ announcedAt: '2019-01-08T13:05:00Z', toldAt: '2019-01-08T13:04:00Z' }), 'This customer was told Jan 8, 2019 at 1:04 PM UTC'],
    ['announced to others', resolution({ announcedAt: '2019-01-08T13:05:00Z' }), 'This customer was not told yet'],
    ['being announced', resolution({ pendingTargets: 3 }), 'Being announced, 3 conversations to go'],
    ['failing', resolution({ pendingTargets: 2, failingTargets: 1 }), 'Announcement failing for 1 conversation, retrying'],
    ['waiting', resolution({}), 'Not announced yet'],
    ['settling', resolution({ announceInSeconds: 45 }), 'Announcing in 45 s'],
  ])('shows a Done ticket %s', (_name, res, expected) => {
    const response = detail({ status: 'Done', done: true, resolution: res });
    expectValidCanvas(response);
    expect(texts(response).map((t) => t.text)).toContain(`Resolution: ${expected}`);
  });

  it('says nothing about resolution for a ticket that is not Done', () => {
    const response = detail({ done: false, resolution: resolution({ announcedAt: '2019-01-08T13:05:00Z' }) });
    expect(texts(response).some((t) => t.text.includes('Resolution'))).toBe(false);
  });
});
