import type { Conversation, ConversationPart } from './conversation.js';

/**
 * A conversation as plain text for retrieval and for the triage prompt:
 *
 *   Subject: <title>
 *   Customer: <each customer message, oldest first, in full>
 *   Teammate: <each teammate reply>
 *   Teammate note: <each internal note>
 *
 * The customer's words come first because they describe the problem; teammates' replies and
 * internal notes follow because they often name it precisely (an error code, the feature, "looks
 * like the SAML cert"). Notes are included: the text goes to the ticket tracker and the triage
 * model, both internal. Bots, events (assignment, close, snooze…) and empty bodies are skipped.
 *
 * The app's own output is never read back: parts the app wrote (as `ownAdminId`, through the API)
 * are skipped, and the app's own sentences ("Linked to Notion ticket JMP-40: …") are cut out of
 * whatever part quotes them. Otherwise a stale note about an unlinked ticket would pull the next
 * suggestion towards that ticket.
 */

export const DEFAULT_CONVERSATION_CHARS = 4000;

export const LABELS = {
  subject: 'Subject',
  customer: 'Customer',
  teammate: 'Teammate',
  note: 'Teammate note',
} as const;

/** "Customer: " and the like at the start of a line; longest first, so "Teammate note" wins over "Teammate". */
const LABEL_NAMES = Object.values(LABELS).sort((a, b) => b.length - a.length).join('|');

const CUSTOMERS = new Set(['user', 'lead', 'contact']);
const MESSAGE_PARTS = new Set(['source', 'comment', 'note']);

export interface ConversationTextOptions {
  maxChars?: number;
  /** The admin the app writes as (INTERCOM_ADMIN_ID): its API-written parts are the app's own. */
  ownAdminId?: string | null;
}

export function conversationText(conversation: Conversation, options: ConversationTextOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_CONVERSATION_CHARS;
  const lines: string[] = [];
  const subject = conversation.title ? collapse(conversation.title) : '';
  if (subject) lines.push(`${LABELS.subject}: ${subject}`);
  const customer: string[] = [];
  const teammates: string[] = [];
  for (const part of conversation.parts) {
    const kind = kindOf(part);
    if (!kind || isOwnPart(part, options.ownAdminId ?? null)) continue;
    const body = cleanMessage(withoutAppText(part.body));
    if (!body) continue;
    if (kind === 'customer') customer.push(`${LABELS.customer}: ${body}`);
    else teammates.push(`${kind === 'note' ? LABELS.note : LABELS.teammate}: ${body}`);
  }
  lines.push(...customer, ...teammates);
  return truncateOnWord(lines.join('\n'), maxChars);
}

/**
 * What the customer wrote, oldest first: each message cleaned (no quoted replies, signatures, or
 * the app's own sentences), empty ones left out. Never anything a teammate or the app wrote.
 */
export function customerMessages(conversation: Conversation): string[] {
  return conversation.parts
    .filter((part) => kindOf(part) === 'customer')
    .map((part) => cleanMessage(withoutAppText(part.body)))
    .filter(Boolean);
}

/** The parts of a text made by conversationText. */
export interface ConversationSections {
  subject: string | null;
  customer: string[];
  /** Teammates' replies and internal notes, in the order written. */
  teammates: string[];
  /** The internal notes alone (also in `teammates`): what teammates found, never shown to the customer. */
  notes: string[];
}

/**
 * Reads conversationText's output back. Unlabelled lines (text a caller put in front, or text that
 * never went through conversationText) count as customer messages, or as more of the teammates'
 * when they follow a teammate line.
 */
export function conversationSections(text: string): ConversationSections {
  const sections: ConversationSections = { subject: null, customer: [], teammates: [], notes: [] };
  const labelled = new RegExp(`^(${LABEL_NAMES}): `);
  let current: 'customer' | 'teammates' = 'customer';
  let inNote = false;
  for (const line of text.split('\n')) {
    const match = labelled.exec(line);
    const body = collapse(match ? line.slice(match[0].length) : line);
    if (match?.[1] === LABELS.subject) {
      if (body) sections.subject = body;
      continue;
    }
    if (match) {
      current = match[1] === LABELS.customer ? 'customer' : 'teammates';
      inNote = match[1] === LABELS.note;
    }
    if (!body) continue;
    sections[current].push(body);
    if (inNote) sections.notes.push(body);
  }
  return sections;
}

