/**
 * The small interfaces the flows depend on. Each external service has exactly one adapter
 * (src/services/<service>/) that implements its port through the official SDK; tests and the
 * sandbox swap nothing here, they point the SDKs at other base URLs.
 *
 * Conventions every adapter follows:
 * - Methods throw AppError (src/errors.ts). `upstream_unavailable` / `upstream_timeout` mean "try
 *   again later"; `upstream_rejected` means the service refused the request for good.
 * - An error whose `details.inDoubt === true` means the request may have been applied although it
 *   failed (a write that timed out or got a 5xx). Callers reconcile before repeating it.
 * - Retries, timeouts and rate limiting happen inside the adapter (src/services/http/).
 */
import type { Conversation } from './domain/conversation.js';
import type { SlackUser, Teammate } from './domain/people.js';
import type { NewTicket, Ticket } from './domain/ticket.js';
import type { TriagePrompt } from './domain/triage/types.js';

// ---------------------------------------------------------------------------------------------
// Notion: the tickets data source
// ---------------------------------------------------------------------------------------------

export interface TicketSchema {
  databaseId: string;
  dataSourceId: string;
  /** Property ids (as Notion reports them, URL-encoded) of the properties the app reads. */
  propertyIds: { status: string; resolutionNotified: string | null };
  /** The integration's own bot user: events it authored are echoes of the app's own writes. */
  botUserId: string | null;
  /** Whether the data source has the (optional) Customer Reports property the app writes excerpts to. */
  customerReports: boolean;
}

export interface TicketPatch {
  conversationIds?: string[];
  /** The whole Customer Reports text (ignored when the data source has no such property). */
  customerReports?: string;
  slackChannelUrl?: string | null;
  /** ISO time; null clears it (the ticket left Done, so a later Done is announced again). */
  resolutionNotifiedAt?: string | null;
}

export interface TicketStore {
  /** Resolves the data source and checks the schema. Cached after the first success. */
  schema(): Promise<TicketSchema>;
  /** Every ticket, 100 a page, past Notion's 10,000-row query cut-off. */
  iterateAll(): AsyncIterable<Ticket[]>;
  /** Tickets edited at or after `since` (ISO), oldest edit first. */
  iterateEditedSince(since: string): AsyncIterable<Ticket[]>;
  /** Done tickets whose resolution has not been announced, edited at or after `since`. */
  iterateDoneUnannounced(since: string): AsyncIterable<Ticket[]>;
  /** Throws AppError `ticket_not_found` (404) when the page does not exist or is in the trash. */
  get(pageId: string): Promise<Ticket>;
  /** Looks a ticket up by the number of its unique ID (JMP-123 -> 123). */
  findByNumber(ticketNumber: number): Promise<Ticket | null>;
  /** Tickets whose conversations include this one (a Notion query, for recovering from doubt). */
  findByConversation(conversationId: string): Promise<Ticket[]>;
  create(ticket: NewTicket): Promise<Ticket>;
  update(pageId: string, patch: TicketPatch): Promise<Ticket>;
}

// ---------------------------------------------------------------------------------------------
// Slack
// ---------------------------------------------------------------------------------------------

export interface SlackChannel {
  id: string;
  name: string;
  isArchived: boolean;
  /** Whether the bot is a member (it must be, to invite or post). */
  isMember: boolean;
  topic: string;
}

export interface SlackIdentity {
  botUserId: string;
  teamId: string;
  /** e.g. https://acme.slack.com/ */
  teamUrl: string;
}

export interface InviteOutcome {
  /** Users now in the channel because of this call. */
  invited: string[];
  /** Users that were members already (Slack's `already_in_channel`, counted as success). */
  alreadyMembers: string[];
  /** Users Slack refused, with its error code. */
  failed: Array<{ userId: string; error: string }>;
}

export interface SlackMessage {
  text: string;
  blocks?: unknown[];
  /** Slack message metadata; the flows use it to find their own messages again. */
  metadata?: { event_type: string; event_payload: Record<string, string | number | boolean> };
  /** Posts the message as a reply in the thread under this ts. */
  threadTs?: string;
}

/** A message as read back from Slack (history, thread replies). */
export interface SlackReadMessage {
  ts: string;
  /** The thread it belongs to (its root's ts; the root has its own ts here), or null. */
  threadTs: string | null;
  user: string | null;
  botId: string | null;
  subtype: string | null;
  /** mrkdwn, as Slack stores it. */
  text: string;
  files: Array<{ name: string; url: string }>;
  metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
  /** Posted by this app's bot. */
  fromUs: boolean;
}

