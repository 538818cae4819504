import type { Config } from '../config/load-config.js';
import type { DeliveryJournal } from '../delivery/journal.js';
import type { TicketIndex } from '../domain/triage/ticket-index.js';
import type { Logger } from '../observability/logger.js';
import type { EmailLookup } from '../people/email-lookup.js';
import type { SlackDirectory } from '../people/slack-directory.js';
import type { TeammateDirectory } from '../people/teammate-directory.js';
import type { Chat, Inbox, TicketStore, TriageModel } from '../ports.js';
import type { ThreadStore } from '../threads/thread-store.js';
import type { BackgroundTasks } from '../util/background-tasks.js';
import type { Locks } from '../store/advisory-locks.js';
import type { SetupGaps } from '../store/setup-gaps.js';
import type { TicketCreations } from '../store/ticket-creations.js';
import type { ConversationWriter } from './conversation-writer.js';
import type { IntercomWorkspace } from './intercom-workspace.js';
import type { PanelReads } from './panel-reads.js';
import type { DoneSettle } from './done-settle.js';
import type { WebhookEvents } from '../webhooks/webhook-events.js';

/** Everything a flow may use. Built once in src/runtime.ts; tests build their own. */
export interface FlowDeps {
  settings: {
    /** The workspace's id and region, for the conversation links the app writes. */
    intercom: IntercomWorkspace;
    /** The teammate the app writes notes and replies as. */
    adminId: string;
    triage: Config['triage'];
    done: Config['done'];
    intercomToSlack: Config['intercomToSlack'];
    /** How long a send whose outcome is unknown may still land (HTTP timeout and a margin): it is not looked for before. */
    inFlightMs: number;
  };
  tickets: TicketStore;
  chat: Chat;
  inbox: Inbox;
  /** Null when Gemini is not configured: the offline triager decides. */
  model: TriageModel | null;
  index: TicketIndex;
  conversations: ConversationWriter;
  /** Refresh's re-reads: cached briefly, shared, behind interactive work. */
  panelReads: PanelReads;
  teammates: TeammateDirectory;
  slackDirectory: SlackDirectory;
  emailLookup: EmailLookup;
  journal: DeliveryJournal;
  /** The quiet period a Done waits before it is announced. */
  doneSettle: DoneSettle;
  /** Conversation threads in Slack and the messages synced through them. */
  threadStore: ThreadStore;
  /** Webhook deliveries already handled (in the store): a retried delivery is dropped. */
  webhookEvents: WebhookEvents;
  /** Tells the thread sync that a conversation's links changed (unlink stops its thread). */
  threadEvents: { conversationChanged(conversationId: string): Promise<void> } | null;
  locks: Locks;
  /** Which ticket each conversation created (in the store, so every replica sees it). */
  creations: TicketCreations;
  /** Set-up steps that failed, for the panel's "Finish setting up" (in the store: any replica draws the panel). */
  setupGaps: SetupGaps;
  background: BackgroundTasks;
  logger: Logger;
  now: () => Date;
}
