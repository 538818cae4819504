import { type Language, LANGUAGES, detectLanguage } from './languages.js';
import { SUPPORT_FILLER } from './stop-words.js';

/**
 * Turns ticket and conversation text into the terms the index matches on. One function for both
 * sides, so a ticket and a conversation that say the same thing produce the same terms:
 *
 * - lowercase and accent folding ("Müller" and "muller" match);
 * - split on punctuation, but identifiers stay whole: "ERR_401", "AADSTS50020", "5.2.1", "utf-8"
 *   (also indexed by their word parts, so "invalid_grant" is found by "invalid grant");
 * - a small support-domain thesaurus for the words customers and tickets spell differently
 *   ("single sign-on" = "SSO", "two-factor" = "MFA" = "2FA", "log in" = "sign in" = "login");
 * - the text's language (English or German, see detectLanguage) decides its stop words and its
 *   Snowball stemmer ("invoices", "invoiced" -> "invoic"; "Rechnungen" -> "rechnung"), from
 *   maintained libraries (languages.ts); the greetings and filler of support conversations
 *   (SUPPORT_FILLER) are dropped in either; numbers under three digits are dropped.
 */
export function analyze(text: string, language?: Language): string[] {
  const terms: string[] = [];
  const words = wordsOf(text);
  const rules = LANGUAGES[language ?? detectLanguage(words.map((w) => w.text))];
  for (let i = 0; i < words.length; ) {
    const phrase = matchPhrase(words, i);
    if (phrase) {
      for (const term of phrase.terms) terms.push(term);
      i += phrase.length;
      continue;
    }
    for (const term of termsOfWord(words[i]!, rules)) terms.push(term);
    i += 1;
  }
  return terms;
}

// A word's terms depend on the word and the language alone, and a ticket database repeats the same
// few tens of thousands of words, so they are remembered (up to a bound, then forgotten all at once).
const WORD_TERMS = new Map<LanguageRules, Map<string, readonly string[]>>(Object.values(LANGUAGES).map((rules) => [rules, new Map()]));
const WORD_TERMS_MAX = 200_000;
const NONE: readonly string[] = [];

type LanguageRules = (typeof LANGUAGES)[Language];

function termsOfWord(word: Word, rules: LanguageRules): readonly string[] {
  const cache = WORD_TERMS.get(rules)!;
  const known = cache.get(word.text);
  if (known) return known;
  const terms = computeTermsOfWord(word, rules);
  if (cache.size >= WORD_TERMS_MAX) cache.clear();
  cache.set(word.text, terms);
  return terms;
}

function computeTermsOfWord(word: Word, rules: LanguageRules): readonly string[] {
  const synonyms = SYNONYMS.get(word.text);
  if (synonyms) return synonyms;
  if (word.code) return [word.text];
  if (word.text.length < 2 || rules.stopWords.has(word.text) || SUPPORT_FILLER.has(word.text)) return NONE;
  if (/^\d+$/.test(word.text)) return word.text.length < 3 ? NONE : [word.text];
  // Words of three letters are mostly acronyms ("sms", "ios", "aws"): Snowball would cut their "s".
  return [word.text.length <= 3 ? word.text : rules.stem(word.text)];
}

interface Word {
  text: string;
  /** An identifier (digits or underscores inside): never stemmed, never a stop word. A function of `text`. */
  code: boolean;
}

