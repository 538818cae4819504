/**
 * DOM building and redrawing, and the small formatting helpers every view uses.
 *
 * Served as /sandbox/assets/dom.js; see index.ts.
 */
export const DOM_JS = String.raw`/** The element with this id: the page's fixed frame (simulator-page.ts) has them all. */
export const $ = (id) => document.getElementById(id);

/** Builds an element; attribute values and children are always text, never HTML. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'text') el.textContent = value;
    else if (name === 'value') el.value = value;
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

const nodeCache = new WeakMap();

/**
 * Keyed redraw of a list: an item whose data did not change keeps its element (and so its
 * focus, selection and scroll position); changed items are rebuilt; order follows the data.
 */
export function patch(container, items, keyOf, build) {
  const previous = nodeCache.get(container) || new Map();
  const next = new Map();
  const nodes = items.map((item) => {
    const key = keyOf(item);
    const signature = JSON.stringify(item);
    const old = previous.get(key);
    const node = old && old.signature === signature ? old.node : build(item);
    next.set(key, { signature, node });
    return node;
  });
  nodeCache.set(container, next);
  nodes.forEach((node, i) => {
    if (container.children[i] !== node) container.insertBefore(node, container.children[i] || null);
  });
  while (container.children.length > nodes.length) container.lastElementChild.remove();
}

const drawnFrom = new WeakMap();

/** Rebuilds an element's children only when the data they show changed (a poll mostly changes nothing). */
export function draw(el, data, build) {
  const signature = JSON.stringify(data);
  if (drawnFrom.get(el) === signature) return;
  drawnFrom.set(el, signature);
  el.replaceChildren(...[build(data)].flat());
}

/** Keeps a scrolled list pinned to its newest entry unless the reader scrolled up. */
export function keepAtBottom(el, update, force) {
  const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
  update();
  if (force || atBottom) el.scrollTop = el.scrollHeight;
}

export function onEnter(handler) {
  return (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      handler();
    }
  };
}

export function initials(name) {
  const words = String(name || '?').trim().split(/\s+/).filter(Boolean);
  return ((words[0] || '?')[0] + (words.length > 1 ? words[words.length - 1][0] : '')).toUpperCase();
}

function pad(n) {
  return String(n).padStart(2, '0');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatTime(date) {
  return pad(date.getHours()) + ':' + pad(date.getMinutes());
}

export function formatDay(date) {
  return MONTHS[date.getMonth()] + ' ' + date.getDate();
}

export function formatWhen(date) {
  if (Number.isNaN(date.getTime())) return '';
  return formatDay(date) + ', ' + formatTime(date);
}

export function slug(text) {
  return String(text || '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function isHttpUrl(url) {
  return /^https?:\/\//i.test(String(url || ''));
}

export function externalLink(url, label) {
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: label });
}
`;