function kindOf(part: ConversationPart): 'customer' | 'teammate' | 'note' | null {
  if (!MESSAGE_PARTS.has(part.partType)) return null;
  if (CUSTOMERS.has(part.authorType)) return 'customer';
  if (part.authorType !== 'admin') return null;
  return part.partType === 'note' ? 'note' : 'teammate';
}

/**
 * Written by the app: by its admin and through the API. Intercom says `viaApi` only for some parts;
 * when it does not say, a part by the app's admin counts as the app's (a teammate who shares that
 * account loses their words to triage, which is cheaper than the app reading itself).
 */
function isOwnPart(part: ConversationPart, ownAdminId: string | null): boolean {
  return ownAdminId !== null && part.authorType === 'admin' && part.authorId === ownAdminId && part.viaApi !== false;
}

// The sentences the app writes into conversations (src/domain/intercom-note.ts, the Done message,
// the unlink note), from their fixed opening to the end of the line: a teammate quoting one
// brings the ticket's title with it.
const TICKET_ID = '[A-Za-z][A-Za-z0-9]*-\\d+';
const APP_TEXT = new RegExp(
  [`Linked to Notion ticket ${TICKET_ID}`, `Unlinked from ${TICKET_ID}`, `the issue you reported \\(${TICKET_ID}`].map((m) => `${m}[^\\n]*`).join('|'),
  'gi',
);

/** The body with the app's own sentences removed (see APP_TEXT). */
export function withoutAppText(body: string): string {
  return body.replace(APP_TEXT, '');
}

// Where the quoted part of an email reply starts: "On Tue, 4 Mar 2025, Ann <a@b.c> wrote:", Outlook's
// "-----Original Message-----" and "From: … Sent: …" headers, and their French/German cousins.
const QUOTE_HEADERS = [
  /^on\b.{0,200}\bwrote:?$/i,
  /^le\b.{0,200}\ba écrit\s*:?$/i,
  /^am\b.{0,200}\bschrieb\b.{0,80}:?$/i,
  /^-{2,}\s*original message\s*-{2,}$/i,
  /^_{10,}$/,
  /^from:\s.+$/i,
];

// Where a signature starts: the "-- " delimiter and mobile-client footers.
const SIGNATURE_STARTS = [/^--\s?$/, /^sent from my \w+/i, /^get outlook for \w+/i, /^sent from (?:mail|yahoo mail) for/i];

// A sign-off line ("Thanks,", "Kind regards") followed only by a few short lines (name, title, phone).
const SIGN_OFF = /^(?:thanks|thank you|many thanks|thx|cheers|best|best regards|kind regards|warm regards|regards|br|sincerely|all the best)[,.!]?$/i;

/** One message without quoted replies, signatures and sign-offs, whitespace collapsed. */
export function cleanMessage(body: string): string {
  const kept: string[] = [];
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (QUOTE_HEADERS.some((re) => re.test(line)) && kept.length > 0) break;
    if (SIGNATURE_STARTS.some((re) => re.test(line))) break;
    if (line.startsWith('>')) continue;
    kept.push(line);
  }
  const signOff = kept.findIndex(
    (line, i) => SIGN_OFF.test(line) && kept.slice(i + 1).filter(Boolean).length <= 4 && kept.slice(i + 1).every((l) => l.length <= 60),
  );
  const lines = signOff >= 0 ? kept.slice(0, signOff) : kept;
  return collapse(lines.join(' '));
}

/** Runs of whitespace as one space, trimmed: text on one line. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** At most `maxChars` characters, cut at a word boundary, ending in "…" when cut. */
export function truncateOnWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const room = Math.max(0, maxChars - 1);
  const cut = text.slice(0, room);
  const space = cut.search(/\s\S*$/);
  const head = space > room * 0.6 ? cut.slice(0, space) : cut;
  return `${head.trimEnd()}…`;
}