// Letters or digits, optionally joined by _ . - ' (so "err_401", "v5.2", "don't" stay one token).
const TOKEN = /[\p{L}\p{N}]+(?:[_.'-][\p{L}\p{N}]+)*/gu;
const ASCII_TOKEN = /[a-z0-9]+(?:[_.'-][a-z0-9]+)*/g;

function wordsOf(text: string): Word[] {
  // NFKD and Unicode classes are the slow part of analysis; plain ASCII text needs neither.
  const ascii = !/[\u0080-\uffff]/.test(text);
  const folded = ascii ? text.toLowerCase() : text.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[’‘`]/g, "'").toLowerCase();
  const words: Word[] = [];
  for (const token of folded.match(ascii ? ASCII_TOKEN : TOKEN) ?? []) {
    const plain = token.includes("'") ? token.replace(/'s$/, '').replace(/'/g, '') : token;
    const joined = plain.includes('.') || plain.includes('-') || plain.includes('_');
    if (!joined) {
      words.push({ text: plain, code: plain.length > 3 && /\d/.test(plain) && /\p{L}/u.test(plain) });
    } else if (/[\d_]/.test(plain) || SYNONYMS.has(plain)) {
      // An identifier such as "err_401" or "ios-17": whole, then its word parts.
      words.push({ text: plain, code: true });
      if (SYNONYMS.has(plain)) continue;
      for (const part of plain.split(/[_.-]+/)) if (/^\p{L}{2,}$/u.test(part)) words.push({ text: part, code: false });
    } else {
      for (const part of plain.split(/[.-]+/)) if (part) words.push({ text: part, code: false });
    }
  }
  return words;
}

/** Multi-word expressions, longest first, each read as the terms on the right. */
const PHRASES: Array<[string[][], string[]]> = [
  [[['single'], ['sign'], ['on']], ['sso']],
  [[['too'], ['many'], ['requests', 'request']], ['ratelimit']],
  [[['two', '2', 'multi'], ['factor', 'step']], ['2fa']],
  [[['log', 'logs', 'logged', 'logging', 'sign', 'signs', 'signed', 'signing'], ['in', 'on']], ['login']],
  [[['log', 'logs', 'logged', 'logging', 'sign', 'signs', 'signed', 'signing', 'kick', 'kicks', 'kicked'], ['me', 'us', 'them', 'you', 'people', 'users'], ['out', 'off']], ['logout']],
  [[['log', 'logs', 'logged', 'logging', 'sign', 'signs', 'signed', 'signing', 'kick', 'kicks', 'kicked'], ['out', 'off']], ['logout']],
  [[['sign', 'signed', 'signing'], ['up']], ['signup']],
  [[['text'], ['message', 'messages']], ['sms']],
  [[['e'], ['mail', 'mails']], ['email']],
  [[['rate'], ['limit', 'limits', 'limited', 'limiting']], ['ratelimit']],
  [[['office', 'microsoft'], ['365']], ['microsoft365']],
  [[['azure'], ['ad']], ['azuread']],
  [[['entra'], ['id']], ['azuread']],
];

/** Single words with a canonical spelling (and, for devices, the platform they imply). */
const SYNONYMS = new Map<string, string[]>([
  ['2fa', ['2fa']],
  ['2-factor', ['2fa']],
  ['2-step', ['2fa']],
  ['mfa', ['2fa']],
  ['2sv', ['2fa']],
  ['totp', ['2fa']],
  ['twofactor', ['2fa']],
  ['authenticator', ['authenticator', '2fa']],
  ['login', ['login']],
  ['logon', ['login']],
  ['signin', ['login']],
  ['signon', ['login']],
  ['logout', ['logout']],
  ['signout', ['logout']],
  ['signup', ['signup']],
  ['o365', ['microsoft365']],
  ['m365', ['microsoft365']],
  ['entra', ['azuread']],
  ['aad', ['azuread']],
  ['throttled', ['ratelimit']],
  ['throttling', ['ratelimit']],
  ['ratelimit', ['ratelimit']],
  ['ratelimited', ['ratelimit']],
  ['iphone', ['iphone', 'ios']],
  ['ipad', ['ipad', 'ios']],
  ['emails', ['email']],
  // "twice", "double", "duplicate" and "two copies" describe the same symptom.
  ['twice', ['twice', 'duplic']],
  ['double', ['double', 'duplic']],
  ['doubled', ['double', 'duplic']],
]);

/** The phrases that can start with a word, so each word is checked against a handful at most. */
const PHRASES_BY_FIRST_WORD = new Map<string, Array<[string[][], string[]]>>();
for (const phrase of PHRASES) {
  for (const first of phrase[0][0]!) {
    const list = PHRASES_BY_FIRST_WORD.get(first) ?? [];
    list.push(phrase);
    PHRASES_BY_FIRST_WORD.set(first, list);
  }
}

function matchPhrase(words: Word[], start: number): { terms: string[]; length: number } | null {
  const phrases = PHRASES_BY_FIRST_WORD.get(words[start]!.text);
  if (!phrases) return null;
  for (const [pattern, terms] of phrases) {
    if (start + pattern.length > words.length) continue;
    if (pattern.every((options, k) => options.includes(words[start + k]!.text))) return { terms, length: pattern.length };
  }
  return null;
}

/**
 * For display: each term as a word of `text` that produced it ("invoic" -> "invoices"), lowercase;
 * a term not found in `text` is shown as is.
 */
export function surfaceWords(terms: string[], text: string): string[] {
  const wanted = new Set(terms);
  const found = new Map<string, string>();
  const language = detectLanguage(wordsOf(text).map((w) => w.text));
  for (const [word] of text.matchAll(TOKEN)) {
    for (const term of analyze(word, language)) if (wanted.has(term) && !found.has(term)) found.set(term, word.toLowerCase());
    if (found.size === wanted.size) break;
  }
  return terms.map((t) => found.get(t) ?? t);
}
