/**
 * Content that carries its own formatting, rendered by parsing it rather than trusting it:
 * Canvas Kit's Markdown, Intercom's message HTML and Slack's message tokens. Everything else the
 * page shows is set as text.
 *
 * Served as /sandbox/assets/rich-text.js; see index.ts.
 */
export const RICH_TEXT_JS = String.raw`import { externalLink, h, isHttpUrl } from './dom.js';
import { slackChannelName, slackUserName } from './store.js';

const PUNCTUATION = /[!-/:-@[-\u0060{-~]/;

/** Canvas Kit text Markdown: **bold**, [label](http-url) and backslash escapes. */
export function markdown(source, into) {
  const root = into || document.createDocumentFragment();
  const stack = [root];
  let buffer = '';
  const flush = () => {
    if (buffer) stack[stack.length - 1].append(buffer);
    buffer = '';
  };
  for (let i = 0; i < source.length; ) {
    const ch = source[i];
    if (ch === '\\' && i + 1 < source.length && PUNCTUATION.test(source[i + 1])) {
      buffer += source[i + 1];
      i += 2;
    } else if (ch === '*' && source[i + 1] === '*' && (stack.length > 1 || findUnescaped(source, '**', i + 2) !== -1)) {
      flush();
      if (stack.length > 1) stack.pop();
      else {
        const strong = h('strong', null);
        stack[stack.length - 1].append(strong);
        stack.push(strong);
      }
      i += 2;
    } else if (ch === '[') {
      const link = markdownLink(source, i);
      if (link) {
        flush();
        const a = externalLink(link.url, '');
        markdown(link.label, a);
        stack[stack.length - 1].append(a);
        i = link.end;
      } else {
        buffer += ch;
        i += 1;
      }
    } else {
      buffer += ch;
      i += 1;
    }
  }
  flush();
  return root;
}

function findUnescaped(source, token, from) {
  for (let i = from; i < source.length; i++) {
    if (source[i] === '\\') i += 1;
    else if (source.startsWith(token, i)) return i;
  }
  return -1;
}

/** [label](url) starting at source[start], or null when it is not a complete http(s) link. */
function markdownLink(source, start) {
  let i = start + 1;
  let label = '';
  for (; i < source.length && source[i] !== ']'; i++) {
    if (source[i] === '[') return null;
    if (source[i] === '\\' && i + 1 < source.length) {
      label += source[i] + source[i + 1];
      i += 1;
    } else label += source[i];
  }
  if (source[i] !== ']' || source[i + 1] !== '(') return null;
  const close = source.indexOf(')', i + 2);
  if (close === -1) return null;
  const url = source.slice(i + 2, close);
  if (!isHttpUrl(url) || /\s/.test(url)) return null;
  return { label, url, end: close + 1 };
}

const SAFE_TAGS = new Set(['P', 'BR', 'B', 'STRONG', 'I', 'EM', 'U', 'CODE', 'PRE', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'SPAN', 'DIV']);

const DROPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'TITLE', 'TEXTAREA', 'IFRAME', 'OBJECT']);

/**
 * Intercom message HTML, rebuilt: text nodes and allow-listed tags only, links only to http(s).
 * DOMParser documents are inert (no scripts run, no images load), so parsing is safe.
 */
export function safeHtml(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const fragment = document.createDocumentFragment();
  copySafe(doc.body, fragment);
  return fragment;
}

function copySafe(from, to) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.append(node.nodeValue);
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE || DROPPED_TAGS.has(node.tagName)) continue;
    let copy = null;
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') || '';
      if (isHttpUrl(href)) copy = externalLink(href, '');
    } else if (SAFE_TAGS.has(node.tagName)) {
      copy = document.createElement(node.tagName.toLowerCase());
    }
    if (copy) {
      copySafe(node, copy);
      to.append(copy);
    } else {
      copySafe(node, to);
    }
  }
}

/** Plain text with bare http(s) URLs made into links. */
function linkified(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of String(text).matchAll(/https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g)) {
    fragment.append(text.slice(last, match.index), externalLink(match[0], match[0]));
    last = match.index + match[0].length;
  }
  fragment.append(String(text).slice(last));
  return fragment;
}

function unescapeSlack(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Slack message text: <@U1>, <#C1|name>, <!here>, <url|label>, <url>, entities, bare URLs. */
export function slackText(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of String(text).matchAll(/<([^<>]+)>/g)) {
    fragment.append(linkified(unescapeSlack(text.slice(last, match.index))), slackToken(match[1]));
    last = match.index + match[0].length;
  }
  fragment.append(linkified(unescapeSlack(String(text).slice(last))));
  return fragment;
}

function slackToken(inner) {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? '' : unescapeSlack(inner.slice(bar + 1));
  if (target.startsWith('@')) return h('span', { class: 'mention', text: '@' + (label || slackUserName(target.slice(1))) });
  if (target.startsWith('#')) return h('span', { class: 'mention', text: '#' + (label || slackChannelName(target.slice(1))) });
  if (target.startsWith('!')) return h('span', { class: 'mention', text: '@' + (label || target.slice(1)) });
  const url = unescapeSlack(target);
  if (isHttpUrl(url)) return externalLink(url, label || url);
  return unescapeSlack('<' + inner + '>');
}
`;
