import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as germanStemmer } from '@orama/stemmers/german';
import { stopwords as englishStopwords } from '@orama/stopwords/english';
import { stopwords as germanStopwords } from '@orama/stopwords/german';

/**
 * The languages the ticket index analyses: Snowball stemmers and stop-word lists from Orama's
 * maintained packages (@orama/stemmers, @orama/stopwords). Each text is analysed in one of them,
 * chosen by which language's function words it uses (see detectLanguage).
 */
export type Language = 'en' | 'de';

export interface LanguageRules {
  stem: (word: string) => string;
  /** Lowercase, accents folded, apostrophes removed ("don't" -> "dont"), as the tokenizer leaves words. */
  stopWords: ReadonlySet<string>;
}

export const LANGUAGES: Record<Language, LanguageRules> = {
  en: { stem: englishStemmer, stopWords: folded(englishStopwords) },
  de: { stem: germanStemmer, stopWords: folded(germanStopwords) },
};

/**
 * German when the text uses more German than English function words ("und", "nicht", "mit"…),
 * and at least two; otherwise English. Function words are the most frequent words of a language
 * and almost never shared by the two (the few that are, such as "in", count for both), so a
 * sentence is enough. Ticket titles too short to say stay English, the app's default.
 */
export function detectLanguage(words: readonly string[]): Language {
  let en = 0;
  let de = 0;
  for (const word of words) {
    if (LANGUAGES.en.stopWords.has(word)) en += 1;
    if (LANGUAGES.de.stopWords.has(word)) de += 1;
  }
  return de > en && de >= 2 ? 'de' : 'en';
}

function folded(words: readonly string[]): ReadonlySet<string> {
  const set = new Set<string>();
  for (const word of words) {
    const plain = word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
    set.add(plain);
    if (plain.includes("'")) set.add(plain.replace(/'/g, ''));
  }
  return set;
}
