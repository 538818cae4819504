/** Short constructors for the components the builders repeat; labels are capped to one line. */
import type { ButtonComponent, DividerComponent, TextComponent } from './components.js';
import { TEXT_MAX, truncate } from './text.js';

/** `markdown` must already be escaped (see text.ts). */
export function text(markdown: string, style: TextComponent['style'] = 'paragraph'): TextComponent {
  return { type: 'text', text: markdown, style };
}

export function submitButton(id: string, label: string, style: NonNullable<ButtonComponent['style']>): ButtonComponent {
  return { type: 'button', id, label: truncate(label, TEXT_MAX.label, { singleLine: true }), style, action: { type: 'submit' } };
}

export function urlButton(id: string, label: string, url: string, style: NonNullable<ButtonComponent['style']>): ButtonComponent {
  return { type: 'button', id, label: truncate(label, TEXT_MAX.label, { singleLine: true }), style, action: { type: 'url', url } };
}

export function divider(): DividerComponent {
  return { type: 'divider' };
}
