/**
 * A conservative estimate of how tall Intercom draws a canvas in the inbox sidebar, for the rule
 * that the first canvas stays under 400 px.
 *
 * Intercom publishes no pixel heights for Canvas Kit components, so these are upper bounds built
 * from what the inbox is known to use, each rounded up:
 * - text: the inbox's 14 px type on a 20 px line; the sidebar canvas is about 290 px wide (a
 *   ~340 px sidebar less its padding), where 14 px text averages under 7.5 px a character, so
 *   38+ characters fit a line: counted as 32 here, so wrapping is over-counted, never under;
 * - every component but a spacer is followed by a 10 px margin (the gap Canvas Kit leaves between
 *   components; the sandbox simulator uses the same);
 * - buttons: 36 px for a boxed (primary/secondary) button, a text line plus 2 × 4 px for a link
 *   button; spacers at their named sizes on an 8 px grid (xs 4 … xl 32);
 * - a list item: 2 × 8 px of padding, 20 px for each of its title, subtitle and tertiary text
 *   (wrapped like text), and a 1 px separator; the list itself a 2 px border;
 * - a data-table row: 24 px; a divider: 1 px and 10 px of space on each side.
 * test/browser/sandbox-story.test.ts measures the simulator's rendering of the same first canvas
 * and checks it stays under this estimate.
 */
import type { CanvasComponent, CanvasResponse } from '../../canvases/components.js';

export const FIRST_CANVAS_MAX_PX = 400;

const LINE_PX = 20;
const CHARS_PER_LINE = 32;
const MARGIN_PX = 10;
const BOXED_BUTTON_PX = 36;
const LINK_BUTTON_PX = LINE_PX + 8;
const ITEM_PADDING_PX = 16;
const ITEM_SEPARATOR_PX = 1;
const LIST_BORDER_PX = 2;
const TABLE_ROW_PX = 24;
const DIVIDER_PX = 1 + 2 * MARGIN_PX;
const SPACER_PX = { xs: 4, s: 8, m: 16, l: 24, xl: 32 } as const;
/** Inputs, textareas and dropdowns: a label line, a 36 px box, a textarea's few rows. */
const LABEL_PX = LINE_PX;
const FIELD_PX = 36;
const TEXTAREA_PX = 4 * LINE_PX;

/** How many lines `text` takes at most, by its characters (Markdown marks counted too, which only over-counts). */
export function lines(text: string | undefined): number {
  if (!text) return 0;
  return text.split('\n').reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(Array.from(paragraph).length / CHARS_PER_LINE)), 0);
}

export function componentHeight(component: CanvasComponent): number {
  switch (component.type) {
    case 'text':
      return lines(component.text) * LINE_PX + MARGIN_PX;
    case 'button':
      return (component.style === 'link' ? LINK_BUTTON_PX : BOXED_BUTTON_PX) + MARGIN_PX;
    case 'list':
      return (
        LIST_BORDER_PX +
        component.items.reduce(
          (sum, item) => sum + ITEM_PADDING_PX + ITEM_SEPARATOR_PX + (lines(item.title) + lines(item.subtitle) + lines(item.tertiary_text)) * LINE_PX,
          0,
        ) +
        MARGIN_PX
      );
    case 'data-table':
      return component.items.length * TABLE_ROW_PX + MARGIN_PX;
    case 'divider':
      return DIVIDER_PX;
    case 'spacer':
      return SPACER_PX[component.size ?? 's'];
    case 'input':
    case 'dropdown':
      return (component.label ? LABEL_PX : 0) + FIELD_PX + MARGIN_PX;
    case 'textarea':
      return (component.label ? LABEL_PX : 0) + TEXTAREA_PX + MARGIN_PX;
    default:
      // A component this estimator does not know must not pass for small.
      return Number.POSITIVE_INFINITY;
  }
}

export function canvasHeight(response: CanvasResponse): number {
  return response.canvas.content.components.reduce((sum, component) => sum + componentHeight(component), 0);
}
