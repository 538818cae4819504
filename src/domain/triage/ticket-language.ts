import { type Language, detectLanguage } from './languages.js';

/**
 * The languages a ticket database can be kept in (TICKET_LANGUAGE): those the triage can tell a
 * conversation's language in (languages.ts), so a draft in another language can be flagged.
 */
export const TICKET_LANGUAGES = ['en', 'de'] as const satisfies readonly Language[];

/** For the panel: "Title in German: edit before creating". */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'German' };

/** The language a text is written in, told by its function words (see detectLanguage). */
export function languageOf(text: string): Language {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}']+/u)
    .filter(Boolean);
  return detectLanguage(words);
}
