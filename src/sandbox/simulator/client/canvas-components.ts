/**
 * Canvas Kit components drawn the way Intercom's inbox draws them, each tagged with
 * data-testid="canvas-component", its type and its id.
 *
 * Served as /sandbox/assets/canvas-components.js; see index.ts.
 */
export const CANVAS_COMPONENTS_JS = String.raw`import { h, onEnter } from './dom.js';
import { markdown } from './rich-text.js';

/** One component; act(componentId, action) runs its submit or url action. */
export function renderComponent(c, act) {
  const base = {
    'data-testid': 'canvas-component',
    'data-component-type': c.type,
    'data-component-id': c.id || null,
  };
  const fieldId = 'ck-' + (c.id || '');
  switch (c.type) {
    case 'text':
      return markdown(
        c.text,
        h('div', {
          ...base,
          class:
            'ck ck-text ck-text-' + (c.style || 'paragraph') + ' align-' + (c.align || 'left') +
            (c.bottom_margin === 'none' ? ' no-margin' : ''),
        }),
      );
    case 'button':
      return h(
        'button',
        {
          ...base,
          type: 'button',
          class: 'ck ck-button btn-' + (c.style || 'primary'),
          disabled: Boolean(c.disabled),
          title: c.action && c.action.type === 'url' ? c.action.url : null,
          onclick: () => act(c.id, c.action),
        },
        c.label,
        c.action && c.action.type === 'url' ? ' \u2197' : null,
      );
    case 'input':
      return h(
        'div',
        { ...base, class: 'ck ck-field' },
        c.label ? h('label', { for: fieldId, text: c.label }) : null,
        h(
          'div',
          { class: 'ck-input-row' },
          h('input', {
            id: fieldId,
            type: 'text',
            'data-input-id': c.id,
            value: c.value || '',
            placeholder: c.placeholder || null,
            disabled: Boolean(c.disabled) || c.save_state === 'saved',
            class: c.save_state === 'failed' ? 'invalid' : null,
          }),
          c.action
            ? h('button', { type: 'button', class: 'ck-inline-btn', 'aria-label': 'Submit', onclick: () => act(c.id, c.action) }, '\u2192')
            : null,
        ),
      );
    case 'textarea':
      return h(
        'div',
        { ...base, class: 'ck ck-field' },
        c.label ? h('label', { for: fieldId, text: c.label }) : null,
        h('textarea', {
          id: fieldId,
          'data-input-id': c.id,
          value: c.value || '',
          placeholder: c.placeholder || null,
          disabled: Boolean(c.disabled),
          class: c.error ? 'invalid' : null,
        }),
      );
    case 'dropdown':
      return h(
        'div',
        { ...base, class: 'ck ck-field' },
        c.label ? h('label', { for: fieldId, text: c.label }) : null,
        h(
          'select',
          { id: fieldId, 'data-input-id': c.id, disabled: Boolean(c.disabled) },
          c.value ? null : h('option', { value: '', text: 'Select\u2026' }),
          (c.options || []).map((o) =>
            h('option', { value: o.id, selected: o.id === c.value, disabled: Boolean(o.disabled), text: o.text }),
          ),
        ),
      );
    case 'list':
      return h(
        'ul',
        { ...base, class: 'ck ck-list' },
        c.items.map((item) => {
          const clickable = Boolean(item.action) && !item.disabled && !c.disabled;
          return h(
            'li',
            {
              class: 'ck-list-item' + (clickable ? ' clickable' : ''),
              'data-testid': 'canvas-list-item',
              'data-component-id': item.id,
              role: clickable ? 'button' : null,
              tabindex: clickable ? '0' : null,
              onclick: clickable ? () => act(item.id, item.action) : null,
              onkeydown: clickable ? onEnter(() => act(item.id, item.action)) : null,
            },
            h('div', { class: 'ck-item-title', text: item.title }),
            item.subtitle ? h('div', { class: 'ck-item-sub', text: item.subtitle }) : null,
            item.tertiary_text ? h('div', { class: 'ck-item-tertiary', text: item.tertiary_text }) : null,
          );
        }),
      );
    case 'data-table':
      return h(
        'dl',
        { ...base, class: 'ck ck-data-table' },
        c.items.map((row) => [h('dt', { text: row.field }), h('dd', { text: row.value, title: row.value })]),
      );
    case 'divider':
      return h('hr', { ...base, class: 'ck ck-divider' });
    case 'spacer':
      return h('div', { ...base, class: 'ck ck-spacer size-' + (c.size || 's') });
    default:
      return h('div', { ...base, class: 'ck ck-text ck-text-muted', text: 'Unsupported component: ' + c.type });
  }
}

/** What Intercom sends as input_values: every input, textarea and dropdown on the canvas. */
export function inputValues(root) {
  const values = {};
  for (const el of root.querySelectorAll('[data-input-id]')) {
    if (el.tagName === 'SELECT' && el.value === '') continue;
    values[el.dataset.inputId] = el.value;
  }
  return values;
}
`;
