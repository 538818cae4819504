import type { CandidateView, ResultView, SuggestionView, TicketView } from '../../canvases/view-models.js';
import type { PersonMatch } from '../domain/people.js';
import type { Ticket } from '../domain/ticket.js';
import { SHOWN_WHEN_UNSURE } from '../domain/triage/run-triage.js';
import type { Candidate } from '../domain/triage/ticket-index.js';
import type { FlowDeps } from '../flows/deps.js';
import type { TicketOutcome } from '../flows/outcome.js';
import type { Suggestion } from '../flows/suggest-ticket.js';

/** Flow results -> the plain views the canvas builders draw. */

/** What the panel needs to say where a ticket's announcement stands. */
export type AnnouncementState = Pick<FlowDeps, 'journal' | 'doneSettle' | 'now'>;

export function ticketView(
  ticket: Ticket,
  state: AnnouncementState,
  context: { conversationId?: string; missingSetup?: string[] } = {},
): TicketView {
  const round = state.journal.current(ticket.pageId);
  const announceAt = state.doneSettle.announceAt(ticket.pageId);
  let pendingTargets = 0;
  let failingTargets = 0;
  for (const state of round?.targets.values() ?? []) {
    if (state.status === 'sent' || state.status === 'gave_up') continue;
    if (state.lastError) failingTargets += 1;
    else pendingTargets += 1;
  }
  return {
    pageId: ticket.pageId,
    ticketId: ticket.ticketId,
    title: ticket.title,
    status: ticket.status,
    done: ticket.done,
    conversationCount: ticket.conversationIds.length,
    notionUrl: ticket.url,
    slackChannelUrl: ticket.slackChannelUrl,
    slackChannelName: null,
    resolution: ticket.done
      ? {
          announcedAt: ticket.resolutionNotifiedAt,
          pendingTargets,
          failingTargets,
          announceInSeconds: announceAt ? Math.ceil((announceAt.getTime() - state.now().getTime()) / 1000) : null,
          toldAt: context.conversationId ? state.journal.lastSent(ticket.pageId, `intercom:${context.conversationId}`) : null,
        }
      : null,
    missingSetup: context.missingSetup ?? [],
  };
}

export function candidateView(candidate: Candidate | Ticket): CandidateView {
  const ticket = 'ticket' in candidate ? candidate.ticket : candidate;
  return { pageId: ticket.pageId, ticketId: ticket.ticketId, title: ticket.title, status: ticket.status, done: ticket.done };
}

export function suggestionView(suggestion: Suggestion): SuggestionView {
  const { triage } = suggestion;
  // Unsure, the panel asks about the first few only (as the evaluation counts them).
  const candidates = triage.decision === 'uncertain' ? triage.candidates.slice(0, SHOWN_WHEN_UNSURE) : triage.candidates;
  return {
    conversationId: suggestion.conversationId,
    participants: suggestion.participantIds,
    decision: triage.decision,
    suggested: triage.suggested ? candidateView(triage.suggested) : null,
    reason: triage.reason,
    confidence: triage.confidence,
    madeBy: triage.madeBy,
    draft: triage.draft,
    candidates: candidates.map(candidateView),
    index: suggestion.index,
  };
}

const UNMATCHED_REASON: Record<Extract<PersonMatch, { slackUser: null }>['reason'], string> = {
  no_match: 'no Slack user with this email or name',
  ambiguous: 'several Slack users have this name',
  no_email_no_directory: 'no email on file, and the Slack directory is still loading',
  deactivated: 'their Slack account is deactivated',
};

export function resultView(conversationId: string, outcome: TicketOutcome, state: AnnouncementState): ResultView {
  const failed = new Map(outcome.invite.failed.map((f) => [f.userId, f.error]));
  const invited: ResultView['invited'] = [];
  const unmatched: ResultView['unmatched'] = [];
  for (const match of outcome.matches) {
    if (!match.slackUser) {
      unmatched.push({ name: match.teammate.name, reason: UNMATCHED_REASON[match.reason] });
      continue;
    }
    const error = failed.get(match.slackUser.id);
    if (error) unmatched.push({ name: match.teammate.name, reason: `Slack refused the invite (${error})` });
    else invited.push({ name: match.teammate.name });
  }
  return {
    conversationId,
    action: outcome.action,
    ticket: { ...ticketView(outcome.ticket, state, { conversationId }), slackChannelName: outcome.channel.name, slackChannelUrl: outcome.channel.url },
    channel: { name: outcome.channel.name, url: outcome.channel.url },
    invited,
    unmatched,
    warnings: outcome.warnings,
    ...(outcome.resolution ? { resolution: outcome.resolution } : {}),
  };
}
