/**
 * What the routes hand the canvas builders: plain data, already fetched and decided. Builders
 * only lay it out, so each canvas is a pure function of its view.
 */
import type { StoredRetry } from './stored-data.js';

export interface ResolutionView {
  /** When the Done resolution was announced everywhere (ISO); null while it is not. */
  announcedAt: string | null;
  /** Linked conversations (and the Slack channel) still waiting for the announcement. */
  pendingTargets: number;
  /** Targets whose announcement failed and is being retried. */
  failingTargets: number;
  /** Seconds left of the quiet period (DONE_SETTLE_SECONDS) before anyone is told; null when not waiting. */
  announceInSeconds: number | null;
  /** When this conversation's customer was told (ISO); null when not (yet). Per conversation, not per ticket. */
  toldAt: string | null;
}

export interface TicketView {
  pageId: string;
  /** "JMP-123"; null until Notion numbers the ticket. */
  ticketId: string | null;
  title: string;
  status: string;
  done: boolean;
  conversationCount: number;
  notionUrl: string;
  slackChannelUrl: string | null;
  slackChannelName: string | null;
  /** Announcement progress; only shown for a Done ticket, null when unknown. */
  resolution: ResolutionView | null;
  /** Parts of the set-up an earlier create or link left out ("the Slack channel"); empty when none. */
  missingSetup: string[];
}

export interface InitializeView {
  conversationId: string;
  /** Tickets linked to the conversation, most relevant first. */
  linked: TicketView[];
}

/** One linked ticket in full, opened from the first canvas's list. */
export interface TicketDetailView {
  conversationId: string;
  ticket: TicketView;
}

export interface CandidateView {
  pageId: string;
  ticketId: string | null;
  title: string;
  status: string;
  /** Linking to a Done ticket tells the customer at once: the canvas marks it and asks first. */
  done?: boolean;
}

export type MadeBy =
  | { kind: 'gemini'; model: string }
  | { kind: 'offline'; why: 'not_configured' | 'timeout' | 'error' | 'invalid_answer' };

export interface SuggestionView {
  conversationId: string;
  /** Intercom admin ids of the conversation's teammates (invited to the Slack channel later). */
  participants: string[];
  /** "uncertain": the agent chooses among `candidates` (the few shown) or creates a new ticket. */
  decision: 'existing' | 'new' | 'uncertain';
  /** The ticket the triage picked when `decision` is "existing". */
  suggested: CandidateView | null;
  /** One line from the triage, shown to the agent. */
  reason: string;
  /** 0..1 */
  confidence: number;
  madeBy: MadeBy;
  /**
   * Proposed title and description for a new ticket, editable on the canvas. `titleLanguage`
   * ("German") when the draft is not in the ticket database's language: the agent should edit it.
   */
  draft: { title: string; description: string; titleLanguage?: string };
  /** The best matches, best first; may include `suggested`. */
  candidates: CandidateView[];
  /** Whether the ticket index had finished loading when the search ran. */
  index: { complete: boolean; ticketsSeen: number };
  /** A problem with the agent's last submit (e.g. an empty title), shown above the buttons. */
  formError?: string | null;
  /** The teammate chose a new ticket over the triage's match: the canvas says so, not the triage's reason. */
  teammateChose?: boolean;
}

export interface ResultView {
  conversationId: string;
  action: 'created' | 'linked';
  ticket: TicketView;
  channel: { name: string; url: string } | null;
  invited: Array<{ name: string }>;
  /** Teammates with no Slack user, and why in plain words ("no Slack user with this email"). */
  unmatched: Array<{ name: string; reason: string }>;
  /** Steps that failed without failing the whole action ("The Intercom note could not be posted"). */
  warnings: string[];
  /** Linked to a Done ticket: the customer was told now, or will be with the others. */
  resolution?: 'told' | 'with_the_rest';
}

export interface ErrorView {
  conversationId: string;
  /** What went wrong, in plain words. */
  message: string;
  /** The step that failed ("Creating the Slack channel"); null when not inside a step. */
  step: string | null;
  /** What Try again repeats; null means Try again reloads the initialize view. */
  retry: StoredRetry | null;
  /** Which parts exist already ("JMP-46 was created in Notion; …"); null when nothing was made. */
  made?: string | null;
}

/** "Are you sure?" before an action that cannot be taken back (unlinking). */
export interface ConfirmView {
  conversationId: string;
  pageId: string;
  participants?: string[];
  question: string;
  /** What will happen, in one or two sentences. */
  detail: string;
  confirmId: string;
  confirmLabel: string;
}
