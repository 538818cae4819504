import type { AuthorType } from '../conversation.js';
import type { MirroredKind } from './thread-messages.js';

/**
 * Which messages cross between Intercom and Slack. The app never reads back what it wrote: its
 * own notes and replies in Intercom (written through the API as INTERCOM_ADMIN_ID, or recorded as
 * sent by the sync) and its own bot's messages in Slack stay where they are.
 */

/** INTERCOM_TO_SLACK: everything, only what the customer writes, or nothing. */
export type IntercomToSlack = 'all' | 'customer' | 'off';

export interface PartToSync {
  id: string;
  partType: string;
  authorType: AuthorType;
  authorId: string | null;
  /** HTML. */
  body: string;
  attachments: ReadonlyArray<{ name: string; url: string }>;
  /**
   * Whether Intercom says the part was written through the API (`app_package_code`); null when
   * the answer did not say. Used to tell the app's writes from a person using the same teammate.
   */
  viaApi: boolean | null;
}

export interface MirrorRules {
  mode: IntercomToSlack;
  /** INTERCOM_ADMIN_ID: the teammate the app writes as. */
  adminId: string;
  /** Parts the sync itself wrote into Intercom. */
  ownPartIds: ReadonlySet<string>;
}

const CUSTOMER: ReadonlySet<AuthorType> = new Set(['user', 'lead', 'contact']);

/** How a part appears in the thread, or null when it is not synced. */
export function mirrorKind(part: PartToSync, rules: MirrorRules): MirroredKind | null {
  if (rules.mode === 'off' || part.partType === 'source') return null;
  if (isAppsOwn(part, rules)) return null;
  const hasContent = part.body.trim() !== '' || part.attachments.length > 0;
  if (CUSTOMER.has(part.authorType)) return hasContent ? 'customer' : null;
  if (rules.mode === 'customer' || part.authorType !== 'admin') return null;
  if (part.partType === 'close') return 'closed';
  if (!hasContent) return null;
  if (part.partType === 'note') return 'note';
  if (part.partType === 'comment') return 'reply';
  return null;
}

/**
 * The app's own writes: recorded by the sync, or made through the API as INTERCOM_ADMIN_ID (the
 * ticket note, the Done message, …). When Intercom does not say how a part was made, a part by
 * INTERCOM_ADMIN_ID counts as the app's: a missed message is better than a loop.
 */
export function isAppsOwn(part: Pick<PartToSync, 'id' | 'authorType' | 'authorId' | 'viaApi'>, rules: Omit<MirrorRules, 'mode'>): boolean {
  if (rules.ownPartIds.has(part.id)) return true;
  return part.authorType === 'admin' && part.authorId === rules.adminId && part.viaApi !== false;
}

// ---------------------------------------------------------------------------------------------

export interface ThreadMessage {
  ts: string;
  threadTs: string | null;
  user: string | null;
  botId: string | null;
  subtype: string | null;
}

/** Subtypes of a message a person wrote: plain, also sent to the channel, or with files. */
const HUMAN_SUBTYPES = new Set(['thread_broadcast', 'file_share']);

/** A person's reply in the thread under `rootTs` (not the root, not a bot, not an edit or a join). */
export function isHumanReply(message: ThreadMessage, rootTs: string): boolean {
  if (message.threadTs !== rootTs || message.ts === rootTs) return false;
  if (message.botId || !message.user) return false;
  return message.subtype === null || HUMAN_SUBTYPES.has(message.subtype);
}
