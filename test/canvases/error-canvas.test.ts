import { describe, expect, it } from 'vitest';
import { BACK, TRY_AGAIN, parseAction } from '../../canvases/actions.js';
import { errorCanvas } from '../../canvases/error-canvas.js';
import type { StoredRetry } from '../../canvases/stored-data.js';
import { parseStoredData } from '../../canvases/stored-data.js';
import { TEXT_MAX } from '../../canvases/text.js';
import { buttons, components, expectValidCanvas, pageId, renderMarkdown, submitIds, texts } from './helpers.js';

describe('errorCanvas', () => {
  const response = errorCanvas({
    conversationId: '42',
    step: 'Creating the Slack channel',
    message: 'Slack did not answer in time.',
    retry: { action: 'link', pageId: pageId(1) },
  });

  it('is a valid canvas', () => expectValidCanvas(response));

  it('says which step failed and why, in plain words', () => {
    expect(texts(response).map((t) => [t.text, t.style])).toEqual([
      ['Creating the Slack channel failed.', 'paragraph'],
      ['Slack did not answer in time.', 'muted'],
    ]);
  });

  it('offers Try again without a primary button, since it may be the first canvas', () => {
    expect(buttons(response)[0]).toEqual({ type: 'button', id: TRY_AGAIN, label: 'Try again', style: 'secondary', action: { type: 'submit' } });
    expect(buttons(response).filter((b) => b.style === 'primary')).toEqual([]);
    for (const id of submitIds(response)) expect(parseAction(id), id).not.toBeNull();
  });

  it('offers Back mid-flow, after a divider', () => {
    expect(components(response).slice(-2)).toEqual([
      { type: 'divider' },
      { type: 'button', id: BACK, label: 'Back', style: 'link', action: { type: 'submit' } },
    ]);
  });

  it.each<[string, StoredRetry | null]>([
    ['nothing to retry', null],
    ['a failed refresh', { action: 'refresh' }],
  ])('offers only Try again when there is %s', (_name, retry) => {
    const first = errorCanvas({ conversationId: '42', step: null, message: 'Notion is unavailable.', retry });
    expectValidCanvas(first);
    expect(buttons(first).map((b) => b.id)).toEqual([TRY_AGAIN]);
    expect(texts(first)[0]?.text).toBe('Something went wrong.');
  });

  it.each<StoredRetry>([
    { action: 'refresh' },
    { action: 'find_or_create' },
    { action: 'link', pageId: pageId(3) },
    { action: 'unlink', pageId: pageId(3) },
    { action: 'create_ticket', title: 'Export fails', description: 'CSV export returns 500.', participants: ['7', '8'] },
  ])('keeps the retry %j in stored data', (retry) => {
    const canvas = errorCanvas({ conversationId: '42', step: 'Step', message: 'Failed.', retry });
    expect(parseStoredData(canvas.canvas.stored_data)).toEqual({ v: 1, canvas: 'error', conversationId: '42', retry });
  });

  it('caps a retried draft like the suggestion canvas does', () => {
    const canvas = errorCanvas({
      conversationId: '42',
      step: 'Creating the Notion ticket',
      message: 'Notion timed out.',
      retry: { action: 'create_ticket', title: 'T'.repeat(1_000), description: '😀'.repeat(100_000) },
    });
    expectValidCanvas(canvas);
    const stored = parseStoredData(canvas.canvas.stored_data);
    expect(stored?.canvas === 'error' && stored.retry?.action === 'create_ticket' ? Array.from(stored.retry.description).length : 0).toBe(
      TEXT_MAX.description,
    );
  });

  it('shows error text with Markdown characters verbatim and truncates long messages', () => {
    const canvas = errorCanvas({ conversationId: '42', step: 'Step **one**', message: `[x](https://evil) ${'y'.repeat(5_000)}`, retry: null });
    expectValidCanvas(canvas);
    const [step, message] = texts(canvas).map((t) => renderMarkdown(t.text));
    expect(step).toMatchObject({ text: 'Step **one** failed.', links: [], bold: [] });
    expect(message?.links).toEqual([]);
    expect(Array.from(message?.text ?? '').length).toBeLessThanOrEqual(TEXT_MAX.message);
  });
});
