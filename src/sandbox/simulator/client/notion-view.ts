/**
 * The Notion tickets table; its Status selects act as a person editing Notion would.
 *
 * Served as /sandbox/assets/notion-view.js; see index.ts.
 */
export const NOTION_VIEW_JS = String.raw`import { $, externalLink, formatWhen, h, isHttpUrl, patch, slug } from './dom.js';
import { showChannel } from './slack-view.js';
import { channelIdOf, conversationIdsOf, errorMessage, parseJson, prop, refreshState, slackChannelName, state, ui } from './store.js';

export function renderNotion() {
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
        reports: String(prop(t, 'Customer Reports') || ''),
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
    // Hovering the count shows the Customer Reports: what the linked customers said, in their words.
    h('td', { class: 'num', 'data-testid': 'notion-conversations', title: row.reports || 'No customer reports yet', text: String(row.conversations) }),
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

export function showTicket(pageId) {
  const row = document.getElementById('ticket-' + pageId);
  if (!row) return;
  row.scrollIntoView({ block: 'center', behavior: 'smooth' });
  row.classList.add('flash');
  setTimeout(() => row.classList.remove('flash'), 1600);
}
`;
