/**
 * The `New conversation` button: a customer (and teammates) write a conversation of the reader's
 * own, which is created through POST /sandbox/api/conversations, as a script would, and opened,
 * so the panel works on the reader's own text.
 *
 * Served as /sandbox/assets/new-conversation.js; see index.ts.
 */
export const NEW_CONVERSATION_JS = String.raw`import { $, h } from './dom.js';
import { selectConversation } from './inbox-view.js';
import { postSandbox, refreshState, state, ui } from './store.js';

/** The server's limits (try-your-own-routes.ts), so the form cannot be filled past them. */
const MAX_PARTS = 20;
const MAX_BODY_CHARS = 10000;

function messageRow(author) {
  const choices = [{ value: 'customer', label: 'Customer' }].concat(
    state.intercom.admins.map((a) => ({ value: a.id, label: 'Teammate: ' + a.name })),
  );
  const row = h(
    'li',
    { class: 'new-conv-message', 'data-testid': 'new-conv-message' },
    h(
      'select',
      { 'data-testid': 'new-conv-author', 'aria-label': 'Written by' },
      choices.map((c) => h('option', { value: c.value, selected: c.value === author, text: c.label })),
    ),
    h('textarea', { 'data-testid': 'new-conv-body', rows: '3', maxlength: String(MAX_BODY_CHARS), 'aria-label': 'Message', placeholder: 'What they write…' }),
    h('button', { type: 'button', class: 'linklike', 'data-testid': 'new-conv-remove', 'aria-label': 'Remove this message', text: '\u00d7', onclick: () => removeRow(row) }),
  );
  return row;
}

function rows() {
  return [...$('new-conv-messages').children];
}

function removeRow(row) {
  if (rows().length > 1) row.remove();
  syncButtons();
}

function syncButtons() {
  const all = rows();
  $('new-conv-add').disabled = all.length >= MAX_PARTS;
  for (const row of all) row.querySelector('[data-testid="new-conv-remove"]').hidden = all.length === 1;
}

function open() {
  $('new-conv-name').value = '';
  $('new-conv-email').value = '';
  $('new-conv-messages').replaceChildren(messageRow('customer'));
  $('new-conv-error').hidden = true;
  syncButtons();
  $('new-conversation-dialog').hidden = false;
  $('new-conv-name').focus();
}

function close() {
  $('new-conversation-dialog').hidden = true;
  $('new-conversation').focus();
}

function request() {
  return {
    customer: { name: $('new-conv-name').value, email: $('new-conv-email').value.trim() },
    parts: rows().map((row) => {
      const author = row.querySelector('select').value;
      const body = row.querySelector('textarea').value;
      return author === 'customer' ? { author: 'customer', body } : { author: 'admin', admin_id: author, body };
    }),
  };
}

export function setupNewConversation() {
  const form = $('new-conversation-form');
  const error = $('new-conv-error');
  $('new-conversation').addEventListener('click', open);
  $('new-conv-cancel').addEventListener('click', close);
  $('new-conversation-dialog').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  $('new-conv-add').addEventListener('click', () => {
    if (rows().length >= MAX_PARTS) return;
    // A reply usually answers the one before: the teammate after the customer, and back.
    const last = rows().at(-1);
    const after = last && last.querySelector('select').value === 'customer' ? ui.adminId : 'customer';
    const row = messageRow(after);
    $('new-conv-messages').append(row);
    syncButtons();
    row.querySelector('textarea').focus();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.getAttribute('aria-busy') === 'true') return;
    form.setAttribute('aria-busy', 'true');
    $('new-conv-create').disabled = true;
    try {
      const answer = await postSandbox('/conversations', request());
      await refreshState();
      $('new-conversation-dialog').hidden = true;
      selectConversation(answer.id);
      const item = [...$('conversation-list').children].find((li) => li.dataset.conversationId === answer.id);
      if (item) item.scrollIntoView({ block: 'nearest' });
    } catch (err) {
      error.textContent = 'Not created: ' + (err && err.message ? err.message : String(err));
      error.hidden = false;
    } finally {
      form.removeAttribute('aria-busy');
      $('new-conv-create').disabled = false;
    }
  });
}
`;
