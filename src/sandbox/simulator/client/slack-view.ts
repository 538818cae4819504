/**
 * The Slack workspace: channels in a sidebar, the selected channel's topic, members and messages,
 * each thread's replies under its root, with the reply box and the `Send to customer` shortcut.
 *
 * Served as /sandbox/assets/slack-view.js; see index.ts.
 */
export const SLACK_VIEW_JS = String.raw`import { $, draw, formatTime, h, initials, keepAtBottom, patch } from './dom.js';
import { slackText } from './rich-text.js';
import { renderThreadComposer, replyInThread, sendToCustomer } from './slack-thread.js';
import { slackUser, slackUserName, state, ui } from './store.js';

function lastTs(channel) {
  const last = channel.messages[channel.messages.length - 1];
  return last ? Number(last.ts) : 0;
}

export function showChannel(id) {
  ui.channelId = id;
  renderSlack(true);
  $('slack-channel-view').scrollIntoView({ block: 'nearest' });
}

export function renderSlack(channelChanged) {
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
  // The channel shows top-level messages; a thread's replies sit under their root, oldest first.
  const inThread = (m) => m.thread_ts && m.thread_ts !== m.ts;
  const roots = selected.messages
    .filter((m) => !inThread(m))
    .map((m) => ({ ...m, channel: selected.id, replies: selected.messages.filter((r) => inThread(r) && r.thread_ts === m.ts) }));
  const list = $('slack-messages');
  keepAtBottom(list, () => patch(list, roots, (m) => m.ts, slackMessageNode), changed);
  renderThreadComposer();
}

function slackMessageNode(m) {
  const replies = m.replies.map((r) => messageNode({ ...r, channel: m.channel }, true));
  const actions = m.subtype
    ? null
    : h('button', { type: 'button', class: 'linklike', 'data-testid': 'slack-reply-in-thread', onclick: () => replyInThread(m.channel, m.ts), text: m.replies.length ? m.replies.length + (m.replies.length === 1 ? ' reply' : ' replies') + ' · Reply' : 'Reply in thread' });
  return messageNode(m, false, actions, replies.length ? h('ol', { class: 'slack-thread', 'data-testid': 'slack-thread', 'data-thread-ts': m.ts }, replies) : null);
}

function messageNode(m, isReply, actions, thread) {
  const user = slackUser(m.user);
  const name = slackUserName(m.user);
  const person = Boolean(m.user) && !(user && user.is_bot) && !m.subtype;
  const shortcut = isReply && person ? h('button', { type: 'button', class: 'linklike', 'data-testid': 'slack-send-to-customer', title: 'Message shortcut', onclick: () => sendToCustomer(m.channel, m.ts), text: 'Send to customer…' }) : null;
  return h(
    'li',
    {
      class: 'slack-msg' + (m.subtype ? ' system' : ''),
      'data-testid': isReply ? 'slack-reply' : 'slack-message',
      'data-ts': m.ts,
      'data-subtype': m.subtype || null,
      'data-user-id': m.user,
    },
    h('span', { class: 'slack-avatar' + (user && user.is_bot ? ' bot' : ''), 'aria-hidden': 'true', text: initials(name) }),
    h(
      'div',
      { class: 'slack-msg-body' },
      h('div', { class: 'slack-meta' }, h('strong', { text: name }), h('time', { text: formatTime(new Date(Number(m.ts) * 1000)) })),
      h('div', { class: 'slack-text', 'data-testid': 'slack-message-text' }, slackText(m.text)),
      actions || shortcut ? h('div', { class: 'slack-actions' }, actions, shortcut) : null,
      thread,
    ),
  );
}
`;
