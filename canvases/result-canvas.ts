/**
 * After a ticket was created or linked: what happened, where to find it, who was added to the
 * Slack channel and who could not be, and anything that went only partly right. "Close" returns to
 * the initialize view, which now shows the linked ticket (not "Done": teammates read that as
 * "mark the ticket Done").
 */
import { REFRESH } from './actions.js';
import { divider, submitButton, text } from './component-helpers.js';
import type { CanvasComponent, CanvasResponse } from './components.js';
import { canvasResponse } from './components.js';
import type { ResultStoredData } from './stored-data.js';
import { STORED_DATA_VERSION } from './stored-data.js';
import { TEXT_MAX, escapeMarkdown, joinNames, markdownLink, truncate } from './text.js';
import { ticketLabel } from './ticket-label.js';
import type { ResultView } from './view-models.js';

/** Names listed before the rest are only counted. */
export const MAX_NAMES_LISTED = 10;
/** Warnings shown; a longer list would only repeat one failure. */
export const MAX_WARNINGS = 5;

export function resultCanvas(view: ResultView): CanvasResponse {
  const { ticket } = view;
  const verb = view.action === 'created' ? 'Created' : 'Linked to';
  const components: CanvasComponent[] = [
    text(`${verb} ${markdownLink(ticketLabel(ticket), ticket.notionUrl)}`, 'header'),
  ];
  const title = truncate(ticket.title, TEXT_MAX.title, { singleLine: true });
  if (title) components.push(text(escapeMarkdown(title)));

  if (view.channel) {
    const channelName = `#${truncate(view.channel.name.replace(/^#/, ''), TEXT_MAX.channel, { singleLine: true })}`;
    components.push(text(`Slack channel: ${markdownLink(channelName, view.channel.url)}`));
    components.push(
      view.invited.length > 0
        ? text(`Invited ${escapeMarkdown(listNames(view.invited, (person) => personName(person.name)))}`)
        : text('Nobody new was invited to the channel.', 'muted'),
    );
  } else {
    components.push(text('No Slack channel.', 'muted'));
  }

  if (view.unmatched.length > 0) {
    const people = listNames(
      view.unmatched,
      (person) => `${personName(person.name)} (${truncate(person.reason, TEXT_MAX.warning, { singleLine: true })})`,
    );
    components.push(text(`Not in Slack: ${escapeMarkdown(people)}`, 'muted'));
  }

  if (view.resolution === 'told') components.push(text(`${escapeMarkdown(ticketLabel(ticket))} is Done: the customer was told it is resolved.`));
  if (view.resolution === 'with_the_rest') {
    components.push(text(`${escapeMarkdown(ticketLabel(ticket))} is Done: the customer will be told with the others.`, 'muted'));
  }

  for (const warning of view.warnings.slice(0, MAX_WARNINGS)) {
    const line = truncate(warning, TEXT_MAX.warning, { singleLine: true });
    if (line) components.push(text(escapeMarkdown(line), 'error'));
  }
  const moreWarnings = view.warnings.length - MAX_WARNINGS;
  if (moreWarnings > 0) components.push(text(`…and ${moreWarnings} more warnings.`, 'error'));

  components.push(divider(), submitButton(REFRESH, 'Close', 'link'));

  const storedData: ResultStoredData = {
    v: STORED_DATA_VERSION,
    canvas: 'result',
    conversationId: view.conversationId,
    pageId: ticket.pageId,
  };
  return canvasResponse(components, storedData);
}

/** The first few people, formatted, and a count of the rest. */
function listNames<T>(people: readonly T[], format: (person: T) => string): string {
  const shown = people.slice(0, MAX_NAMES_LISTED).map(format);
  return joinNames(shown, people.length - shown.length);
}

function personName(name: string): string {
  return truncate(name, TEXT_MAX.name, { singleLine: true }) || 'Unnamed teammate';
}
