/**
 * What the thread sync remembers, behind a small port so it can live in the app's SQL store:
 *
 * - **threads**: the Slack thread of each (conversation, ticket) pair — the channel and the ts of
 *   its root (the message that announced the conversation), and whether it still syncs;
 * - **records**: one per synced message (source id → target id), written before the send
 *   (intent) and after (sent), as the Done journal does, so a retry sends only what is missing
 *   and a message in doubt is looked for before it is sent again;
 * - **work**: the conversations and threads that changed and still need a pass (written before a
 *   webhook is answered, so a crash after answering loses nothing); a finished pass deletes it.
 * Records and stuck work are pruned after THREAD_LEDGER_RETENTION_MS; a pass never looks at
 * messages older than that (minus a day), so it never asks for a pruned record.
 * Webhook event ids already accepted are in the store (src/webhooks/webhook-events.ts).
 */

export interface ConversationThread {
  conversationId: string;
  pageId: string;
  channelId: string;
  rootTs: string;
  /** Unix seconds: Intercom parts from then on are mirrored (earlier ones preceded the link). */
  openedAt: number;
  status: 'linked' | 'unlinked';
  /** Someone edited or deleted a message in the thread: say once that edits are not synced. */
  editsSeen: boolean;
}

export type RecordStatus = 'in_doubt' | 'sent' | 'failed' | 'gave_up';

export interface SyncRecord {
  key: string;
  status: RecordStatus;
  attempts: number;
  /** ISO time of the last intent: an in-doubt check looks for the message from then on. */
  intentAt: string | null;
  /** What the in-doubt check recognises the message by (normalised text), when it has no id to look for. */
  fingerprint: string | null;
  /** The message it became: a Slack ts or an Intercom part id. */
  targetId: string | null;
  lastError: string | null;
}

export interface PendingWork {
  key: string;
  /** Bumped by each change; a pass clears the work only if nothing changed meanwhile. */
  version: number;
  data: Record<string, string>;
  /** ISO time of the first change not yet handled. */
  since: string;
}

/**
 * The record of a notice the sync posts once in a thread ("edits are not synced", "unlinked").
 * The store knows the shape: a notice of a linked thread is kept whatever its age.
 */
/** A conversation's thread under a root just posted or found: Intercom parts from the root's time on are mirrored. */
export function linkedThread(conversationId: string, pageId: string, channelId: string, rootTs: string): ConversationThread {
  return { conversationId, pageId, channelId, rootTs, openedAt: Math.floor(Number(rootTs)), status: 'linked', editsSeen: false };
}

export function noticeKey(kind: string, channelId: string, rootTs: string): string {
  return `${NOTICE_PREFIX}${kind}:${channelId}:${rootTs}`;
}

export const NOTICE_PREFIX = 'notice:';

export interface ThreadStore {
  saveThread(thread: ConversationThread): Promise<void>;
  threadsOfConversation(conversationId: string): Promise<ConversationThread[]>;
  threadByRoot(channelId: string, rootTs: string): Promise<ConversationThread | null>;
  /** Marks edits seen on the thread under `rootTs`; false when no such thread is known. */
  noteEdits(channelId: string, rootTs: string): Promise<boolean>;

  record(key: string): Promise<SyncRecord | null>;
  intent(key: string, fingerprint: string | null): Promise<void>;
  sent(key: string, targetId: string | null): Promise<void>;
  failed(key: string, error: string, outcome: 'failed' | 'in_doubt' | 'gave_up'): Promise<void>;
  /** Whether a record with this target id exists (the sync wrote that Intercom part). */
  isTarget(targetId: string): Promise<boolean>;

  /** Records that `key` needs a pass (merging `data`); returns the new version. */
  addWork(key: string, data?: Record<string, string>): Promise<number>;
  work(key: string): Promise<PendingWork | null>;
  /** Removes the work if its version is still `version`; false when it changed meanwhile. */
  finishWork(key: string, version: number): Promise<boolean>;
  pendingWork(): Promise<PendingWork[]>;

  /**
   * Deletes what is past the ledger's retention (src/domain/threads/sync-window.ts): records last
   * written before `before`, but not the notices of a thread still linked (a pass over it asks for
   * them whatever their age), and work pending since before `before` (a pass that has failed for
   * that long; the next change adds it again). Returns the work keys dropped.
   */
  prune(before: Date): Promise<{ records: number; droppedWork: string[] }>;
}
