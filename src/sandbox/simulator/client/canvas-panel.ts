/**
 * The app panel, acting as Intercom: signed initialize and submit requests to the app's real
 * /canvas routes, the canvas they return, a spinner while they run, the last exchange as JSON.
 *
 * Served as /sandbox/assets/canvas-panel.js; see index.ts.
 */
export const CANVAS_PANEL_JS = String.raw`import { inputValues, renderComponent } from './canvas-components.js';
import { $, h } from './dom.js';
import { openUrl } from './navigation.js';
import { currentAdmin, currentConversation, errorMessage, info, parseJson, refreshState, ui } from './store.js';

let hmacKey = null;

/** Hex HMAC-SHA256 of the exact body, keyed with the client secret: Intercom's X-Body-Signature. */
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

export function initialize() {
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
    input_values: inputValues($('canvas')),
    current_canvas: ui.canvas,
  });
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

function setBusy(busy) {
  ui.busy = busy;
  const panel = $('app-panel');
  panel.setAttribute('aria-busy', String(busy));
  panel.classList.toggle('busy', busy);
  $('panel-spinner').hidden = !busy;
}

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

export function renderCanvas() {
  $('app-panel').dataset.conversationId = ui.canvasConversationId || '';
  const canvas = $('canvas');
  canvas.replaceChildren();
  if (ui.canvas) {
    for (const component of ui.canvas.content.components) canvas.append(renderComponent(component, act));
  } else if (!ui.canvasConversationId) {
    canvas.append(h('p', { class: 'muted', text: 'Open a conversation to load the app.' }));
  }
}

function retry() {
  if (!ui.lastCall || ui.busy) return;
  const conversation = currentConversation();
  if (!conversation) return;
  const payload = { ...ui.lastCall.payload, ...context(conversation) };
  if (ui.lastCall.kind === 'submit') payload.input_values = inputValues($('canvas'));
  callApp(ui.lastCall.kind, payload);
}

function act(componentId, action) {
  if (!action || ui.busy) return;
  if (action.type === 'url') openUrl(action.url);
  else if (action.type === 'submit') submit(componentId);
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
`;
