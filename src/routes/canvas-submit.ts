import type { ParsedAction } from '../../canvases/actions.js';
import { confirmLinkId, confirmUnlinkId, SELECTED_TICKET, TICKET_DESCRIPTION, TICKET_TITLE } from '../../canvases/actions.js';
import type { CanvasResponse } from '../../canvases/components.js';
import { confirmCanvas } from '../../canvases/confirm-canvas.js';
import { errorCanvas } from '../../canvases/error-canvas.js';
import { initializeCanvas } from '../../canvases/initialize-canvas.js';
import { isPageId, samePageId } from '../../canvases/page-id.js';
import { resultCanvas } from '../../canvases/result-canvas.js';
import type { StoredData, StoredRetry } from '../../canvases/stored-data.js';
import { suggestionCanvas } from '../../canvases/suggestion-canvas.js';
import { suggestionViewFromStoredData } from '../../canvases/suggestion-view-from-stored-data.js';
import { ticketCanvas } from '../../canvases/ticket-canvas.js';
import { AppError, toUserMessage } from '../errors.js';
import { createTicket } from '../flows/create-ticket.js';
import type { FlowDeps } from '../flows/deps.js';
import { finishSetup, missingSetup } from '../flows/finish-setup.js';
import { linkTicket } from '../flows/link-ticket.js';
import { linkedTicket, linkedTickets } from '../flows/linked-tickets.js';
import { suggestTicket } from '../flows/suggest-ticket.js';
import { unlinkTicket } from '../flows/unlink-ticket.js';
import type { ActivityLog } from '../observability/activity.js';
import { resultView, suggestionView, ticketView } from './canvas-views.js';

export interface CanvasDeps {
  flows: FlowDeps;
  activity: ActivityLog;
}

export interface Clicked {
  conversationId: string;
  adminId: string;
  inputs: Record<string, unknown>;
  stored: StoredData | null;
}

/** The panel as it opens: the conversation's linked tickets, or the button to find or create one. */
export async function initializeCanvasFor(deps: CanvasDeps, conversationId: string): Promise<CanvasResponse> {
  try {
    return await panelCanvas(deps, conversationId, false);
  } catch (err) {
    const { message, step } = toUserMessage(err);
    return errorCanvas({ conversationId, message, step, retry: { action: 'refresh' } });
  }
}

/** Linking to a Done ticket tells the customer it is resolved: asked first. */
function linkDoneConfirmCanvas(deps: CanvasDeps, conversationId: string, pageId: string, participants: string[] | undefined): CanvasResponse {
  const label = deps.flows.index.get(pageId)?.ticketId ?? 'This ticket';
  return confirmCanvas({
    conversationId,
    pageId,
    participants,
    question: `${label} is Done. Link it and tell the customer?`,
    detail: `Linking tells this customer now that ${label} is resolved, with the message the other customers got.`,
    confirmId: confirmLinkId(pageId),
    confirmLabel: `Link to ${label} (Done)`,
  });
}

/** "Unlink JMP-40?": nothing is written until the teammate confirms. */
function unlinkConfirmCanvas(deps: CanvasDeps, conversationId: string, pageId: string): CanvasResponse {
  const known = deps.flows.index.get(pageId);
  const label = known?.ticketId ?? 'this ticket';
  return confirmCanvas({
    conversationId,
    pageId,
    question: `Unlink ${label} from this conversation?`,
    detail: `The conversation leaves ${label} in Notion, its Slack thread stops, and a note "Unlinked from ${label}" is added here. The customer is not told.`,
    confirmId: confirmUnlinkId(pageId),
    confirmLabel: `Unlink ${label}`,
  });
}

async function panelCanvas(deps: CanvasDeps, conversationId: string, refresh: boolean): Promise<CanvasResponse> {
  const linked = await linkedTickets(deps.flows, conversationId, { refresh });
  const missing = await missingSetup(deps.flows, conversationId, linked);
  return initializeCanvas({
    conversationId,
    linked: linked.map((t) => ticketView(t, deps.flows, { conversationId, missingSetup: missing.get(t.pageId) })),
  });
}

/** What a click on the panel does. Any failure becomes an error canvas whose Try again repeats it. */
export async function submitCanvas(deps: CanvasDeps, clicked: Clicked, action: ParsedAction): Promise<CanvasResponse> {
  // Redrawn from stored data: nothing to compute, nothing that can fail.
  if (action.type === 'create_instead' && clicked.stored?.canvas === 'suggestion') {
    return suggestionCanvas(suggestionViewFromStoredData(clicked.stored, { decision: 'new' }));
  }
  const retry = retryFor(clicked, action);
  if (action.type === 'unlink' && retry.action === 'unlink') return unlinkConfirmCanvas(deps, clicked.conversationId, retry.pageId);
  if (retry.action === 'link' && !retry.confirmed && deps.flows.index.get(retry.pageId)?.done) {
    return linkDoneConfirmCanvas(deps, clicked.conversationId, retry.pageId, retry.participants);
  }
  try {
    return await perform(deps, clicked, retry);
  } catch (err) {
    const { message, step, made } = toUserMessage(err);
    return errorCanvas({ conversationId: clicked.conversationId, message, step, made, retry });
  }
}