export interface Chat {
  identity(): Promise<SlackIdentity>;
  /** Creates a public channel; returns null when the name is taken (live or archived). */
  createChannel(name: string): Promise<SlackChannel | null>;
  /** Finds a channel by exact name, archived ones included. */
  findChannelByName(name: string): Promise<SlackChannel | null>;
  getChannel(channelId: string): Promise<SlackChannel | null>;
  joinChannel(channelId: string): Promise<void>;
  /** Invites in chunks of at most 100; `already_in_channel` is success. Never invites the bot. */
  invite(channelId: string, userIds: string[]): Promise<InviteOutcome>;
  /** Truncates to Slack's 250-character limit. */
  setTopic(channelId: string, topic: string): Promise<void>;
  postMessage(channelId: string, message: SlackMessage): Promise<{ ts: string }>;
  /** Whether the channel has a message of ours carrying this metadata, posted at or after `oldest` (Slack ts). */
  hasMessageWithMetadata(
    channelId: string,
    eventType: string,
    payloadMatch: Record<string, string>,
    oldest?: string,
  ): Promise<boolean>;
  /** The newest message of ours in the channel (not in threads) carrying one of these event types and these values, or null. */
  findMessageWithMetadata(
    channelId: string,
    eventTypes: readonly string[],
    payloadMatch: Record<string, string>,
    oldest?: string,
  ): Promise<SlackReadMessage | null>;
  /** A top-level message by its ts, with its metadata; null when it is not there. */
  getMessage(channelId: string, ts: string): Promise<SlackReadMessage | null>;
  /** The thread under `rootTs`, root first then replies oldest first, from `oldest` on (inclusive). */
  threadReplies(channelId: string, rootTs: string, oldest?: string): Promise<SlackReadMessage[]>;
  /** users.info; null when there is no such user. */
  getUser(userId: string): Promise<SlackUser | null>;
  /** Opens a modal for the person who triggered an interaction (a few seconds at most after it). */
  openView(triggerId: string, view: Record<string, unknown>): Promise<void>;
  addBookmark(channelId: string, title: string, link: string): Promise<void>;
  /** Whether the channel has a bookmark to `link` (bookmarks.list). */
  hasBookmark(channelId: string, link: string): Promise<boolean>;
  /** Case-insensitive exact email lookup; null when no user has it. */
  lookupUserByEmail(email: string): Promise<SlackUser | null>;
  /** The whole directory, 200 users a page (slow: users.list is Tier 2). Background use only. */
  iterateUsers(): AsyncIterable<SlackUser[]>;
  /** https://<team>.slack.com/archives/<id> */
  channelUrl(channelId: string): Promise<string>;
}

// ---------------------------------------------------------------------------------------------
// Intercom
// ---------------------------------------------------------------------------------------------

export interface Inbox {
  /**
   * The conversation, bodies as plain text (or as Intercom's HTML with `{ html: true }`); throws
   * AppError `conversation_not_found` (404) when it does not exist.
   */
  getConversation(conversationId: string, options?: { html?: boolean }): Promise<Conversation>;
  /** Every teammate of the workspace (GET /admins, not paged). */
  listAdmins(): Promise<Teammate[]>;
  /** The admin the token belongs to (GET /me), with the workspace (app) id. */
  whoAmI(): Promise<Teammate & { appId: string | null }>;
  /** Internal note (teammates only). `body` is HTML. Returns the part it became, when Intercom said. */
  addNote(conversationId: string, adminId: string, body: string): Promise<WrittenPart>;
  /** Customer-visible reply. `body` is HTML. */
  reply(conversationId: string, adminId: string, body: string): Promise<WrittenPart>;
  reopen(conversationId: string, adminId: string): Promise<void>;
}

export interface WrittenPart {
  partId: string | null;
}

// ---------------------------------------------------------------------------------------------
// Gemini
// ---------------------------------------------------------------------------------------------

export interface TriageModel {
  /** Shown in the panel ("Suggested by gemini-2.5-flash"). */
  readonly name: string;
  /**
   * One model call. Returns the JSON the model produced, parsed but not validated: the triage
   * domain checks it against the schema and the candidates. Throws AppError on timeout, quota,
   * refusal or text that is not JSON.
   */
  complete(prompt: TriagePrompt): Promise<unknown>;
}
