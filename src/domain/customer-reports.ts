import type { Conversation } from './conversation.js';
import { collapse, customerMessages, truncateOnWord } from './conversation-text.js';

/**
 * A ticket's Customer Reports: a short excerpt of each linked customer's own words, kept on the
 * ticket (a Notion text property) so engineers see how customers describe the problem and the
 * triage finds the ticket by those words the next time.
 *
 * Stored as one line per conversation, oldest first: `[<conversation id>] <excerpt>`. The id makes
 * a re-link replace its line (never a second copy) and an unlink remove it; the whole text is kept
 * within REPORTS_CHARS by dropping the oldest lines, so the most recent reports stay.
 */

/** Per conversation: enough for the sentence or two that say what is wrong. */
export const EXCERPT_CHARS = 300;
/** Per ticket: about five conversations' worth; the most recent are kept. */
export const REPORTS_CHARS = 1500;

export interface CustomerReport {
  conversationId: string;
  excerpt: string;
}

/**
 * The customer's own words in a conversation, at most EXCERPT_CHARS, cut on a word. Only parts a
 * customer wrote: never a teammate's reply or note, never the app's own text (customerMessages).
 * Empty when the customer wrote nothing.
 */
export function customerExcerpt(conversation: Conversation): string {
  return truncateOnWord(collapse(customerMessages(conversation).join(' ')), EXCERPT_CHARS);
}

const LINE = /^\[([^\]\s]+)\] (.*)$/;

/** The reports in the property's text, oldest first; lines that are not reports are ignored. */
export function parseReports(text: string): CustomerReport[] {
  const reports: CustomerReport[] = [];
  for (const line of text.split('\n')) {
    const match = LINE.exec(line.trim());
    if (match && match[2]!.trim()) reports.push({ conversationId: match[1]!, excerpt: match[2]!.trim() });
  }
  return reports;
}

export function formatReports(reports: readonly CustomerReport[]): string {
  return reports.map((r) => `[${r.conversationId}] ${r.excerpt}`).join('\n');
}

/**
 * The reports with this conversation's excerpt as the most recent (replacing any earlier one of
 * the same conversation), the oldest dropped until the text fits REPORTS_CHARS. An empty excerpt
 * changes nothing.
 */
export function withReport(text: string, conversationId: string, excerpt: string): string {
  const clean = truncateOnWord(collapse(excerpt), EXCERPT_CHARS);
  if (!clean) return text;
  // Already there (a repeated link): left where it is, so repeating a link writes nothing.
  if (parseReports(text).some((r) => r.conversationId === conversationId && r.excerpt === clean)) return text;
  const reports = [...parseReports(text).filter((r) => r.conversationId !== conversationId), { conversationId, excerpt: clean }];
  while (reports.length > 1 && formatReports(reports).length > REPORTS_CHARS) reports.shift();
  return formatReports(reports);
}

/** The reports without this conversation's. */
export function withoutReport(text: string, conversationId: string): string {
  const reports = parseReports(text);
  const kept = reports.filter((r) => r.conversationId !== conversationId);
  return kept.length === reports.length ? text : formatReports(kept);
}

/** The excerpts alone, one per line: what the ticket index searches. */
export function reportExcerpts(text: string): string[] {
  return parseReports(text).map((r) => r.excerpt);
}
