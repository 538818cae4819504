/** An Intercom conversation, reduced to what triage and the flows need. Bodies are plain text. */

export type AuthorType = 'user' | 'lead' | 'contact' | 'admin' | 'bot' | 'team';

export interface ConversationPart {
  id: string;
  /** Intercom part type: "source" for the first message, then "comment", "note", "assignment", "close"… */
  partType: string;
  authorType: AuthorType;
  authorId: string | null;
  authorName: string | null;
  /** Plain text (the adapter asks Intercom for display_as=plaintext); may be empty for events. */
  body: string;
  /** Unix seconds. */
  createdAt: number;
  /** Files attached to the part (only read with the HTML bodies). */
  attachments?: Array<{ name: string; url: string }>;
  /** Whether the part was written through the API (Intercom's `app_package_code`); null when not said. */
  viaApi?: boolean | null;
}

export interface Conversation {
  id: string;
  /** Subject/title when the conversation has one (emails), else null. */
  title: string | null;
  createdAt: number;
  state: 'open' | 'closed' | 'snoozed';
  assigneeAdminId: string | null;
  /** Admins who wrote at least one part (Intercom `teammates.admins`, ids only). */
  teammateAdminIds: string[];
  /** The source message first, then parts oldest to newest. */
  parts: ConversationPart[];
}
