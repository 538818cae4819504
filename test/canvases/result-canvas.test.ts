import { describe, expect, it } from 'vitest';
import { REFRESH, parseAction } from '../../canvases/actions.js';
import { MAX_NAMES_LISTED, MAX_WARNINGS, resultCanvas } from '../../canvases/result-canvas.js';
import { parseStoredData } from '../../canvases/stored-data.js';
import type { ResultView } from '../../canvases/view-models.js';
import { HOSTILE_TITLES, buttons, components, expectValidCanvas, pageId, renderMarkdown, submitIds, texts, ticketView } from './helpers.js';

function resultView(overrides: Partial<ResultView> = {}): ResultView {
  return {
    conversationId: '42',
    action: 'created',
    ticket: ticketView(),
    channel: { name: 'jmp-1-checkout-fails-on-safari', url: 'https://acme.slack.com/archives/C0123456789' },
    invited: [{ name: 'Ann Lee' }, { name: 'Bo Chen' }],
    unmatched: [],
    warnings: [],
    ...overrides,
  };
}

const rendered = (response: ReturnType<typeof resultCanvas>) => texts(response).map((t) => renderMarkdown(t.text));

describe('resultCanvas', () => {
  it.each([
    ['created', 'Created JMP-1'],
    ['linked', 'Linked to JMP-1'],
  ] as const)('says the ticket was %s, with its ID linking to Notion', (action, headline) => {
    const response = resultCanvas(resultView({ action }));
    expectValidCanvas(response);
    expect(texts(response)[0]?.style).toBe('header');
    expect(rendered(response)[0]).toEqual({
      text: headline,
      links: [{ text: 'JMP-1', url: ticketView().notionUrl }],
      bold: [],
      unbalancedBold: false,
    });
  });

  it('links the Slack channel by name and says who was invited', () => {
    const response = resultCanvas(resultView());
    expect(rendered(response)).toEqual(
      expect.arrayContaining([
        {
          text: 'Slack channel: #jmp-1-checkout-fails-on-safari',
          links: [{ text: '#jmp-1-checkout-fails-on-safari', url: 'https://acme.slack.com/archives/C0123456789' }],
          bold: [],
          unbalancedBold: false,
        },
        expect.objectContaining({ text: 'Invited Ann Lee and Bo Chen' }),
      ]),
    );
  });

  it('says when nobody new was invited', () => {
    const response = resultCanvas(resultView({ invited: [] }));
    expect(texts(response)).toContainEqual({ type: 'text', text: 'Nobody new was invited to the channel.', style: 'muted' });
  });

  it('says when there is no Slack channel', () => {
    const response = resultCanvas(resultView({ channel: null, invited: [] }));
    expectValidCanvas(response);
    expect(texts(response)).toContainEqual({ type: 'text', text: 'No Slack channel.', style: 'muted' });
  });

  it('names who could not be matched to a Slack user, and why', () => {
    const response = resultCanvas(
      resultView({
        unmatched: [
          { name: 'Cy Diaz', reason: 'no Slack user with this email' },
          { name: 'Di Evans', reason: 'two Slack users have this name' },
        ],
      }),
    );
    expect(texts(response)).toContainEqual({
      type: 'text',
      text: 'Not in Slack: Cy Diaz (no Slack user with this email) and Di Evans (two Slack users have this name)',
      style: 'muted',
    });
  });

  it('counts people beyond the first few instead of listing everyone', () => {
    const invited = Array.from({ length: MAX_NAMES_LISTED + 4 }, (_, i) => ({ name: `Person ${i + 1}` }));
    const response = resultCanvas(resultView({ invited }));
    expectValidCanvas(response);
    expect(rendered(response).map((r) => r.text)).toContain(
      `Invited ${invited.slice(0, MAX_NAMES_LISTED).map((p) => p.name).join(', ')} and 4 others`,
    );
  });

  it('shows warnings as error lines, a few at most', () => {
    const warnings = Array.from({ length: MAX_WARNINGS + 2 }, (_, i) => `Warning ${i + 1}`);
    const response = resultCanvas(resultView({ warnings: ['The Intercom note could not be posted', ...warnings] }));
    expectValidCanvas(response);
    const errors = texts(response).filter((t) => t.style === 'error').map((t) => t.text);
    expect(errors[0]).toBe('The Intercom note could not be posted');
    expect(errors).toHaveLength(MAX_WARNINGS + 1);
    expect(errors.at(-1)).toBe('…and 3 more warnings.');
  });

  it('ends with a link-style Done that returns to the initialize view, and no primary button', () => {
    const response = resultCanvas(resultView());
    expect(components(response).slice(-2)).toEqual([
      { type: 'divider' },
      { type: 'button', id: REFRESH, label: 'Close', style: 'link', action: { type: 'submit' } },
    ]);
    expect(buttons(response).filter((b) => b.style === 'primary')).toEqual([]);
    for (const id of submitIds(response)) expect(parseAction(id)).toEqual({ type: 'refresh' });
  });

  it('stores the conversation and the ticket', () => {
    const response = resultCanvas(resultView({ ticket: ticketView({ pageId: pageId(9) }) }));
    expect(parseStoredData(response.canvas.stored_data)).toEqual({ v: 1, canvas: 'result', conversationId: '42', pageId: pageId(9) });
  });

  it('names an unnumbered ticket by its title', () => {
    const response = resultCanvas(resultView({ ticket: ticketView({ ticketId: null, title: 'Export is slow' }) }));
    expect(rendered(response)[0]?.text).toBe('Created Export is slow');
  });

  it.each(HOSTILE_TITLES)('shows the title and names %j verbatim, with only the intended links', (hostile) => {
    const response = resultCanvas(
      resultView({
        ticket: ticketView({ title: hostile }),
        channel: { name: hostile, url: 'https://acme.slack.com/archives/C0123456789' },
        invited: [{ name: hostile }],
        unmatched: [{ name: hostile, reason: hostile }],
        warnings: [hostile],
      }),
    );
    expectValidCanvas(response);
    const all = rendered(response);
    expect(all.flatMap((r) => r.links.map((l) => l.url))).toEqual([ticketView().notionUrl, 'https://acme.slack.com/archives/C0123456789']);
    expect(all.some((r) => r.unbalancedBold || r.bold.length > 0)).toBe(false);
    expect(all.map((r) => r.text)).toEqual(expect.arrayContaining([hostile, `Invited ${hostile}`]));
  });

  it('stays under 64 KB however long the inputs', () => {
    const huge = '\u0001😀'.repeat(30_000);
    const response = resultCanvas(
      resultView({
        ticket: ticketView({ title: huge, ticketId: huge }),
        channel: { name: huge, url: 'https://acme.slack.com/archives/C0123456789' },
        invited: Array.from({ length: 500 }, () => ({ name: huge })),
        unmatched: Array.from({ length: 500 }, () => ({ name: huge, reason: huge })),
        warnings: Array.from({ length: 500 }, () => huge),
      }),
    );
    expectValidCanvas(response);
  });
});
