/**
 * One linked ticket in full, a click away from the first canvas's compact list: its status,
 * conversations and announcement, what its set-up is missing, links to Notion and Slack, Unlink,
 * and Back to the list. Not the first canvas, so the 400 px rule does not bind it.
 */
import { BACK, finishSetupId, unlinkId } from './actions.js';
import { divider, submitButton, text, urlButton } from './component-helpers.js';
import type { CanvasComponent, CanvasResponse, DataTableComponent } from './components.js';
import { canvasResponse } from './components.js';
import { formatDate } from './format-date.js';
import type { TicketStoredData } from './stored-data.js';
import { STORED_DATA_VERSION } from './stored-data.js';
import { TEXT_MAX, bold, escapeMarkdown, isHttpUrl, plural, truncate } from './text.js';
import { ticketLabel } from './ticket-label.js';
import type { ResolutionView, TicketDetailView } from './view-models.js';

export function ticketCanvas(view: TicketDetailView): CanvasResponse {
  const { ticket } = view;
  const storedData: TicketStoredData = { v: STORED_DATA_VERSION, canvas: 'ticket', conversationId: view.conversationId, pageId: ticket.pageId };
  return canvasResponse(
    [
      ...ticketComponents(ticket),
      divider(),
      submitButton(unlinkId(ticket.pageId), `Unlink ${ticketLabel(ticket)}`, 'link'),
      submitButton(BACK, 'Back', 'link'),
    ],
    storedData,
  );
}

function ticketComponents(ticket: TicketDetailView['ticket']): CanvasComponent[] {
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
export function resolutionText(resolution: ResolutionView): string {
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
