/**
 * The canvas after "Find or create": the triage's pick with the one primary action it implies
 * (link the match, or create from the editable draft), the other close matches one step away, and
 * a plain line saying who made the suggestion so the agent knows how far to trust it.
 */
import {
  BACK,
  CREATE_INSTEAD,
  CREATE_TICKET,
  LINK_SELECTED,
  LINK_SUGGESTED,
  SELECTED_TICKET,
  TICKET_DESCRIPTION,
  TICKET_TITLE,
  linkTicketId,
} from './actions.js';
import { divider, submitButton, text } from './component-helpers.js';
import type { CanvasComponent, CanvasResponse, ListItem } from './components.js';
import { canvasResponse } from './components.js';
import type { SuggestionStoredData } from './stored-data.js';
import { STORED_DATA_VERSION } from './stored-data.js';
import { TEXT_MAX, bold, escapeMarkdown, plural, truncate } from './text.js';
import { ticketLabel, ticketLine } from './ticket-label.js';
import { uniqueByPageId } from './unique-by-page-id.js';
import type { CandidateView, MadeBy, SuggestionView } from './view-models.js';

/** A Canvas Kit dropdown holds at most 10 options. */
export const MAX_OTHER_CANDIDATES = 10;

const OFFLINE_WHY: Record<Extract<MadeBy, { kind: 'offline' }>['why'], string> = {
  not_configured: 'not configured',
  timeout: 'timed out',
  error: 'failed',
  invalid_answer: 'answered badly',
};

export function suggestionCanvas(view: SuggestionView): CanvasResponse {
  const suggested = view.decision === 'existing' ? view.suggested : null;
  const others = uniqueByPageId(view.candidates)
    .filter((candidate) => candidate.pageId !== suggested?.pageId)
    .slice(0, MAX_OTHER_CANDIDATES);
  const components = suggested
    ? existingTicketComponents(view, suggested, others)
    : view.decision === 'uncertain' && others.length > 0
      ? uncertainComponents(view, others)
      : newTicketComponents(view, others);
  return canvasResponse(components, suggestionStoredData(view));
}

function existingTicketComponents(view: SuggestionView, suggested: CandidateView, others: CandidateView[]): CanvasComponent[] {
  const title = escapeMarkdown(truncate(suggested.title, TEXT_MAX.title, { singleLine: true }));
  return [
    text('Matches an existing ticket', 'header'),
    text(suggested.ticketId ? `${bold(truncate(suggested.ticketId, 30))} ${title}` : bold(title || 'Untitled ticket')),
    text(`Status: ${escapeMarkdown(truncate(suggested.status, TEXT_MAX.status, { singleLine: true }) || 'None')}`, 'muted'),
    ...provenance(view),
    ...formError(view),
    submitButton(LINK_SUGGESTED, `Link to ${ticketLabel(suggested)}${suggested.done ? ' (Done)' : ''}`, 'primary'),
    ...otherCandidates(others, 'Or link another match'),
    submitButton(CREATE_INSTEAD, 'Create a new ticket instead', 'secondary'),
    divider(),
    submitButton(BACK, 'Back', 'link'),
  ];
}

/**
 * The triage is unsure: the agent picks one of the few closest tickets or creates a new one. No
 * primary button and nothing pre-selected, so nothing is linked by reflex.
 */
function uncertainComponents(view: SuggestionView, candidates: CandidateView[]): CanvasComponent[] {
  return [
    text('Is it one of these?', 'header'),
    ...provenance(view),
    { type: 'list', items: candidates.map(linkItem) },
    ...formError(view),
    submitButton(CREATE_INSTEAD, 'Create a new ticket', 'secondary'),
    divider(),
    submitButton(BACK, 'Back', 'link'),
  ];
}

function newTicketComponents(view: SuggestionView, others: CandidateView[]): CanvasComponent[] {
  return [
    // The header and the line under it agree: the triage's view, or the teammate's choice.
    ...(view.teammateChose ? [text('New ticket', 'header'), text(escapeMarkdown(view.reason))] : [text('Looks like a new issue', 'header'), ...provenance(view)]),
    ...languageFlag(view),
    {
      type: 'input',
      id: TICKET_TITLE,
      label: 'Title',
      placeholder: 'One line that names the problem',
      value: truncate(view.draft.title, TEXT_MAX.title, { singleLine: true }),
    },
    {
      type: 'textarea',
      id: TICKET_DESCRIPTION,
      label: 'Description',
      placeholder: 'What the customer sees, and how to reproduce it',
      value: truncate(view.draft.description, TEXT_MAX.description),
    },
    ...formError(view),
    submitButton(CREATE_TICKET, 'Create ticket', 'primary'),
    ...otherCandidates(others, 'Or link an existing ticket'),
    divider(),
    submitButton(BACK, 'Back', 'link'),
  ];
}

