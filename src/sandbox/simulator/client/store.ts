/**
 * The sandbox as last seen (the boot data, then /sandbox/api/state every poll) and what the
 * reader selected. Views subscribe with onState.
 *
 * Served as /sandbox/assets/store.js; see index.ts.
 */
export const STORE_JS = String.raw`import { $, formatTime } from './dom.js';

const boot = JSON.parse(document.getElementById('boot').textContent);

/** GET /sandbox/api/info as the page was served: the client secret that signs requests, the admin id. */
export const info = boot.info;
/** GET /sandbox/api/state; replaced (and importers see the new value) on every refresh. */
export let state = boot.state;

/** What the reader selected, and what the app panel shows. */
export const ui = {
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
  /** The Slack thread the reply box writes in ({ channel, ts }), and who writes. */
  thread: null,
  slackUserId: null,
  /** The id of the Slack modal on screen (the Send to customer confirmation). */
  modalId: null,
};

export const conversations = () => state.intercom.conversations;

export const currentConversation = () => conversations().find((c) => c.id === ui.conversationId) || null;

export const currentAdmin = () =>
  state.intercom.admins.find((a) => a.id === ui.adminId) || { id: ui.adminId, name: 'Teammate', email: null };

export function slackUser(id) {
  return state.slack.users.find((u) => u.id === id) || null;
}

export function slackUserName(id) {
  const user = slackUser(id);
  return user ? user.real_name || user.name : id;
}

export function slackChannelName(id) {
  const channel = state.slack.channels.find((c) => c.id === id);
  return channel ? channel.name : id;
}

export function prop(ticket, name) {
  const value = ticket.properties[name];
  return value === undefined ? null : value;
}

/** Conversation ids in a ticket's "Intercom Conversations" text (URLs, one per line, or bare ids). */
export function conversationIdsOf(ticket) {
  const ids = [];
  for (const token of String(prop(ticket, 'Intercom Conversations') || '').split(/[\s,;]+/)) {
    const match = /^\d+$/.test(token) ? [token, token] : /\/conversations?\/(\d+)(?:[/?#]|$)/.exec(token);
    if (match && !ids.includes(match[1])) ids.push(match[1]);
  }
  return ids;
}

export function channelIdOf(value) {
  const match = /\/archives\/([CG][A-Z0-9]+)/.exec(String(value || ''));
  return match ? match[1] : null;
}

export function ticketsByConversation() {
  const map = new Map();
  for (const ticket of state.notion.tickets) {
    if (ticket.in_trash || !ticket.ticket_id) continue;
    for (const id of conversationIdsOf(ticket)) map.set(id, (map.get(id) || []).concat(ticket.ticket_id));
  }
  return map;
}

export function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function errorMessage(body) {
  if (body && typeof body === 'object') {
    if (body.error && typeof body.error === 'object' && body.error.message) return body.error.message;
    if (typeof body.message === 'string') return body.message;
    return JSON.stringify(body).slice(0, 300);
  }
  return String(body || 'no body').slice(0, 300);
}

/** POSTs JSON to the sandbox API (people writing); its JSON answer, or an Error saying what was wrong. */
export async function postSandbox(path, body) {
  const res = await fetch('/sandbox/api' + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body || {}),
  });
  const answer = parseJson(await res.text());
  if (!res.ok) throw new Error('HTTP ' + res.status + ': ' + errorMessage(answer));
  return answer;
}

/**
 * A reply box: on submit, request() gives what to POST (or null: nothing to send); the box is
 * emptied when it was sent, says why when it was not, and the page is refreshed either way.
 */
export function onSend(form, textarea, errorBox, request) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const typed = textarea.value.trim();
    const call = typed ? request(typed) : null;
    if (!call) return;
    form.setAttribute('aria-busy', 'true');
    try {
      await postSandbox(call.path, call.body);
      textarea.value = '';
      errorBox.hidden = true;
    } catch (err) {
      errorBox.textContent = 'Not sent: ' + (err && err.message ? err.message : String(err));
      errorBox.hidden = false;
    } finally {
      form.removeAttribute('aria-busy');
      await refreshState();
    }
  });
}

const listeners = [];

/** Runs after every successful refresh. */
export function onState(listener) {
  listeners.push(listener);
}

let polling = null;

let pollAgain = false;

/** Fetches /sandbox/api/state and redraws; calls made while one is running coalesce into one more. */
export function refreshState() {
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
      for (const listener of listeners) listener();
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

export function setSync(ok) {
  const el = $('sync-status');
  el.classList.toggle('offline', !ok);
  el.textContent = ok ? 'Live \u00b7 ' + formatTime(new Date()) : 'Sandbox unreachable';
}
`;
