import { describe, expect, it } from 'vitest';
import type { CanvasComponent, CanvasResponse } from '../../canvases/components.js';
import {
  CANVAS_PART_MAX_BYTES,
  assertCanvasLimits,
  canvasResponse,
  canvasResponseSchema,
  componentSchema,
} from '../../canvases/components.js';

const submit = { type: 'submit' } as const;

function wrap(components: unknown[], storedData?: unknown): unknown {
  return { canvas: { content: { components }, ...(storedData === undefined ? {} : { stored_data: storedData }) } };
}

describe('canvas response schema', () => {
  it("accepts a response shaped like Intercom's documented initialize example", () => {
    // Shaped after the Canvas Kit reference examples for the canvas and content objects.
    const documented = {
      canvas: {
        content: {
          components: [
            { type: 'text', id: 'component-1', text: 'This is the first component', align: 'center', style: 'header' },
            { type: 'button', id: 'component-2', label: 'This is the second component', action: { type: 'submit' } },
          ],
        },
        stored_data: { key: 'value' },
      },
    };
    expect(canvasResponseSchema.safeParse(documented).success).toBe(true);
  });

  it('accepts every component the app uses', () => {
    const all: CanvasComponent[] = [
      { type: 'text', text: 'Hello **bold** [link](https://example.com)', style: 'muted', align: 'left', bottom_margin: 'none' },
      { type: 'button', id: 'b1', label: 'Go', style: 'primary', action: submit },
      { type: 'button', id: 'b2', label: 'Open', style: 'link', action: { type: 'url', url: 'https://example.com/x' } },
      { type: 'input', id: 'in', label: 'Title', placeholder: 'p', value: 'v', save_state: 'unsaved' },
      { type: 'textarea', id: 'ta', label: 'Description', value: 'v', error: false },
      {
        type: 'dropdown',
        id: 'dd',
        label: 'Pick',
        value: 'o2',
        options: [
          { type: 'option', id: 'o1', text: 'One' },
          { type: 'option', id: 'o2', text: 'Two', disabled: true },
        ],
      },
      { type: 'list', items: [{ type: 'item', id: 'i1', title: 'Item', subtitle: 's', tertiary_text: 't', action: submit }] },
      { type: 'data-table', items: [{ type: 'field-value', field: 'Status', value: 'Done' }] },
      { type: 'divider', bottom_margin: 'none' },
      { type: 'spacer', size: 'm' },
    ];
    expect(canvasResponseSchema.safeParse(wrap(all, { v: 1 })).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ['an unknown component type', { type: 'iframe', url: 'https://example.com' }],
    ['a misspelt field', { type: 'text', text: 'x', styel: 'muted' }],
    ['an empty text', { type: 'text', text: '' }],
    ['a button without an action', { type: 'button', id: 'b', label: 'Go' }],
    ['a sheet action (Messenger only)', { type: 'button', id: 'b', label: 'Go', action: { type: 'sheet', url: 'https://x.io' } }],
    ['a javascript: URL action', { type: 'button', id: 'b', label: 'Go', action: { type: 'url', url: 'javascript:alert(1)' } }],
    ['an unknown button style', { type: 'button', id: 'b', label: 'Go', style: 'danger', action: submit }],
    ['a dropdown with one option', { type: 'dropdown', id: 'd', options: [{ type: 'option', id: 'a', text: 'A' }] }],
    [
      'a dropdown with eleven options',
      { type: 'dropdown', id: 'd', options: Array.from({ length: 11 }, (_, i) => ({ type: 'option', id: `o${i}`, text: 'x' })) },
    ],
    [
      'a dropdown whose value is not an option',
      {
        type: 'dropdown',
        id: 'd',
        value: 'zzz',
        options: [
          { type: 'option', id: 'a', text: 'A' },
          { type: 'option', id: 'b', text: 'B' },
        ],
      },
    ],
    [
      'a dropdown with repeated option ids',
      {
        type: 'dropdown',
        id: 'd',
        options: [
          { type: 'option', id: 'a', text: 'A' },
          { type: 'option', id: 'a', text: 'B' },
        ],
      },
    ],
    ['an empty list', { type: 'list', items: [] }],
    ['an empty data table', { type: 'data-table', items: [] }],
  ])('rejects %s', (_name, component) => {
    expect(componentSchema.safeParse(component).success).toBe(false);
  });

  it('rejects a canvas without components', () => {
    expect(canvasResponseSchema.safeParse(wrap([])).success).toBe(false);
  });

  it('rejects ids used twice, list items included', () => {
    const twice = wrap([
      { type: 'button', id: 'same', label: 'A', action: submit },
      { type: 'list', items: [{ type: 'item', id: 'same', title: 'B', action: submit }] },
    ]);
    const result = canvasResponseSchema.safeParse(twice);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('"same" is used more than once');
  });
});

describe('the 64 KB limits', () => {
  const bigText = 'x'.repeat(CANVAS_PART_MAX_BYTES);

  it('rejects content over the limit', () => {
    expect(() => canvasResponse([{ type: 'text', text: bigText }], {})).toThrow(/content is \d+ bytes/);
  });

  it('rejects stored_data over the limit', () => {
    expect(() => canvasResponse([{ type: 'text', text: 'ok' }], { blob: bigText })).toThrow(/stored_data is \d+ bytes/);
  });

  it('measures bytes, not characters', () => {
    // 22,000 three-byte characters: 66,000 bytes, though far fewer than 64,000 characters.
    const wide: CanvasResponse = { canvas: { content: { components: [{ type: 'text', text: '€'.repeat(22_000) }] } } };
    expect(() => assertCanvasLimits(wide)).toThrow(RangeError);
  });

  it('accepts a canvas just under the limit', () => {
    const fits: CanvasResponse = { canvas: { content: { components: [{ type: 'text', text: 'x'.repeat(60_000) }] }, stored_data: {} } };
    expect(() => assertCanvasLimits(fits)).not.toThrow();
  });
});