/** The reason, who made the suggestion, and whether the search saw every ticket. */
function provenance(view: SuggestionView): CanvasComponent[] {
  const components: CanvasComponent[] = [];
  const reason = truncate(view.reason, TEXT_MAX.reason, { singleLine: true });
  if (reason) components.push(text(escapeMarkdown(reason)));
  components.push(text(escapeMarkdown(madeByText(view.madeBy, view.confidence)), 'muted'));
  if (!view.index.complete) {
    components.push(text(`Searched the ${plural(view.index.ticketsSeen, 'ticket')} loaded so far`, 'muted'));
  }
  return components;
}

export function madeByText(madeBy: MadeBy, confidence: number): string {
  const who =
    madeBy.kind === 'gemini'
      ? `Suggested by Gemini (${truncate(madeBy.model, TEXT_MAX.model, { singleLine: true })})`
      : `Suggested offline — Gemini ${OFFLINE_WHY[madeBy.why]}`;
  return `${who} · ${Math.round(clampConfidence(confidence) * 100)}% confident`;
}

/** An offline draft keeps the conversation's language: the agent is asked to make it the tickets'. */
function languageFlag(view: SuggestionView): CanvasComponent[] {
  const language = truncate(view.draft.titleLanguage ?? '', TEXT_MAX.label, { singleLine: true });
  return language ? [text(`Title in ${escapeMarkdown(language)}: edit before creating`, 'error')] : [];
}

function formError(view: SuggestionView): CanvasComponent[] {
  const message = truncate(view.formError ?? '', TEXT_MAX.message, { singleLine: true });
  return message ? [text(escapeMarkdown(message), 'error')] : [];
}

/**
 * The agent may disagree with the triage. A dropdown needs at least two options, so a single
 * other candidate becomes a one-item list whose click links it directly.
 */
function otherCandidates(others: CandidateView[], label: string): CanvasComponent[] {
  const [first] = others;
  if (!first) return [];
  if (others.length === 1) {
    return [
      text(escapeMarkdown(label), 'muted'),
      { type: 'list', items: [linkItem(first)] },
    ];
  }
  return [
    {
      type: 'dropdown',
      id: SELECTED_TICKET,
      label,
      // Preselected, so "Link selected" always submits a ticket.
      value: first.pageId,
      options: others.map((candidate) => ({ type: 'option', id: candidate.pageId, text: ticketLine(candidate) })),
    },
    submitButton(LINK_SELECTED, 'Link selected', 'secondary'),
  ];
}

/** A clickable list item that links the ticket. */
function linkItem(candidate: CandidateView): ListItem {
  return {
    type: 'item',
    id: linkTicketId(candidate.pageId),
    title: ticketLine({ ticketId: candidate.ticketId, title: candidate.title }),
    subtitle: truncate(candidate.status, TEXT_MAX.status, { singleLine: true }) || 'No status',
    action: { type: 'submit' },
  };
}

function clampConfidence(confidence: number): number {
  return Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : 0;
}

/** Everything the next submit needs, so linking or creating never runs the triage again. */
function suggestionStoredData(view: SuggestionView): SuggestionStoredData {
  const suggested = view.decision === 'existing' ? view.suggested : null;
  const candidates = uniqueByPageId(view.candidates).slice(0, MAX_OTHER_CANDIDATES + 1);
  if (suggested && !candidates.some((candidate) => candidate.pageId === suggested.pageId)) candidates.push(suggested);
  return {
    v: STORED_DATA_VERSION,
    canvas: 'suggestion',
    conversationId: view.conversationId,
    participants: view.participants,
    suggestion: {
      decision: suggested ? 'existing' : view.decision === 'uncertain' ? 'uncertain' : 'new',
      pageId: suggested?.pageId ?? null,
      ticketId: suggested?.ticketId ?? null,
      reason: truncate(view.reason, TEXT_MAX.reason, { singleLine: true }),
      confidence: clampConfidence(view.confidence),
      ...(view.teammateChose ? { teammateChose: true } : {}),
      madeBy:
        view.madeBy.kind === 'gemini'
          ? { kind: 'gemini', model: truncate(view.madeBy.model, TEXT_MAX.model, { singleLine: true }) }
          : view.madeBy,
    },
    draft: {
      title: truncate(view.draft.title, TEXT_MAX.title, { singleLine: true }),
      description: truncate(view.draft.description, TEXT_MAX.description),
      ...(view.draft.titleLanguage ? { titleLanguage: truncate(view.draft.titleLanguage, 40, { singleLine: true }) } : {}),
    },
    candidates: candidates.map((candidate) => ({
      pageId: candidate.pageId,
      ticketId: candidate.ticketId,
      title: truncate(candidate.title, TEXT_MAX.title, { singleLine: true }),
      status: truncate(candidate.status, TEXT_MAX.status, { singleLine: true }),
      ...(candidate.done ? { done: true } : {}),
    })),
    index: { complete: view.index.complete, ticketsSeen: Math.max(0, Math.trunc(view.index.ticketsSeen)) },
  };
}
