import { conversationSections, truncateOnWord } from '../conversation-text.js';
import { cleanTitle, titleFrom } from './draft-title.js';
import { isRequest, mostTelling, sentencesOf, symptomScore } from './draft-sentences.js';
import type { Language } from './languages.js';
import { LANGUAGE_NAMES, languageOf } from './ticket-language.js';

export interface TicketDraft {
  title: string;
  description: string;
  /**
   * Set when the draft is not in the ticket database's language (TICKET_LANGUAGE): the name of
   * the language it is in ("German"), so the panel asks the agent to edit it before creating.
   */
  titleLanguage?: string;
}

export interface DraftOptions {
  /** The ticket database's language (TICKET_LANGUAGE); default English. */
  ticketLanguage?: Language;
}

const FALLBACK_TITLE = 'Issue reported by a customer';
/** Key facts from the customer: a few sentences, never their whole message. */
const FACT_SENTENCES = 3;
const FACT_CHARS = 200;
const FACTS_CHARS = 450;
const NOTES = 3;
const NOTE_CHARS = 300;

// Subjects that name nothing: a generic subject loses to the customer's most telling sentence.
const GENERIC_SUBJECT = /^(?:help|help needed|question|quick question|issue|problem|support|support request|urgent|bug|hi|hello|hey|\(no subject\)|no subject|request|hilfe|frage|problem|anfrage)[!?.\s]*$/i;

/**
 * A ticket drafted from the conversation alone, for when no model writes one.
 *
 * Title: the email subject, unless it names nothing; else the customer's sentence that says most
 * about what is wrong (symptom words, error codes), without greetings, lead-ins ("Small thing:"),
 * dates, politeness or "we/our/I", within 80 characters.
 *
 * Description: the customer's key facts (the few most telling sentences, cleaned the same way, not
 * their messages as written), then what teammates found in internal notes. The app's own notes
 * never reach here (conversationText leaves them out).
 *
 * A conversation in another language than the tickets' keeps its language (nothing is
 * translated offline) and the draft says which it is, for the panel to flag.
 */
export function draftTicket(text: string, options: DraftOptions = {}): TicketDraft {
  const sections = conversationSections(text);
  const reporter = sections.customer.length > 0 ? sections.customer : sections.teammates;
  const sentences = reporter.flatMap(sentencesOf);
  const subject = sections.subject ? cleanSubject(sections.subject) : '';
  const fromSubject = subject && !GENERIC_SUBJECT.test(subject) ? titleFrom(subject) : '';
  const title = fromSubject || titleFrom(mostTelling(sentences) ?? '') || FALLBACK_TITLE;
  const description = describe(sentences, sections.customer.length > 0 ? sections.notes : []) || title;
  const language = languageOf([sections.subject ?? '', ...reporter].join('\n'));
  const wanted = options.ticketLanguage ?? 'en';
  return language === wanted || sentences.length === 0
    ? { title, description }
    : { title, description, titleLanguage: LANGUAGE_NAMES[language] };
}

function describe(sentences: string[], notes: string[]): string {
  const parts: string[] = [];
  const facts = keyFacts(sentences);
  if (facts.length > 0) parts.push(['What the customer reports:', ...facts.map((f) => `- ${f}`)].join('\n'));
  const findings = notes
    .flatMap((note) => {
      const kept = sentencesOf(note).join(' ');
      return kept ? [truncateOnWord(kept, NOTE_CHARS)] : [];
    })
    .slice(-NOTES);
  if (findings.length > 0) parts.push(['What teammates found (internal notes):', ...findings.map((f) => `- ${f}`)].join('\n'));
  return parts.join('\n\n');
}

/**
 * The few sentences that say most (symptoms, codes, versions), in the customer's order, each
 * without lead-ins and politeness; requests and questions to support left out.
 */
function keyFacts(sentences: string[]): string[] {
  const ranked = sentences
    .map((sentence, position) => ({ sentence, position, score: symptomScore(sentence) }))
    .filter((s) => !isRequest(s.sentence));
  const chosen = ranked
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .slice(0, FACT_SENTENCES)
    .sort((a, b) => a.position - b.position);
  const facts: string[] = [];
  let room = FACTS_CHARS;
  for (const { sentence } of chosen) {
    const fact = truncateOnWord(cleanTitle(sentence, { keepDates: true, keepPerson: true }), FACT_CHARS);
    if (!fact || fact.length > room) continue;
    facts.push(fact.endsWith('…') ? fact : `${fact}.`);
    room -= fact.length;
  }
  return facts;
}

function cleanSubject(subject: string): string {
  let s = subject.trim();
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/^(?:re|fwd?|aw|wg|tr|sv)\s*:\s*/i, '').replace(/^\[[^\]]{0,40}\]\s*/, '');
  }
  return s;
}
