import { SANDBOX } from '../../constants.js';
import { htmlToText } from './html-to-text.js';
import { IntercomApiError } from './intercom-errors.js';

/**
 * An Intercom workspace: teammates (admins) and conversations with their parts. Bodies are kept
 * as HTML, as Intercom stores them; `display_as=plaintext` converts on the way out.
 */

export interface AdminState {
  id: string;
  name: string;
  email: string;
  jobTitle: string;
}

export interface Author {
  type: 'admin' | 'user' | 'bot';
  id: string;
  name: string;
  email: string | null;
}

export interface PartState {
  id: string;
  partType: string;
  /** HTML, or null for events (open, close, assignment). */
  body: string | null;
  createdAt: number;
  author: Author;
  assignedTo: string | null;
  /** Written through the REST API (Intercom reports `app_package_code`), not typed in the inbox. */
  viaApi?: boolean;
  attachments?: Array<{ name: string; url: string; contentType: string }>;
}

/** A part was added: Intercom would send the matching webhook topic. */
export type PartListener = (conversation: ConversationState, part: PartState) => void;

/** What a person writes in the simulator (or a script through the sandbox API). */
export interface WrittenByHand {
  author: 'customer' | 'admin';
  adminId?: string;
  body: string;
  note?: boolean;
}

export interface ConversationState {
  id: string;
  /** Subject of email conversations, else null. */
  title: string | null;
  createdAt: number;
  updatedAt: number;
  state: 'open' | 'closed' | 'snoozed';
  snoozedUntil: number | null;
  adminAssigneeId: string | null;
  /** The first message, from the customer. */
  source: { id: string; type: 'conversation' | 'email'; body: string; author: Author };
  parts: PartState[];
}

/** What the sandbox app's API writes carry as `app_package_code`. */
export const SANDBOX_APP_PACKAGE = 'notion-tickets-sandbox';

/** Intercom returns at most the 500 most recent parts. */
const MAX_PARTS = 500;

export class IntercomFake {
  readonly #now: () => number;
  #admins = new Map<string, AdminState>();
  #conversations = new Map<string, ConversationState>();
  #nextPart = 1;
  #nextConversation = 1;
  /** Told of every part added after seeding (the webhooks). */
  onPart: PartListener | null = null;

  constructor(now: () => number) {
    this.#now = now;
  }

  reset(): void {
    this.#admins.clear();
    this.#conversations.clear();
    this.#nextPart = 1;
    this.#nextConversation = 1;
  }

  // ------------------------------------------------------------------------------------------
  // Seeding and inspection
  // ------------------------------------------------------------------------------------------

  addAdmin(admin: AdminState): void {
    this.#admins.set(admin.id, admin);
  }

