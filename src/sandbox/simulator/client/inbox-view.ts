/**
 * The inbox: the conversation list, the open conversation's messages and notes, the customer
 * card and the teammate picker.
 *
 * Served as /sandbox/assets/inbox-view.js; see index.ts.
 */
export const INBOX_VIEW_JS = String.raw`import { initialize } from './canvas-panel.js';
import { $, draw, formatDay, formatWhen, h, initials, keepAtBottom, onEnter, patch, slug } from './dom.js';
import { safeHtml } from './rich-text.js';
import { conversations, currentConversation, onSend, state, ticketsByConversation, ui } from './store.js';

export function selectConversation(id) {
  if (!conversations().some((c) => c.id === id)) return;
  const changed = ui.conversationId !== id;
  ui.conversationId = id;
  history.replaceState(null, '', '#' + encodeURIComponent(id));
  renderConversationList();
  renderConversation(changed);
  initialize();
}

export function renderAdmins() {
  patch(
    $('admin-select'),
    state.intercom.admins.map((a) => ({ id: a.id, name: a.name, selected: a.id === ui.adminId })),
    (a) => a.id,
    (a) => h('option', { value: a.id, selected: a.selected, text: a.name }),
  );
}

export function renderConversationList() {
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

export function renderConversation(changed) {
  const c = currentConversation();
  const head = $('conversation-head');
  const messages = $('messages');
  $('composer').hidden = !c;
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

/**
 * The reply box under the conversation: the customer writes, or the teammate you are viewing as
 * replies or adds a note. The fake Intercom stores it as if typed and sends the app its webhook.
 */
export function setupComposer() {
  const form = $('composer');
  const author = $('composer-author');
  const note = $('composer-note');
  const body = $('composer-body');
  const error = $('composer-error');
  const customerWrites = () => author.value === 'customer';
  const sync = () => {
    note.disabled = customerWrites();
    if (note.disabled) note.checked = false;
  };
  author.addEventListener('change', sync);
  sync();
  onSend(form, body, error, (text) => {
    const c = currentConversation();
    if (!c) return null;
    const input = customerWrites() ? { author: 'customer', body: text } : { author: 'admin', admin_id: ui.adminId, body: text, note: note.checked };
    return { path: '/conversations/' + encodeURIComponent(c.id) + '/reply', body: input };
  });
}

function eventVerb(partType) {
  const verbs = { close: 'closed the conversation', open: 'reopened the conversation', snoozed: 'snoozed the conversation', assignment: 'assigned the conversation' };
  return verbs[partType] || partType.replace(/_/g, ' ');
}
`;