/** Turns a click into the action to perform (and to repeat on Try again). */
function retryFor(clicked: Clicked, action: ParsedAction): StoredRetry {
  const { stored, inputs } = clicked;
  const suggestion = stored?.canvas === 'suggestion' ? stored : null;
  const participants = suggestion?.participants ?? [clicked.adminId];
  switch (action.type) {
    case 'find_or_create':
    case 'link_another':
      return { action: 'find_or_create' };
    case 'link_suggested': {
      const pageId = suggestion?.suggestion.pageId;
      if (!pageId) throw new AppError('invalid_request', 400, 'This canvas has no suggested ticket to link.');
      return { action: 'link', pageId: drawn(pageId, suggestion.candidates), participants };
    }
    case 'link_selected': {
      const pageId = inputs[SELECTED_TICKET];
      // The dropdown only offers page ids; anything else would be sent to Notion as a path.
      if (typeof pageId !== 'string' || !isPageId(pageId)) throw new AppError('invalid_request', 400, 'Choose a ticket in the list first.');
      return { action: 'link', pageId: drawn(pageId, suggestion?.candidates ?? []), participants };
    }
    case 'link_ticket':
      return { action: 'link', pageId: drawn(action.pageId, suggestion?.candidates ?? []), participants };
    case 'confirm_link': {
      const confirm = stored?.canvas === 'confirm' ? stored : null;
      return { action: 'link', pageId: drawn(action.pageId, confirm ? [confirm] : []), participants: confirm?.participants ?? participants, confirmed: true };
    }
    case 'show_ticket':
      return { action: 'show_ticket', pageId: drawn(action.pageId, panelShown(stored)) };
    case 'unlink':
      return { action: 'unlink', pageId: drawn(action.pageId, panelShown(stored)) };
    case 'confirm_unlink':
      return { action: 'unlink', pageId: drawn(action.pageId, stored?.canvas === 'confirm' ? [stored] : []) };
    case 'finish_setup':
      return { action: 'finish_setup', pageId: drawn(action.pageId, panelShown(stored)), participants };
    case 'create_instead':
      return { action: 'find_or_create' };
    case 'create_ticket':
      return {
        action: 'create_ticket',
        title: stringInput(inputs[TICKET_TITLE]) ?? suggestion?.draft.title ?? '',
        description: stringInput(inputs[TICKET_DESCRIPTION]) ?? suggestion?.draft.description ?? '',
        participants,
      };
    case 'try_again':
      if (stored?.canvas === 'error' && stored.retry) return stored.retry;
      return { action: 'refresh' };
    case 'refresh':
    case 'back':
      return { action: 'refresh' };
  }
}

async function perform(deps: CanvasDeps, clicked: Clicked, retry: StoredRetry): Promise<CanvasResponse> {
  const { flows, activity } = deps;
  const { conversationId } = clicked;
  switch (retry.action) {
    case 'refresh':
      return panelCanvas(deps, conversationId, true);
    case 'show_ticket': {
      const ticket = await linkedTicket(flows, conversationId, retry.pageId);
      // Unlinked (or deleted) since the list was drawn: the list as it is now says so.
      if (!ticket) return panelCanvas(deps, conversationId, false);
      const missing = await missingSetup(flows, conversationId, [ticket]);
      return ticketCanvas({ conversationId, ticket: ticketView(ticket, flows, { conversationId, missingSetup: missing.get(ticket.pageId) }) });
    }
    case 'find_or_create': {
      const suggestion = await activity.run('suggest', { conversation_id: conversationId }, () =>
        suggestTicket(flows, { conversationId, adminId: clicked.adminId }),
      );
      return suggestionCanvas(suggestionView(suggestion));
    }
    case 'create_ticket': {
      const title = retry.title.trim();
      if (!title && clicked.stored?.canvas === 'suggestion') {
        return suggestionCanvas(
          suggestionViewFromStoredData(clicked.stored, {
            decision: 'new',
            draft: { title: '', description: retry.description },
            formError: 'The ticket needs a title.',
          }),
        );
      }
      const outcome = await activity.run('create', { conversation_id: conversationId }, () =>
        createTicket(flows, {
          conversationId,
          title: title || 'Untitled ticket',
          description: retry.description,
          participantIds: retry.participants ?? [clicked.adminId],
        }),
      );
      return resultCanvas(resultView(conversationId, outcome, flows));
    }
    case 'link': {
      const outcome = await activity.run('link', { conversation_id: conversationId, page_id: retry.pageId }, () =>
        linkTicket(flows, { conversationId, pageId: retry.pageId, participantIds: retry.participants ?? [clicked.adminId] }),
      );
      return resultCanvas(resultView(conversationId, outcome, flows));
    }
    case 'finish_setup': {
      const outcome = await activity.run('create', { conversation_id: conversationId, page_id: retry.pageId, trigger: 'finish_setup' }, () =>
        finishSetup(flows, { conversationId, pageId: retry.pageId, participantIds: retry.participants ?? [clicked.adminId] }),
      );
      return resultCanvas(resultView(conversationId, outcome, flows));
    }
    case 'unlink': {
      await activity.run('unlink', { conversation_id: conversationId, page_id: retry.pageId }, () =>
        unlinkTicket(flows, { conversationId, pageId: retry.pageId }),
      );
      return panelCanvas(deps, conversationId, false);
    }
  }
}

/** The tickets a panel canvas showed: the first canvas's rows, or the one ticket opened from them. */
function panelShown(stored: StoredData | null): Array<{ pageId: string }> {
  if (stored?.canvas === 'initialize') return stored.linkedPageIds.map((pageId) => ({ pageId }));
  if (stored?.canvas === 'ticket') return [{ pageId: stored.pageId }];
  return [];
}

/**
 * A page id a click names must be one the canvas clicked showed (its stored data says which):
 * a forged submit cannot link or unlink a ticket the teammate never saw.
 */
function drawn(pageId: string, shown: ReadonlyArray<{ pageId: string }>): string {
  if (!shown.some((ticket) => samePageId(ticket.pageId, pageId))) {
    throw new AppError('invalid_request', 400, 'That ticket is not on this panel any more; press Refresh and try again.');
  }
  return pageId;
}

function stringInput(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
