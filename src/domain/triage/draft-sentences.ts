/**
 * The sentences of customer messages, and how much each says about the problem: what the offline
 * drafts (draft-title.ts, draft.ts) choose from. English and German, the languages the triage
 * tells apart (languages.ts).
 */

// "Hi team,", "Hello Jumpline Support -", "Good morning!", "Guten Tag,", "Sehr geehrte Damen und
// Herren," at the start of a message: a greeting word, at most three more words, then punctuation
// or a dash.
const GREETING =
  /^(?:hi|hello|hey|hiya|heya|dear|greetings|good (?:morning|afternoon|evening|day)|bonjour|hallo|hola|ciao|moin|servus|guten (?:tag|morgen|abend)|liebe[rs]?|sehr geehrte[rs]?)(?:\s+[\p{L}'.-]+){0,3}?\s*(?:[,.!?:;]+|-+|[–—])\s*/iu;

// Sentences that carry no part of the problem.
const FILLER = [
  /^(?:i |we )?hope (?:you|this|all|everyone)\b/i,
  /^(?:thanks|thank you|many thanks|cheers|regards|danke|vielen dank|viele grüße|mit freundlichen grüßen)\b/i,
  /^(?:quick|weird|strange|odd|small|simple) (?:question|one|issue|problem|thing)\b[.!:]*$/i,
  /^(?:urgent|help|big problem|question|issue|problem|hi|hello|hey)[!.:\s]*$/i,
  /^(?:i am|i'm|we are|we're) (?:writing|reaching out|contacting you)\b/i,
  /^(?:sent from|get outlook)\b/i,
];

/** The meaningful sentences of one message: greeting and filler removed. */
export function sentencesOf(message: string): string[] {
  const body = message.replace(GREETING, '').trim();
  return body
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s && !FILLER.some((re) => re.test(s)));
}

// Words that say something is wrong: errors, failures, things missing, late, twice, wrong.
const SYMPTOM_WORDS = [
  // English
  "errors?|exceptions?|fail(?:s|ed|ing|ure)?|crash(?:es|ed|ing)?|broken|breaks?|bug",
  "not (?:work|load|show|arriv|send|sent|receiv|found|open|sync|sav|updat|display|appear|match)[a-z]*|doesn'?t|does not|don'?t|do not|didn'?t|did not|can'?t|cannot|can not|couldn'?t|won'?t|isn'?t|aren'?t|wasn'?t|weren'?t|never|unable|no longer|none of|nothing",
  'stuck|freez(?:es|ing)?|froze|hangs?|hanging|time[sd]? out|timeouts?|timing out|rejects?|rejected|denied|invalid|wrong|incorrect|missing|disappear(?:s|ed)?|lost',
  'duplicates?|duplicated|twice|blank|empty|late|delay(?:s|ed)?|slow|barely|closes (?:immediately|unexpectedly|right away)|stopped|stops|loops?|looping|bounce[sd]?|expired?',
  'no (?:notifications?|emails?|data|results|response)',
  // German
  'nicht|fehler|funktioniert nicht|geht nicht|nicht mehr|klappt nicht|schlägt fehl|fehlgeschlagen|absturz|stürzt|hängt|lädt nicht|falsch|doppelt|verspätet|leer|keine?[nmrs]?|nichts|kaputt',
];
// Whole words only ("late" is not in "template"); \b knows no umlauts.
const SYMPTOM = new RegExp(`(?<![\\p{L}\\p{N}])(?:${SYMPTOM_WORDS.join('|')})(?![\\p{L}\\p{N}])`, 'giu');

// What pins a problem down: an HTTP status, an error code, a version, a quoted message, a count.
const SPECIFIC = /\b[45]\d\d\b|\b\d{1,3}(?:[,.]\d{3})+\b|\b[A-Z]{2,}[_-]?\d+\b|\b\d+\.\d+(?:\.\d+)*\b|"[^"]{3,}"|“[^”]{3,}”/g;

// A request to support rather than a description: "Please refund…", "Can you check?"
const REQUEST = /^(?:please|kindly|could you|can you|would you|will you|let me know|bitte|können sie|könnten sie|würden sie)\b/i;

/**
 * How much a sentence says about the problem: words of a symptom (up to two count), an error
 * code, version or quoted message. Questions and requests to support say least: they ask, the
 * problem is told elsewhere.
 */
export function symptomScore(sentence: string): number {
  if (/\?\s*$/.test(sentence) || REQUEST.test(sentence)) return -5;
  const symptoms = new Set((sentence.match(SYMPTOM) ?? []).map((w) => w.toLowerCase())).size;
  const specifics = (sentence.match(SPECIFIC) ?? []).length;
  const short = sentence.split(/\s+/).length < 3 ? -2 : 0;
  return 3 * Math.min(2, symptoms) + Math.min(2, specifics) + short;
}

/** The best-scoring sentence, the earliest among equals; undefined when there is none. */
export function mostTelling(sentences: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = -Infinity;
  for (const sentence of sentences) {
    const score = symptomScore(sentence);
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return best;
}

/** Requests and questions to support: not facts about the problem. */
export function isRequest(sentence: string): boolean {
  return symptomScore(sentence) === -5;
}
