import { STOP_WORDS } from './stop-words.js';

/**
 * Turns ticket and conversation text into the terms the index matches on. One function for both
 * sides, so a ticket and a conversation that say the same thing produce the same terms:
 *
 * - lowercase and accent folding ("Müller" and "muller" match);
 * - split on punctuation, but identifiers stay whole: "ERR_401", "AADSTS50020", "5.2.1", "utf-8"
 *   (also indexed by their word parts, so "invalid_grant" is found by "invalid grant");
 * - a small support-domain thesaurus for the words customers and tickets spell differently
 *   ("single sign-on" = "SSO", "two-factor" = "MFA" = "2FA", "log in" = "sign in" = "login");
 * - stop words and greetings dropped, numbers under three digits dropped;
 * - light English stemming ("invoices", "invoiced" -> "invoic"), deliberately conservative:
 *   over-stemming merges different issues, which is worse here than a missed plural.
 */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  const words = wordsOf(text);
  for (let i = 0; i < words.length; ) {
    const phrase = matchPhrase(words, i);
    if (phrase) {
      for (const term of phrase.terms) terms.push(term);
      i += phrase.length;
      continue;
    }
    for (const term of termsOfWord(words[i]!)) terms.push(term);
    i += 1;
  }
  return terms;
}

// A word's terms depend on the word alone, and a ticket database repeats the same few tens of
// thousands of words, so they are remembered (up to a bound, then forgotten all at once).
const WORD_TERMS = new Map<string, readonly string[]>();
const WORD_TERMS_MAX = 200_000;
const NONE: readonly string[] = [];

function termsOfWord(word: Word): readonly string[] {
  const known = WORD_TERMS.get(word.text);
  if (known) return known;
  const terms = computeTermsOfWord(word);
  if (WORD_TERMS.size >= WORD_TERMS_MAX) WORD_TERMS.clear();
  WORD_TERMS.set(word.text, terms);
  return terms;
}

function computeTermsOfWord(word: Word): readonly string[] {
  const synonyms = SYNONYMS.get(word.text);
  if (synonyms) return synonyms;
  if (word.code) return [word.text];
  if (STOP_WORDS.has(word.text) || word.text.length < 2) return NONE;
  if (word.text.length < 3 && /^\d+$/.test(word.text)) return NONE;
  return [stem(word.text)];
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
  ['twice', ['twice', 'duplicat']],
  ['double', ['double', 'duplicat']],
  ['doubled', ['double', 'duplicat']],
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
 * Plural and -ed/-ing endings, then a trailing "e", so "share", "shared", "sharing" and "shares"
 * meet at "shar". Plurals from four letters ("apps", "logs"); the other endings only on longer
 * words, so "sms", "ios", "need" and "bring" are left alone.
 */
export function stem(word: string): string {
  if (word.length < 4 || !/^\p{L}+$/u.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 5) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length <= 4) return w;
  if (w.endsWith('ing') && w.length > 6) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && !w.endsWith('eed') && w.length > 5) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** "logg" -> "log", "stopp" -> "stop"; but "fall", "pass", "buzz" keep their pair. */
function undouble(w: string): string {
  return /([^aeiouylsz])\1$/.test(w) ? w.slice(0, -1) : w;
}

/**
 * For display: each term as a word of `text` that produced it ("invoic" -> "invoices"), lowercase;
 * a term not found in `text` is shown as is.
 */
export function surfaceWords(terms: string[], text: string): string[] {
  const wanted = new Set(terms);
  const found = new Map<string, string>();
  for (const [word] of text.matchAll(TOKEN)) {
    for (const term of analyze(word)) if (wanted.has(term) && !found.has(term)) found.set(term, word.toLowerCase());
    if (found.size === wanted.size) break;
  }
  return terms.map((t) => found.get(t) ?? t);
}
