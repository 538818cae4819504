import { conversationSections, truncateOnWord } from '../conversation-text.js';
import { MAX_TITLE_CHARS } from './answer-schema.js';

export interface TicketDraft {
  title: string;
  description: string;
}

const FALLBACK_TITLE = 'Issue reported by a customer';
const MAX_DESCRIPTION_CHARS = 700;
const DESCRIPTION_SENTENCES = 4;

// "Hi team,", "Hello Jumpline Support -", "Good morning!", "Dear all:", at the start of a message:
// a greeting word, at most three more words, then punctuation or a dash.
const GREETING =
  /^(?:hi|hello|hey|hiya|heya|dear|greetings|good (?:morning|afternoon|evening|day)|bonjour|hallo|hola|ciao)(?:\s+[\p{L}'.-]+){0,3}?\s*(?:[,.!?:;]+|-+|[–—])\s*/iu;

// Sentences that carry no part of the problem.
const FILLER = [
  /^(?:i |we )?hope (?:you|this|all|everyone)\b/i,
  /^(?:thanks|thank you|many thanks|cheers|regards)\b/i,
  /^(?:quick|weird|strange|odd|small|simple) (?:question|one|issue|problem)\b/i,
  /^(?:urgent|help|big problem|question|issue|problem|hi|hello|hey)[!.:\s]*$/i,
  /^(?:i am|i'm|we are|we're) (?:writing|reaching out|contacting you)\b/i,
  /^(?:sent from|get outlook)\b/i,
];

// Subjects that name nothing: a generic subject loses to the first customer sentence.
const GENERIC_SUBJECT = /^(?:help|help needed|question|quick question|issue|problem|support|support request|urgent|bug|hi|hello|hey|\(no subject\)|no subject|request)[!?.\s]*$/i;

/**
 * A ticket drafted from the conversation alone, for when no model writes one: the title is the
 * subject, or the customer's first sentence that says something (greetings and pleasantries
 * skipped); the description is the customer's first few such sentences.
 */
export function draftTicket(text: string): TicketDraft {
  const sections = conversationSections(text);
  const sentences = (sections.customer.length > 0 ? sections.customer : sections.teammates).flatMap(sentencesOf);
  const subject = sections.subject ? cleanSubject(sections.subject) : '';
  const titleSource = subject && !GENERIC_SUBJECT.test(subject) ? subject : (sentences.find((s) => wordCount(s) >= 4) ?? sentences[0] ?? '');
  const title = asTitle(titleSource) || FALLBACK_TITLE;
  const description = capitalise(truncateOnWord(sentences.slice(0, DESCRIPTION_SENTENCES).join(' '), MAX_DESCRIPTION_CHARS)) || title;
  return { title, description };
}

/** The meaningful sentences of one message, greeting and filler removed. */
function sentencesOf(message: string): string[] {
  const body = message.replace(GREETING, '').trim();
  return body
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s && !FILLER.some((re) => re.test(s)));
}

function cleanSubject(subject: string): string {
  let s = subject.trim();
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/^(?:re|fwd?|aw|wg|tr|sv)\s*:\s*/i, '').replace(/^\[[^\]]{0,40}\]\s*/, '');
  }
  return s;
}

function asTitle(sentence: string): string {
  const s = sentence.replace(/\s+/g, ' ').replace(/[\s.!?,;:]+$/, '').trim();
  if (!s) return '';
  return truncateOnWord(capitalise(s), MAX_TITLE_CHARS);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}
