/**
 * Writing in Slack as people would: the reply box of the thread being answered, and the
 * `Send to customer` message shortcut with the modal the app opens for it. The fake Slack stores
 * each reply as if typed and sends the app its event; the shortcut and the modal's buttons are
 * delivered to the app as Slack's signed interactions.
 *
 * Served as /sandbox/assets/slack-thread.js; see index.ts.
 */
export const SLACK_THREAD_JS = String.raw`import { $, h, patch } from './dom.js';
import { slackText } from './rich-text.js';
import { onSend, postSandbox, refreshState, slackUserName, state, ui } from './store.js';

/** The people of the workspace (not bots, not deactivated): who can write. */
function people() {
  return state.slack.users.filter((u) => !u.is_bot && !u.deleted);
}

export function replyInThread(channelId, ts) {
  ui.thread = { channel: channelId, ts };
  renderThreadComposer();
  $('thread-composer-text').focus();
}

export function renderThreadComposer() {
  const form = $('thread-composer');
  const thread = ui.thread;
  const channel = thread ? state.slack.channels.find((c) => c.id === thread.channel) : null;
  const root = channel ? channel.messages.find((m) => m.ts === thread.ts) : null;
  form.hidden = !root || channel.id !== ui.channelId;
  if (form.hidden) return;
  $('thread-composer-about').textContent = 'Replying in the thread of ' + slackUserName(root.user) + ': ' + root.text.replace(/\s+/g, ' ').slice(0, 140);
  const users = people();
  if (!users.some((u) => u.id === ui.slackUserId)) ui.slackUserId = users.length ? users[0].id : null;
  patch(
    $('thread-composer-user'),
    users.map((u) => ({ id: u.id, name: u.real_name || u.name, selected: u.id === ui.slackUserId })),
    (u) => u.id,
    (u) => h('option', { value: u.id, selected: u.selected, text: 'as ' + u.name }),
  );
}

export function setupThreadComposer() {
  const form = $('thread-composer');
  const text = $('thread-composer-text');
  const error = $('thread-composer-error');
  $('thread-composer-user').addEventListener('change', (event) => {
    ui.slackUserId = event.target.value;
  });
  $('thread-composer-cancel').addEventListener('click', () => {
    ui.thread = null;
    renderThreadComposer();
  });
  onSend(form, text, error, (typed) => {
    const thread = ui.thread;
    if (!thread || !ui.slackUserId) return null;
    return { path: '/slack/messages', body: { channel: thread.channel, thread_ts: thread.ts, user: ui.slackUserId, text: typed } };
  });
  $('slack-modal-submit').addEventListener('click', () => closeModal('submit'));
  $('slack-modal-close').addEventListener('click', () => closeModal('close'));
}

/** The shortcut, used by the person the reply box writes as: the app answers with a modal. */
export async function sendToCustomer(channelId, ts) {
  if (!ui.slackUserId) renderThreadComposer();
  const user = ui.slackUserId || (people()[0] || {}).id;
  try {
    const answer = await postSandbox('/slack/shortcuts', { channel: channelId, message_ts: ts, user });
    if (answer.view) showModal(answer.view.id, answer.view.view);
    else showModal(null, { title: { text: 'Send to customer' }, blocks: [section('The app answered ' + answer.app_status + ' and opened nothing.')] });
  } catch (err) {
    showModal(null, { title: { text: 'Send to customer' }, blocks: [section(err && err.message ? err.message : String(err))] });
  }
}

function section(text) {
  return { type: 'section', text: { type: 'plain_text', text } };
}

function showModal(id, view) {
  ui.modalId = id;
  $('slack-modal-title').textContent = view.title ? view.title.text : '';
  $('slack-modal-blocks').replaceChildren(...(view.blocks || []).map(blockNode));
  const submit = $('slack-modal-submit');
  submit.hidden = !(id && view.submit);
  submit.textContent = view.submit ? view.submit.text : '';
  $('slack-modal-close').textContent = view.close ? view.close.text : 'Close';
  $('slack-modal').hidden = false;
}

function blockNode(block) {
  if (block.type === 'context') return h('div', { class: 'context' }, (block.elements || []).map((e) => slackText(e.text || '')));
  const text = block.text ? block.text.text : '';
  return h('div', { class: 'section' }, block.text && block.text.type === 'mrkdwn' ? slackText(text) : text);
}

/** Submit: Slack posts view_submission to the app (an empty answer closes the modal); Cancel closes it. */
async function closeModal(action) {
  const id = ui.modalId;
  ui.modalId = null;
  $('slack-modal').hidden = true;
  if (!id) return;
  try {
    await postSandbox('/slack/views/' + encodeURIComponent(id) + '/' + action, {});
  } finally {
    await refreshState();
  }
}
`;
