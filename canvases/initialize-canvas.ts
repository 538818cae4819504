/**
 * The first canvas, shown when a teammate opens a conversation. Intercom's inbox rules apply here:
 * under 400 px tall, no primary button, muted left-aligned text for the empty state, navigation as
 * link buttons after a divider. Hence one compact list row a linked ticket (its ID and title cut
 * to a line, its status, and whatever needs attention); a click on a row opens the ticket in full
 * (ticket-canvas.ts), where Unlink and the links to Notion and Slack are.
 */
import { FIND_OR_CREATE, LINK_ANOTHER, REFRESH, showTicketId } from './actions.js';
import { divider, submitButton, text } from './component-helpers.js';
import type { CanvasComponent, CanvasResponse, ListItem } from './components.js';
import { canvasResponse } from './components.js';
import type { InitializeStoredData } from './stored-data.js';
import { STORED_DATA_VERSION } from './stored-data.js';
import { plural, truncate } from './text.js';
import { uniqueByPageId } from './unique-by-page-id.js';
import type { InitializeView, TicketView } from './view-models.js';

/** More rows than this and the first canvas would pass 400 px; the rest are counted. */
export const MAX_LINKED_SHOWN = 3;
/** A row's lines are cut to what fits the sidebar on one line (about 38 characters of 14 px text; 32 leaves room). */
export const ROW_TEXT_MAX = 32;

export function initializeCanvas(view: InitializeView): CanvasResponse {
  const linked = uniqueByPageId(view.linked);
  const shown = linked.slice(0, MAX_LINKED_SHOWN);
  const storedData: InitializeStoredData = {
    v: STORED_DATA_VERSION,
    canvas: 'initialize',
    conversationId: view.conversationId,
    linkedPageIds: shown.map((ticket) => ticket.pageId),
  };

  if (shown.length === 0) {
    return canvasResponse(
      [
        text('No Notion ticket is linked to this conversation yet.', 'muted'),
        submitButton(FIND_OR_CREATE, 'Find or create Notion ticket', 'secondary'),
      ],
      storedData,
    );
  }

  const components: CanvasComponent[] = [{ type: 'list', items: shown.map(ticketRow) }];
  const hidden = linked.length - shown.length;
  if (hidden > 0) components.push(text(`${plural(hidden, 'more linked ticket')} not shown.`, 'muted'));
  components.push(divider(), submitButton(REFRESH, 'Refresh', 'link'), submitButton(LINK_ANOTHER, 'Link another ticket', 'link'));
  return canvasResponse(components, storedData);
}

/** List items are plain text (no Markdown), so titles need no escaping here. */
function ticketRow(ticket: TicketView): ListItem {
  const title = ticket.ticketId ? `${ticket.ticketId} · ${ticket.title}` : ticket.title || 'Untitled ticket';
  const status = truncate(ticket.status, 16, { singleLine: true }) || 'No status';
  const note = attention(ticket);
  return {
    type: 'item',
    id: showTicketId(ticket.pageId),
    title: line(title),
    subtitle: line(`${status} · ${plural(ticket.conversationCount, 'conversation')}`),
    ...(note ? { tertiary_text: note } : {}),
    action: { type: 'submit' },
  };
}

/**
 * What needs a teammate's eye, in a few words; the ticket canvas says it in full. A set-up left
 * unfinished first (someone must act), then where a Done ticket's announcement stands.
 */
function attention(ticket: TicketView): string | null {
  if (ticket.missingSetup.length > 0) return 'Set-up not finished';
  const resolution = ticket.done ? ticket.resolution : null;
  if (!resolution) return null;
  if (resolution.failingTargets > 0) return 'Announcement failing, retrying';
  if (resolution.pendingTargets > 0) return 'Being announced';
  if (resolution.announceInSeconds !== null) return `Announcing in ${resolution.announceInSeconds} s`;
  if (resolution.toldAt) return 'This customer was told';
  if (resolution.announcedAt) return 'This customer was not told yet';
  return 'Not announced yet';
}

function line(value: string): string {
  return truncate(value, ROW_TEXT_MAX, { singleLine: true });
}
