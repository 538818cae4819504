/**
 * The simulator's browser script, served at /sandbox/assets/simulator.js. Plain ES2022 for any
 * current browser: no framework, no build step, no network beyond this origin. It lives in a
 * module rather than a .js file so it ships wherever the TypeScript does.
 *
 * What it does, as Intercom would: opening a conversation POSTs a signed Canvas Kit `initialize`
 * to the app's real /canvas/initialize, a click on a submit component POSTs a signed `submit`
 * with `input_values` and `current_canvas`; the signature is HMAC-SHA256 of the exact body with
 * the sandbox's client secret, computed with WebCrypto. Around it, it polls /sandbox/api/state
 * and redraws the conversation, the Notion table and the Slack channels as the app changes them.
 *
 * Every element is built with the DOM API and every piece of content is set as text, so ticket
 * titles and messages can never become markup. The three exceptions are parsed, not trusted:
 * Canvas Kit's Markdown (bold and http(s) links), Slack's `<url|label>` and `<@user>` tokens,
 * and Intercom's message HTML, which is re-built from a small allow-list of tags.
 *
 * Written without template literals so it can sit inside String.raw.
 */
export const SIMULATOR_SCRIPT = String.raw`(() => {
  'use strict';

  const POLL_MS = 1500;
  const boot = JSON.parse(document.getElementById('boot').textContent);
  const info = boot.info;
  let state = boot.state;

  const ui = {
    conversationId: null,
    adminId: info.admin_id,
    channelId: null,
    knownChannels: null,
    seenMessages: new Map(),
    canvas: null,
    canvasConversationId: null,
    lastCall: null,
    exchange: null,
    error: null,
    busy: false,
    seq: 0,
    pendingStatus: new Set(),
  };

  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- DOM helpers

  /** Builds an element; attribute values and children are always text, never HTML. */
  function h(tag, attrs, ...children) {
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
  function patch(container, items, keyOf, build) {
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
  function draw(el, data, build) {
    const signature = JSON.stringify(data);
    if (drawnFrom.get(el) === signature) return;
    drawnFrom.set(el, signature);
    el.replaceChildren(...[build(data)].flat());
  }

  /** Keeps a scrolled list pinned to its newest entry unless the reader scrolled up. */
  function keepAtBottom(el, update, force) {
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    update();
    if (force || atBottom) el.scrollTop = el.scrollHeight;
  }

  function initials(name) {
    const words = String(name || '?').trim().split(/\s+/).filter(Boolean);
    return ((words[0] || '?')[0] + (words.length > 1 ? words[words.length - 1][0] : '')).toUpperCase();
  }

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  function formatTime(date) {
    return pad(date.getHours()) + ':' + pad(date.getMinutes());
  }

  function formatDay(date) {
    return MONTHS[date.getMonth()] + ' ' + date.getDate();
  }

  function formatWhen(date) {
    if (Number.isNaN(date.getTime())) return '';
    return formatDay(date) + ', ' + formatTime(date);
  }

  function slug(text) {
    return String(text || '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  }

  function isHttpUrl(url) {
    return /^https?:\/\//i.test(String(url || ''));
  }

  function externalLink(url, label) {
    return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: label });
  }

  // ---------------------------------------------------------------- rich text

  const PUNCTUATION = /[!-/:-@[-\u0060{-~]/;

  /** Canvas Kit text Markdown: **bold**, [label](http-url) and backslash escapes. */
  function markdown(source, into) {
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
  function safeHtml(html) {
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
  function slackText(text) {
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

  // ---------------------------------------------------------------- lookups

  const conversations = () => state.intercom.conversations;
  const currentConversation = () => conversations().find((c) => c.id === ui.conversationId) || null;
  const currentAdmin = () =>
    state.intercom.admins.find((a) => a.id === ui.adminId) || { id: ui.adminId, name: 'Teammate', email: null };

  function slackUser(id) {
    return state.slack.users.find((u) => u.id === id) || null;
  }

  function slackUserName(id) {
    const user = slackUser(id);
    return user ? user.real_name || user.name : id;
  }

  function slackChannelName(id) {
    const channel = state.slack.channels.find((c) => c.id === id);
    return channel ? channel.name : id;
  }

  function prop(ticket, name) {
    const value = ticket.properties[name];
    return value === undefined ? null : value;
  }

  /** Conversation ids in a ticket's "Intercom Conversations" text (URLs, one per line, or bare ids). */
  function conversationIdsOf(ticket) {
    const ids = [];
    for (const token of String(prop(ticket, 'Intercom Conversations') || '').split(/[\s,;]+/)) {
      const match = /^\d+$/.test(token) ? [token, token] : /\/conversations?\/(\d+)(?:[/?#]|$)/.exec(token);
      if (match && !ids.includes(match[1])) ids.push(match[1]);
    }
    return ids;
  }

  function channelIdOf(value) {
    const match = /\/archives\/([CG][A-Z0-9]+)/.exec(String(value || ''));
    return match ? match[1] : null;
  }

  function ticketsByConversation() {
    const map = new Map();
    for (const ticket of state.notion.tickets) {
      if (ticket.in_trash || !ticket.ticket_id) continue;
      for (const id of conversationIdsOf(ticket)) map.set(id, (map.get(id) || []).concat(ticket.ticket_id));
    }
    return map;
  }

  /**
   * Sandbox URLs lead nowhere outside this machine (the fake Notion pages, Slack channels and
   * Intercom conversations exist only here), so the simulator opens them in place.
   */
  function sandboxTarget(href) {
    let url;
    try {
      url = new URL(href, location.href);
    } catch {
      return null;
    }
    const conversation = /\/conversations?\/(\d+)/.exec(url.pathname);
    if (url.hostname === 'app.intercom.com' && conversation && conversations().some((c) => c.id === conversation[1])) {
      return () => selectConversation(conversation[1]);
    }
    const channelId = channelIdOf(url.href);
    if (channelId && state.slack.channels.some((c) => c.id === channelId)) return () => showChannel(channelId);
    const ticket = state.notion.tickets.find((t) => t.url === url.href);
    if (ticket) return () => showTicket(ticket.page_id);
    return null;
  }

  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const open = sandboxTarget(link.getAttribute('href'));
    if (open) {
      event.preventDefault();
      open();
    }
  });

  function openUrl(url) {
    const open = sandboxTarget(url);
    if (open) open();
    else window.open(url, '_blank', 'noopener');
  }

  // ---------------------------------------------------------------- Canvas Kit requests

  let hmacKey = null;

  async function sign(body) {
    if (!window.crypto || !crypto.subtle) {
      throw new Error('WebCrypto is unavailable: open the simulator at http://localhost or http://127.0.0.1 (a secure context).');
    }
    const encoder = new TextEncoder();
    hmacKey =
      hmacKey ||
      crypto.subtle.importKey('raw', encoder.encode(info.intercom_client_secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const signature = await crypto.subtle.sign('HMAC', await hmacKey, encoder.encode(body));
    return Array.from(new Uint8Array(signature), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** The parts of Intercom's initialize/submit bodies that describe who is looking at what. */
  function context(conversation) {
    const admin = currentAdmin();
    const source = conversation.messages[0];
    return {
      workspace_id: info.intercom_app_id,
      workspace_region: 'us',
      admin: { type: 'admin', id: admin.id, name: admin.name, email: admin.email },
      conversation: {
        type: 'conversation',
        id: conversation.id,
        title: conversation.title,
        state: conversation.state,
        open: conversation.state === 'open',
        created_at: conversation.created_at,
        updated_at: conversation.updated_at,
        admin_assignee_id: conversation.assignee_id,
      },
      contact: {
        type: 'contact',
        id: source ? source.author.id : null,
        role: 'user',
        name: conversation.customer.name,
        email: conversation.customer.email,
      },
    };
  }

  function initialize() {
    const conversation = currentConversation();
    if (!conversation) return;
    ui.canvas = null;
    ui.canvasConversationId = conversation.id;
    renderCanvas();
    callApp('initialize', context(conversation));
  }

  function submit(componentId) {
    const conversation = currentConversation();
    if (ui.busy || !ui.canvas || !conversation) return;
    callApp('submit', {
      ...context(conversation),
      component_id: componentId,
      input_values: inputValues(),
      current_canvas: ui.canvas,
    });
  }

  /** What Intercom sends as input_values: every input, textarea and dropdown on the canvas. */
  function inputValues() {
    const values = {};
    for (const el of $('canvas').querySelectorAll('[data-input-id]')) {
      if (el.tagName === 'SELECT' && el.value === '') continue;
      values[el.dataset.inputId] = el.value;
    }
    return values;
  }

  async function callApp(kind, payload) {
    const seq = ++ui.seq;
    const path = '/canvas/' + kind;
    ui.lastCall = { kind, payload };
    ui.error = null;
    setBusy(true);
    renderError();
    const body = JSON.stringify(payload);
    const exchange = { path, request: payload, signature: null, status: null, response: null, ms: null };
    const started = performance.now();
    let canvas = null;
    let error = null;
    try {
      exchange.signature = await sign(body);
      const res = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Body-Signature': exchange.signature },
        body,
      });
      const text = await res.text();
      exchange.status = res.status;
      exchange.response = parseJson(text);
      const json = exchange.response;
      if (res.ok && json && json.canvas && json.canvas.content && Array.isArray(json.canvas.content.components)) canvas = json.canvas;
      else error = 'The app answered ' + res.status + ': ' + errorMessage(json);
    } catch (err) {
      error = 'The request did not complete: ' + (err && err.message ? err.message : String(err));
    }
    exchange.ms = Math.round(performance.now() - started);
    // A newer request (another click, another conversation) owns the panel now.
    if (seq !== ui.seq) return;
    ui.exchange = exchange;
    ui.error = error;
    setBusy(false);
    renderError();
    // On failure the canvas stays as drawn, with whatever the agent typed into it.
    if (canvas) {
      ui.canvas = canvas;
      renderCanvas();
    }
    renderExchange();
    refreshState();
  }

  function parseJson(text) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  function errorMessage(body) {
    if (body && typeof body === 'object') {
      if (body.error && typeof body.error === 'object' && body.error.message) return body.error.message;
      if (typeof body.message === 'string') return body.message;
      return JSON.stringify(body).slice(0, 300);
    }
    return String(body || 'no body').slice(0, 300);
  }

  function setBusy(busy) {
    ui.busy = busy;
    const panel = $('app-panel');
    panel.setAttribute('aria-busy', String(busy));
    panel.classList.toggle('busy', busy);
    $('panel-spinner').hidden = !busy;
  }

  // ---------------------------------------------------------------- the app panel

  function renderError() {
    const errorBox = $('panel-error');
    errorBox.hidden = !ui.error;
    errorBox.replaceChildren();
    if (ui.error) {
      errorBox.append(
        h('div', { text: ui.error }),
        h('button', { type: 'button', class: 'ck-button', 'data-testid': 'panel-retry', onclick: retry }, 'Try again'),
      );
    }
  }

  function renderCanvas() {
    $('app-panel').dataset.conversationId = ui.canvasConversationId || '';
    const canvas = $('canvas');
    canvas.replaceChildren();
    if (ui.canvas) {
      for (const component of ui.canvas.content.components) canvas.append(renderComponent(component));
    } else if (!ui.canvasConversationId) {
      canvas.append(h('p', { class: 'muted', text: 'Open a conversation to load the app.' }));
    }
  }

  function retry() {
    if (!ui.lastCall || ui.busy) return;
    const conversation = currentConversation();
    if (!conversation) return;
    const payload = { ...ui.lastCall.payload, ...context(conversation) };
    if (ui.lastCall.kind === 'submit') payload.input_values = inputValues();
    callApp(ui.lastCall.kind, payload);
  }

  function act(componentId, action) {
    if (!action || ui.busy) return;
    if (action.type === 'url') openUrl(action.url);
    else if (action.type === 'submit') submit(componentId);
  }

  function renderComponent(c) {
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

  function onEnter(handler) {
    return (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        handler();
      }
    };
  }

  function renderExchange() {
    const box = $('canvas-json-body');
    const x = ui.exchange;
    if (!x) return;
    const pretty = (value) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    box.replaceChildren(
      h('h4', { text: 'Request: POST ' + x.path }),
      h('pre', { 'data-testid': 'canvas-json-request', text: 'X-Body-Signature: ' + (x.signature || '(not signed)') + '\n\n' + pretty(x.request) }),
      h('h4', { text: 'Response: ' + (x.status === null ? 'none' : 'HTTP ' + x.status) + (x.ms === null ? '' : ' in ' + x.ms + ' ms') }),
      h('pre', { 'data-testid': 'canvas-json-response', text: x.response === null ? '(no response)' : pretty(x.response) }),
    );
  }

  // ---------------------------------------------------------------- inbox

  function selectConversation(id) {
    if (!conversations().some((c) => c.id === id)) return;
    const changed = ui.conversationId !== id;
    ui.conversationId = id;
    history.replaceState(null, '', '#' + encodeURIComponent(id));
    renderConversationList();
    renderConversation(changed);
    initialize();
  }

  function renderAdmins() {
    patch(
      $('admin-select'),
      state.intercom.admins.map((a) => ({ id: a.id, name: a.name, selected: a.id === ui.adminId })),
      (a) => a.id,
      (a) => h('option', { value: a.id, selected: a.selected, text: a.name }),
    );
  }

  function renderConversationList() {
    const links = ticketsByConversation();
    const list = conversations();
    $('conversation-count').textContent = list.length + ' conversations';
    patch(
      $('conversation-list'),
      list.map((c) => ({
        id: c.id,
        name: c.customer.name,
        preview: c.title || firstLine(c.messages[0]),
        state: c.state,
        updated: c.updated_at,
        selected: c.id === ui.conversationId,
        tickets: links.get(c.id) || [],
      })),
      (item) => item.id,
      (item) =>
        h(
          'li',
          {
            class: 'conv-item' + (item.selected ? ' selected' : ''),
            'data-testid': 'conversation-item',
            'data-conversation-id': item.id,
            'aria-current': item.selected ? 'true' : null,
            role: 'button',
            tabindex: '0',
            onclick: () => selectConversation(item.id),
            onkeydown: onEnter(() => selectConversation(item.id)),
          },
          h('span', { class: 'avatar', 'aria-hidden': 'true', text: initials(item.name) }),
          h(
            'div',
            { class: 'conv-main' },
            h(
              'div',
              { class: 'conv-top' },
              h('span', { class: 'conv-name', text: item.name }),
              h('span', { class: 'conv-time', text: formatDay(new Date(item.updated * 1000)) }),
            ),
            h('div', { class: 'conv-preview', text: item.preview }),
            h(
              'div',
              { class: 'conv-meta' },
              h('span', { class: 'state state-' + slug(item.state), 'data-testid': 'conversation-state', text: item.state }),
              item.tickets.map((id) => h('span', { class: 'tag', 'data-testid': 'conversation-ticket', text: id })),
            ),
          ),
        ),
    );
  }

  function firstLine(message) {
    const text = message ? message.text || '' : '';
    return text.split('\n').find((line) => line.trim()) || '';
  }

  function renderConversation(changed) {
    const c = currentConversation();
    const head = $('conversation-head');
    const messages = $('messages');
    if (!c) {
      draw(head, null, () => h('h2', { text: 'Select a conversation' }));
      draw($('customer-card'), null, () => []);
      patch(messages, [], () => '', () => null);
      return;
    }
    const about = { id: c.id, name: c.customer.name, email: c.customer.email, title: c.title, state: c.state };
    draw(head, about, (a) => [
      h('h2', { text: a.name }),
      h('span', { class: 'sub', text: (a.title ? a.title + ' \u00b7 ' : '') + a.state + ' \u00b7 #' + a.id }),
    ]);
    draw($('customer-card'), about, (a) => [
      h('dt', { text: 'Customer' }),
      h('dd', { text: a.name }),
      h('dt', { text: 'Email' }),
      h('dd', { text: a.email || '\u2014' }),
      h('dt', { text: 'Conversation' }),
      h('dd', { text: a.id }),
    ]);
    keepAtBottom(messages, () => patch(messages, c.messages, (m) => m.id, messageNode), changed);
  }

  const BUBBLE_PARTS = new Set(['source', 'comment', 'note', 'conversation']);

  function messageNode(m) {
    const author = m.author.name || m.author.type;
    const when = formatWhen(new Date(m.created_at * 1000));
    const attrs = { 'data-testid': 'message', 'data-part-type': m.part_type, 'data-author-type': m.author.type };
    if (!BUBBLE_PARTS.has(m.part_type) && !m.text) {
      return h('li', { ...attrs, class: 'event', text: author + ' ' + eventVerb(m.part_type) + ' \u00b7 ' + when });
    }
    const kind = m.part_type === 'note' ? 'note' : m.author.type === 'admin' || m.author.type === 'bot' ? 'admin' : 'user';
    return h(
      'li',
      { ...attrs, class: 'msg msg-' + kind },
      h('div', { class: 'msg-meta' }, kind === 'note' ? h('span', { class: 'note-label', text: 'Note \u00b7 ' }) : null, author + ' \u00b7 ' + when),
      h('div', { class: 'msg-body' + (m.html ? ' rich' : ''), 'data-testid': 'message-body' }, m.html ? safeHtml(m.html) : m.text || ''),
    );
  }

  function eventVerb(partType) {
    const verbs = { close: 'closed the conversation', open: 'reopened the conversation', snoozed: 'snoozed the conversation', assignment: 'assigned the conversation' };
    return verbs[partType] || partType.replace(/_/g, ' ');
  }

  // ---------------------------------------------------------------- Notion

  function renderNotion() {
    const tickets = state.notion.tickets.filter((t) => !t.in_trash);
    $('notion-count').textContent = state.notion.ticket_count + ' tickets';
    const note = $('notion-note');
    note.hidden = tickets.length >= state.notion.ticket_count;
    note.textContent = 'Showing the ' + tickets.length + ' most recently edited tickets.';
    patch(
      $('notion-rows'),
      tickets.map((t) => {
        const channel = prop(t, 'Slack Channel');
        const channelId = channelIdOf(channel);
        return {
          pageId: t.page_id,
          ticketId: t.ticket_id || '',
          title: String(prop(t, 'Title') || ''),
          url: t.url,
          status: prop(t, 'Status'),
          options: state.notion.status_options,
          conversations: conversationIdsOf(t).length,
          channel: channel ? String(channel) : null,
          channelId: channelId && state.slack.channels.some((c) => c.id === channelId) ? channelId : null,
          channelName: channelId ? slackChannelName(channelId) : null,
          resolution: prop(t, 'Resolution Notified'),
          pending: ui.pendingStatus.has(t.page_id),
        };
      }),
      (row) => row.pageId,
      notionRow,
    );
  }

  function notionRow(row) {
    const options = row.options.includes(row.status) ? row.options : [''].concat(row.options);
    return h(
      'tr',
      { 'data-testid': 'notion-row', 'data-ticket-id': row.ticketId, 'data-page-id': row.pageId, id: 'ticket-' + row.pageId },
      h('td', { class: 'id', text: row.ticketId }),
      h('td', { class: 'title', title: row.title }, isHttpUrl(row.url) ? externalLink(row.url, row.title || 'Untitled') : row.title),
      h(
        'td',
        null,
        h(
          'select',
          {
            class: 'status status-' + slug(row.status),
            'data-testid': 'notion-status',
            'aria-label': 'Status of ' + (row.ticketId || row.title),
            disabled: row.pending,
            onchange: (event) => changeStatus(row.pageId, event.target.value),
          },
          options.map((o) => h('option', { value: o, selected: o === (row.status || ''), text: o || '\u2014' })),
        ),
      ),
      h('td', { class: 'num', 'data-testid': 'notion-conversations', text: String(row.conversations) }),
      h(
        'td',
        { class: 'channel', 'data-testid': 'notion-slack' },
        row.channelId
          ? h('button', { type: 'button', class: 'linklike', onclick: () => showChannel(row.channelId), text: '#' + row.channelName })
          : row.channel || '\u2014',
      ),
      h('td', { class: 'when', 'data-testid': 'notion-resolution', text: row.resolution ? formatWhen(new Date(row.resolution)) : '\u2014' }),
    );
  }

  /** A person sets Status in Notion: the fake sends the app its signed webhook, as Notion would. */
  async function changeStatus(pageId, status) {
    if (!status) return;
    ui.pendingStatus.add(pageId);
    renderNotion();
    const errorBox = $('notion-error');
    try {
      const res = await fetch('/sandbox/api/notion/pages/' + encodeURIComponent(pageId) + '/status', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ status }),
      });
      if (!res.ok) throw new Error('HTTP ' + res.status + ': ' + errorMessage(parseJson(await res.text())));
      errorBox.hidden = true;
    } catch (err) {
      errorBox.textContent = 'Could not set the status: ' + (err && err.message ? err.message : String(err));
      errorBox.hidden = false;
    } finally {
      ui.pendingStatus.delete(pageId);
      await refreshState();
    }
  }

  function showTicket(pageId) {
    const row = document.getElementById('ticket-' + pageId);
    if (!row) return;
    row.scrollIntoView({ block: 'center', behavior: 'smooth' });
    row.classList.add('flash');
    setTimeout(() => row.classList.remove('flash'), 1600);
  }

  // ---------------------------------------------------------------- Slack

  function lastTs(channel) {
    const last = channel.messages[channel.messages.length - 1];
    return last ? Number(last.ts) : 0;
  }

  function showChannel(id) {
    ui.channelId = id;
    renderSlack(true);
    $('slack-channel-view').scrollIntoView({ block: 'nearest' });
  }

  function renderSlack(channelChanged) {
    const channels = state.slack.channels.slice().sort((a, b) => a.name.localeCompare(b.name));
    let changed = Boolean(channelChanged);
    if (!ui.knownChannels) {
      // First draw: open the channel with the latest activity.
      const latest = channels.slice().sort((a, b) => lastTs(b) - lastTs(a))[0];
      if (latest && !ui.channelId) ui.channelId = latest.id;
      for (const c of channels) ui.seenMessages.set(c.id, c.messages.length);
      changed = true;
    } else {
      // A channel the app just created is what the reader wants to see.
      const fresh = channels.filter((c) => !ui.knownChannels.has(c.id));
      if (fresh.length > 0) {
        ui.channelId = fresh.sort((a, b) => lastTs(b) - lastTs(a))[0].id;
        changed = true;
      }
    }
    ui.knownChannels = new Set(channels.map((c) => c.id));
    const selected = channels.find((c) => c.id === ui.channelId) || null;
    if (selected) ui.seenMessages.set(selected.id, selected.messages.length);

    patch(
      $('slack-channels'),
      channels.map((c) => ({
        id: c.id,
        name: c.name,
        archived: c.is_archived,
        selected: c.id === ui.channelId,
        unread: Math.max(0, c.messages.length - (ui.seenMessages.get(c.id) || 0)),
      })),
      (c) => c.id,
      (c) =>
        h(
          'li',
          {
            class: 'slack-channel' + (c.selected ? ' selected' : '') + (c.unread ? ' unread' : ''),
            'data-testid': 'slack-channel',
            'data-channel-id': c.id,
            'data-channel-name': c.name,
          },
          h(
            'button',
            { type: 'button', onclick: () => showChannel(c.id), title: c.name },
            h('span', { 'aria-hidden': 'true', text: c.archived ? '\u2327' : '#' }),
            h('span', { class: 'name', text: c.name }),
            c.unread ? h('span', { class: 'unread-count', text: String(c.unread) }) : null,
          ),
        ),
    );

    const view = $('slack-channel-view');
    view.dataset.channelId = selected ? selected.id : '';
    view.dataset.channelName = selected ? selected.name : '';
    const head = $('slack-channel-head');
    if (!selected) {
      draw(head, null, () => h('span', { class: 'muted', text: 'No channel selected.' }));
      patch($('slack-messages'), [], () => '', () => null);
      return;
    }
    const about = {
      name: selected.name,
      archived: selected.is_archived,
      topic: selected.topic,
      members: selected.members.map((id) => {
        const user = slackUser(id);
        return { id, name: slackUserName(id) + (user && user.is_bot ? ' (bot)' : '') };
      }),
    };
    draw(head, about, (a) => [
      h('div', { class: 'channel-name', 'data-testid': 'slack-channel-name', text: '#' + a.name + (a.archived ? ' (archived)' : '') }),
      h('div', { class: 'topic', 'data-testid': 'slack-topic' }, a.topic ? slackText(a.topic) : 'No topic'),
      h(
        'ul',
        { class: 'slack-members', 'data-testid': 'slack-members', 'aria-label': 'Members' },
        a.members.map((m) => h('li', { class: 'slack-member', 'data-testid': 'slack-member', 'data-user-id': m.id, text: m.name })),
      ),
    ]);
    const list = $('slack-messages');
    keepAtBottom(list, () => patch(list, selected.messages, (m) => m.ts, slackMessageNode), changed);
  }

  function slackMessageNode(m) {
    const user = slackUser(m.user);
    const name = slackUserName(m.user);
    return h(
      'li',
      { class: 'slack-msg' + (m.subtype ? ' system' : ''), 'data-testid': 'slack-message', 'data-subtype': m.subtype || null, 'data-user-id': m.user },
      h('span', { class: 'slack-avatar' + (user && user.is_bot ? ' bot' : ''), 'aria-hidden': 'true', text: initials(name) }),
      h(
        'div',
        null,
        h('div', { class: 'slack-meta' }, h('strong', { text: name }), h('time', { text: formatTime(new Date(Number(m.ts) * 1000)) })),
        h('div', { class: 'slack-text', 'data-testid': 'slack-message-text' }, slackText(m.text)),
      ),
    );
  }

  // ---------------------------------------------------------------- polling

  let polling = null;
  let pollAgain = false;

  /** Fetches /sandbox/api/state and redraws; calls made while one is running coalesce into one more. */
  function refreshState() {
    if (polling) {
      pollAgain = true;
      return polling;
    }
    polling = (async () => {
      try {
        const res = await fetch('/sandbox/api/state', { cache: 'no-store', signal: AbortSignal.timeout(10000) });
        if (!res.ok) throw new Error('HTTP ' + res.status);
        state = await res.json();
        setSync(true);
        renderViews();
      } catch {
        setSync(false);
      } finally {
        polling = null;
        if (pollAgain) {
          pollAgain = false;
          refreshState();
        }
      }
    })();
    return polling;
  }

  function setSync(ok) {
    const el = $('sync-status');
    el.classList.toggle('offline', !ok);
    el.textContent = ok ? 'Live \u00b7 ' + formatTime(new Date()) : 'Sandbox unreachable';
  }

  function renderViews() {
    renderAdmins();
    renderConversationList();
    renderConversation(false);
    renderNotion();
    renderSlack(false);
  }

  $('admin-select').addEventListener('change', (event) => {
    ui.adminId = event.target.value;
    initialize();
  });

  renderViews();
  setSync(true);
  const fromHash = decodeURIComponent(location.hash.slice(1));
  const first = conversations().find((c) => c.id === fromHash) || conversations()[0];
  if (first) selectConversation(first.id);
  else renderCanvas();
  setInterval(() => {
    if (!document.hidden) refreshState();
  }, POLL_MS);
})();
`;
