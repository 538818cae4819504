/**
 * The first canvas, shown when a teammate opens a conversation. Intercom's inbox rules apply here:
 * under 400 px tall, no primary button, muted left-aligned text for the empty state, navigation as
 * link buttons after a divider. Hence compact data tables and link-style buttons throughout.
 */
import { FIND_OR_CREATE, LINK_ANOTHER, REFRESH, finishSetupId, unlinkId } from './actions.js';
import { divider, submitButton, text, urlButton } from './component-helpers.js';
import type { CanvasComponent, CanvasResponse, DataTableComponent } from './components.js';
import { canvasResponse } from './components.js';
import { formatDate } from './format-date.js';
import type { InitializeStoredData } from './stored-data.js';
import { STORED_DATA_VERSION } from './stored-data.js';
import { TEXT_MAX, bold, escapeMarkdown, isHttpUrl, plural, truncate } from './text.js';
import { ticketLabel } from './ticket-label.js';
import { uniqueByPageId } from './unique-by-page-id.js';
import type { InitializeView, ResolutionView, TicketView } from './view-models.js';

/** More than this and the first canvas would be far taller than 400 px; the rest are counted. */
export const MAX_LINKED_SHOWN = 3;

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

  const components: CanvasComponent[] = shown.flatMap((ticket, i) => [
    ...(i > 0 ? [{ type: 'spacer', size: 's' } as const] : []),
    ...ticketComponents(ticket),
  ]);
  const hidden = linked.length - shown.length;
  if (hidden > 0) {
    components.push(text(`${plural(hidden, 'more linked ticket')} not shown.`, 'muted'));
  }
  components.push(
    divider(),
    submitButton(REFRESH, 'Refresh', 'link'),
    ...shown.map((ticket) => submitButton(unlinkId(ticket.pageId), `Unlink ${ticketLabel(ticket)}`, 'link')),
    submitButton(LINK_ANOTHER, 'Link another ticket', 'link'),
  );
  return canvasResponse(components, storedData);
}

function ticketComponents(ticket: TicketView): CanvasComponent[] {
  const title = truncate(ticket.title, TEXT_MAX.title, { singleLine: true });
  const heading = ticket.ticketId
    ? `${bold(truncate(ticket.ticketId, 30))} ${escapeMarkdown(title)}`
    : bold(title || 'Untitled ticket');
  const rows: DataTableComponent['items'] = [
    { type: 'field-value', field: 'Status', value: truncate(ticket.status, TEXT_MAX.status, { singleLine: true }) || 'None' },
    { type: 'field-value', field: 'Conversations', value: String(ticket.conversationCount) },
  ];
  const components: CanvasComponent[] = [text(heading), { type: 'data-table', items: rows }];
  // A text line wraps; a data-table value is cut at the sidebar's width.
  if (ticket.done && ticket.resolution) components.push(text(`Resolution: ${resolutionText(ticket.resolution)}`, 'muted'));
  if (ticket.missingSetup.length > 0) {
    const missing = ticket.missingSetup.map((part) => truncate(part, TEXT_MAX.warning, { singleLine: true }));
    components.push(
      text(`Set-up not finished: ${escapeMarkdown(missing.join(', '))} missing.`, 'error'),
      submitButton(finishSetupId(ticket.pageId), 'Finish setting up', 'secondary'),
    );
  }
  // A URL Intercom would reject (a bare channel id, say) must not cost the agent the whole canvas.
  if (isHttpUrl(ticket.notionUrl)) {
    components.push(urlButton(`open_notion:${ticket.pageId}`, 'Open in Notion', ticket.notionUrl, 'link'));
  }
  if (ticket.slackChannelUrl && isHttpUrl(ticket.slackChannelUrl)) {
    components.push(urlButton(`open_slack:${ticket.pageId}`, 'Open Slack channel', ticket.slackChannelUrl, 'link'));
  }
  return components;
}

/** Problems first: a failing announcement needs a person, a finished one does not. */
function resolutionText(resolution: ResolutionView): string {
  if (resolution.failingTargets > 0) {
    return `Announcement failing for ${plural(resolution.failingTargets, 'conversation')}, retrying`;
  }
  if (resolution.pendingTargets > 0) {
    return `Being announced, ${plural(resolution.pendingTargets, 'conversation')} to go`;
  }
  if (resolution.announceInSeconds !== null) return `Announcing in ${resolution.announceInSeconds} s`;
  // Per conversation: another customer's announcement says nothing about this one.
  if (resolution.toldAt) {
    const date = formatDate(resolution.toldAt);
    return date ? `This customer was told ${date}` : 'This customer was told';
  }
  if (resolution.announcedAt) return 'This customer was not told yet';
  return 'Not announced yet';
}
