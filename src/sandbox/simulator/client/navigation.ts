/**
 * Links to sandbox objects open in the simulator; every other link opens in a new tab.
 *
 * Served as /sandbox/assets/navigation.js; see index.ts.
 */
export const NAVIGATION_JS = String.raw`import { selectConversation } from './inbox-view.js';
import { showTicket } from './notion-view.js';
import { showChannel } from './slack-view.js';
import { channelIdOf, conversations, state } from './store.js';

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

/** Clicks on links anywhere in the page, the canvas included. */
export function routeSandboxLinks() {
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const open = sandboxTarget(link.getAttribute('href'));
    if (open) {
      event.preventDefault();
      open();
    }
  });
}

export function openUrl(url) {
  const open = sandboxTarget(url);
  if (open) open();
  else window.open(url, '_blank', 'noopener');
}
`;