  addConversation(conversation: Omit<ConversationState, 'parts'> & { parts: Array<Omit<PartState, 'id'>> }): ConversationState {
    const stored: ConversationState = { ...conversation, parts: conversation.parts.map((p) => ({ ...p, id: this.#partId() })) };
    this.#conversations.set(stored.id, stored);
    return stored;
  }

  /**
   * A conversation someone starts in the simulator (or a script, POST /sandbox/api/conversations):
   * the first customer message is its source, the rest are parts as if written in the inbox.
   * Bodies are HTML. Returns the new conversation.
   */
  startConversation(input: { customer: { name: string; email: string }; parts: WrittenByHand[] }): ConversationState {
    const [first, ...rest] = input.parts;
    if (!first || first.author !== 'customer' || first.note) {
      throw new IntercomApiError(400, 'parameter_invalid', 'The first part must be a message from the customer');
    }
    const seq = this.#nextConversation++;
    const id = String(215_470_000_000_100 + seq);
    const now = Math.floor(this.#now() / 1000);
    const author: Author = { type: 'user', id: `sandbox-customer-${seq}`, name: input.customer.name, email: input.customer.email };
    this.addConversation({
      id,
      title: null,
      createdAt: now,
      updatedAt: now,
      state: 'open',
      snoozedUntil: null,
      adminAssigneeId: null,
      source: { id: `41${String(seq).padStart(8, '0')}`, type: 'conversation', body: first.body, author },
      parts: [],
    });
    for (const part of rest) this.write(id, part);
    return this.#requireConversation(id);
  }

  admins(): AdminState[] {
    return [...this.#admins.values()];
  }

  conversations(): ConversationState[] {
    return [...this.#conversations.values()];
  }

  conversation(id: string): ConversationState | undefined {
    return this.#conversations.get(id);
  }

  /** A teammate deletes the conversation: the API answers 404 for it from now on. */
  deleteConversation(id: string): boolean {
    return this.#conversations.delete(id);
  }

  // ------------------------------------------------------------------------------------------
  // REST API
  // ------------------------------------------------------------------------------------------

  listAdmins(): Record<string, unknown> {
    return { type: 'admin.list', admins: this.admins().map(renderAdmin) };
  }

  findAdmin(id: string): Record<string, unknown> {
    const admin = this.#admins.get(id);
    if (!admin) throw new IntercomApiError(404, 'admin_not_found', 'Admin not found');
    return renderAdmin(admin);
  }

  me(): Record<string, unknown> {
    const admin = this.#admins.get(SANDBOX.adminId);
    if (!admin) throw new IntercomApiError(401, 'unauthorized', 'Access Token Invalid');
    return {
      ...renderAdmin(admin),
      email_verified: true,
      app: {
        type: 'app',
        id_code: SANDBOX.intercomAppId,
        name: 'Sandbox',
        created_at: 1_700_000_000,
        secure: false,
        identity_verification: false,
        timezone: 'Europe/London',
        region: 'US',
      },
    };
  }

  findConversation(id: string, plaintext: boolean): Record<string, unknown> {
    return this.render(this.#requireConversation(id), plaintext);
  }

  /** POST /conversations/{id}/reply as an admin: a customer-visible comment or an internal note. */
  reply(id: string, body: Record<string, unknown>): Record<string, unknown> {
    const conversation = this.#requireConversation(id);
    const messageType = body.message_type;
    if (messageType !== 'comment' && messageType !== 'note') {
      throw new IntercomApiError(400, 'parameter_invalid', 'message_type must be one of comment, note');
    }
    if (body.type !== 'admin') throw new IntercomApiError(400, 'parameter_invalid', 'type must be admin');
    const admin = this.#requireAdmin(body.admin_id);
    if (typeof body.body !== 'string' || body.body.trim() === '') {
      throw new IntercomApiError(400, 'parameter_not_found', 'Body is required');
    }
    this.#addPart(conversation, { partType: messageType, body: body.body, author: authorOf(admin), assignedTo: null, viaApi: true });
    return this.render(conversation, false);
  }

  /** A customer or a teammate writes in the inbox (not through the API). */
  write(id: string, input: WrittenByHand): PartState {
    const conversation = this.#requireConversation(id);
    if (input.body.trim() === '') throw new IntercomApiError(400, 'parameter_not_found', 'Body is required');
    if (input.author === 'customer') {
      if (input.note) throw new IntercomApiError(400, 'parameter_invalid', 'A customer cannot write a note');
      if (conversation.state !== 'open') {
        conversation.state = 'open';
        conversation.snoozedUntil = null;
      }
      return this.#addPart(conversation, { partType: 'comment', body: input.body, author: conversation.source.author, assignedTo: null, viaApi: false });
    }
    const admin = this.#requireAdmin(input.adminId ?? SANDBOX.adminId);
    return this.#addPart(conversation, { partType: input.note ? 'note' : 'comment', body: input.body, author: authorOf(admin), assignedTo: null, viaApi: false });
  }

  /** POST /conversations/{id}/parts: open, close, snooze or assign. */
  manage(id: string, body: Record<string, unknown>): Record<string, unknown> {
    const conversation = this.#requireConversation(id);
    const admin = this.#requireAdmin(body.admin_id);
    const author = authorOf(admin);
    switch (body.message_type) {
      case 'open':
        if (conversation.state !== 'open') {
          conversation.state = 'open';
          conversation.snoozedUntil = null;
          this.#addPart(conversation, { partType: 'open', body: null, author, assignedTo: null, viaApi: true });
        }
        break;
      case 'close':
        conversation.state = 'closed';
        conversation.snoozedUntil = null;
        this.#addPart(conversation, {
          partType: 'close',
          body: typeof body.body === 'string' ? body.body : null,
          author,
          assignedTo: null,
          viaApi: true,
        });
        break;
      case 'snoozed': {
        const until = Number(body.snoozed_until);
        if (!Number.isInteger(until) || until <= 0) {
          throw new IntercomApiError(400, 'parameter_invalid', 'snoozed_until must be a unix timestamp');
        }
        conversation.state = 'snoozed';
        conversation.snoozedUntil = until;
        this.#addPart(conversation, { partType: 'snoozed', body: null, author, assignedTo: null, viaApi: true });
        break;
      }
      case 'assignment': {
        const assignee = body.assignee_id === undefined ? null : String(body.assignee_id);
        if (assignee === null) throw new IntercomApiError(400, 'parameter_not_found', 'assignee_id is required');
        if (assignee !== '0') this.#requireAdmin(assignee);
        conversation.adminAssigneeId = assignee === '0' ? null : assignee;
        this.#addPart(conversation, { partType: 'assignment', body: null, author, assignedTo: conversation.adminAssigneeId, viaApi: true });
        break;
      }
      default:
        throw new IntercomApiError(400, 'parameter_invalid', 'message_type must be one of open, close, snoozed, assignment');
    }
    return this.render(conversation, false);
  }

  render(c: ConversationState, plaintext: boolean): Record<string, unknown> {
    const text = (html: string | null) => (html === null ? null : plaintext ? htmlToText(html) : html);
    const teammates = [...new Set(c.parts.filter((p) => p.author.type === 'admin').map((p) => p.author.id))];
    return {
      type: 'conversation',
      id: c.id,
      title: c.title,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      waiting_since: null,
      snoozed_until: c.snoozedUntil,
      open: c.state === 'open',
      state: c.state,
      read: true,
      priority: 'not_priority',
      admin_assignee_id: c.adminAssigneeId === null ? null : Number(c.adminAssigneeId),
      team_assignee_id: null,
      tags: { type: 'tag.list', tags: [] },
      conversation_rating: null,
      source: {
        type: c.source.type,
        id: c.source.id,
        delivered_as: 'customer_initiated',
        subject: c.title ?? '',
        body: text(c.source.body),
        author: renderAuthor(c.source.author),
        attachments: [],
        url: null,
        redacted: false,
      },
      contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: c.source.author.id, external_id: null }] },
      teammates: { type: 'admin.list', admins: teammates.map((id) => ({ type: 'admin', id })) },
      custom_attributes: {},
      first_contact_reply: { created_at: c.createdAt, type: c.source.type, url: null },
      sla_applied: null,
      conversation_parts: {
        type: 'conversation_part.list',
        conversation_parts: c.parts.slice(-MAX_PARTS).map((p) => ({
          type: 'conversation_part',
          id: p.id,
          part_type: p.partType,
          body: text(p.body),
          created_at: p.createdAt,
          updated_at: p.createdAt,
          notified_at: p.createdAt,
          assigned_to: p.assignedTo === null ? null : { type: 'admin', id: p.assignedTo },
          author: renderAuthor(p.author),
          attachments: (p.attachments ?? []).map((a) => ({ type: 'upload', name: a.name, url: a.url, content_type: a.contentType })),
          external_id: null,
          redacted: false,
          app_package_code: p.viaApi ? SANDBOX_APP_PACKAGE : null,
        })),
        total_count: c.parts.length,
      },
      linked_objects: { type: 'list', data: [], total_count: 0, has_more: false },
      ai_agent_participated: false,
    };
  }

  // ------------------------------------------------------------------------------------------

  #addPart(conversation: ConversationState, part: Omit<PartState, 'id' | 'createdAt'>): PartState {
    const createdAt = Math.floor(this.#now() / 1000);
    const added: PartState = { ...part, id: this.#partId(), createdAt };
    conversation.parts.push(added);
    conversation.updatedAt = createdAt;
    this.onPart?.(conversation, added);
    return added;
  }

  #partId(): string {
    return String(9_100_000_000 + this.#nextPart++);
  }

  #requireConversation(id: string): ConversationState {
    const conversation = this.#conversations.get(id);
    if (!conversation) throw new IntercomApiError(404, 'not_found', 'Resource Not Found');
    return conversation;
  }

  #requireAdmin(id: unknown): AdminState {
    if (id === undefined || id === null || id === '') throw new IntercomApiError(400, 'parameter_not_found', 'admin_id is required');
    const admin = this.#admins.get(String(id));
    if (!admin) throw new IntercomApiError(400, 'parameter_invalid', 'Admin not found');
    return admin;
  }
}

function authorOf(admin: AdminState): Author {
  return { type: 'admin', id: admin.id, name: admin.name, email: admin.email };
}

function renderAuthor(a: Author): Record<string, unknown> {
  return { type: a.type, id: a.id, name: a.name, email: a.email ?? '' };
}

function renderAdmin(a: AdminState): Record<string, unknown> {
  return {
    type: 'admin',
    id: a.id,
    name: a.name,
    email: a.email,
    job_title: a.jobTitle,
    away_mode_enabled: false,
    away_mode_reassign: false,
    has_inbox_seat: true,
    team_ids: [],
    avatar: { type: 'avatar', image_url: null },
  };
}
