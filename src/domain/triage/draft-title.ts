import { truncateOnWord } from '../conversation-text.js';
import { MAX_TITLE_CHARS } from './answer-schema.js';

/**
 * A sentence a customer wrote, made into a ticket title: what is wrong, without who noticed it,
 * when, or how politely. Extractive: words are removed, never invented, so the title says only
 * what the customer said. English rules, plus the German greetings, dates and politeness words
 * (a German title is flagged for editing anyway, see draft.ts).
 */

// Openers that announce a problem instead of stating it: "Small thing:", "FYI -", "It seems that".
const LEAD_INS = [
  /^(?:(?:a |one )?(?:small|quick|minor|tiny|weird|strange|odd|simple|another|one more|big) (?:thing|question|issue|problem|one|bug|request|note))\s*(?:[:,.!–—-]+\s*|\s+)/i,
  /^(?:fyi|ps|p\.s\.|heads up|update|bug|issue|problem|note|also|so|ok|okay|well|anyway|unfortunately|apparently|actually|basically|leider|also|übrigens)\s*[:,.!–—-]*\s+/i,
  /^(?:it (?:seems|looks|appears)(?: like| that)?|looks like|seems like|(?:i|we) (?:just )?(?:noticed|found|realised|realized|see|saw|think|believe)(?: that)?|(?:i|we) (?:just )?wanted to (?:let you know|report|mention|flag)(?: that)?|just (?:a )?heads up(?: that)?|(?:we're|we are|i'm|i am) (?:seeing|having|experiencing))\s+/i,
];

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember)';
const WEEKDAY = '(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag';
const PART_OF_DAY = '(?:morning|afternoon|evening|night|weekend|week|month|year|quarter)';

// When it happened: useful in the description, noise in a title. Each with its connecting word.
// A bare weekday stays ("weeks start on Sunday"); "since Monday" and "last Monday" go.
const DATES = [
  `(?:ever )?since (?:then|(?:this|last|yesterday) ${PART_OF_DAY}|yesterday|today|(?:last )?(?:${WEEKDAY})|the (?:last|latest) (?:update|release|upgrade))`,
  `(?:as of |starting |from |on |until )?(?:(?:this|last|yesterday|earlier this|past) ${PART_OF_DAY}|yesterday|today|tonight|earlier today|last (?:${WEEKDAY}))`,
  `(?:on |since |from |as of )?(?:the )?\\d{1,2}(?:st|nd|rd|th)(?: of ${MONTH})?`,
  `(?:on |since |in |from |as of )?${MONTH}\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?`,
  `(?:on |since |am |seit )?\\d{1,2}\\.? ${MONTH}\\.?(?: \\d{4})?`,
  `(?:on |since |am |seit )?\\d{4}-\\d{2}-\\d{2}|(?:on |since |am |seit )?\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}`,
  `(?:for (?:a few|several|some|two|three|\\d+) (?:days|weeks|months)|(?:a few|several|some|\\d+) (?:days|weeks|months|hours) ago|recently|right now|at the moment|currently)`,
];
// German dates go only after the first word: "Seit gestern funktioniert…" without them would
// start with its verb.
const GERMAN_DATES = `(?<=\\S )(?<!^(?:seit|ab) )(?:(?:seit )?(?:heute|gestern|vorgestern)(?: (?:morgen|früh|abend|nachmittag))?|seit (?:letzter|dieser|einer) woche|(?:letzte|diese) woche|seit (?:${WEEKDAY})|seit kurzem|momentan|aktuell)`;
const DATE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...DATES, GERMAN_DATES].join('|')})(?![\\p{L}\\p{N}])`, 'giu');

// Politeness and hedges: nothing an engineer needs in a title.
const POLITE = /(?<![\p{L}])(?:please|kindly|just|somehow|really|bitte|leider|irgendwie|eigentlich)(?![\p{L}])\s*/giu;

/** The customer's sentence as a title of at most MAX_TITLE_CHARS: cleaned, then shortened if needed. */
export function titleFrom(sentence: string): string {
  const clean = cleanTitle(sentence);
  return clean ? shorten(clean) : '';
}

/**
 * The sentence without lead-ins, dates, politeness and the customer's "we"/"our"/"I". A
 * description keeps the dates (when it started) and the person (a fact reads as the customer put it).
 */
export function cleanTitle(sentence: string, options: { keepDates?: boolean; keepPerson?: boolean } = {}): string {
  let s = tidy(sentence);
  // Removing one thing can uncover another: "Small thing: since Monday, our…".
  for (let prev = ''; prev !== s; ) {
    prev = s;
    for (const lead of LEAD_INS) s = s.replace(lead, '');
    s = tidy((options.keepDates ? s : s.replace(DATE, ' ')).replace(POLITE, ''));
  }
  return capitalise(options.keepPerson ? s : tidy(withoutFirstPerson(s)));
}

/** Spaces, and the punctuation left dangling at the ends or doubled where words were removed. */
function tidy(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
    .replace(/^[\s,;:.!?–—-]+/, '')
    .replace(/[\s.!?,;:–—-]+$/, '')
    .trim();
}

/**
 * "We can't log in" -> "Can't log in", "I get a 500" -> "A 500", "Our sync fails" -> "Sync fails",
 * "in your dashboard" -> "in the dashboard". Who reported it is on the conversation, not the title.
 */
function withoutFirstPerson(s: string): string {
  return s
    .replace(/^(?:i|we)(?: (?:still|also|now|always|sometimes|keep))? (?:get|see|receive|getting|seeing|receiving|keep getting|keep seeing)\s+/i, '')
    .replace(/^(?:i|we)(?:'ve| have|'re| are|'m| am)?\s+(?=\S)/i, '')
    .replace(/^(?:our|my)\s+/i, '')
    .replace(/(?<![\p{L}])(?:our|my|your)(?= )/giu, 'the')
    .replace(/ (?:for (?:us|me))(?=[\s,.;:!?]|$)/gi, '');
}

/**
 * Within MAX_TITLE_CHARS without cutting a word when it can be helped: parenthesised asides go,
 * then trailing clauses (", so …", " because …"), then articles; a leading "several colleagues
 * with" goes; a cut on a word with "…" is the last resort.
 */
function shorten(title: string): string {
  if (title.length <= MAX_TITLE_CHARS) return title;
  const plain = title.replace(/\s*\([^)]*\)/g, '').replace(/\s*\[[^\]]*\]/g, '');
  const versions = [plain, withoutPeople(plain)];
  for (const version of versions) {
    for (const head of clauseHeads(version)) {
      const fitted = [head, withoutArticles(head)].find((t) => t.length <= MAX_TITLE_CHARS && wordCount(t) >= 3);
      if (fitted) return capitalise(fitted);
    }
  }
  return truncateOnWord(plain, MAX_TITLE_CHARS);
}

// Where a sentence's main statement ends and an explanation or consequence begins.
const CLAUSE_BREAK = /,?\s+(?:so|because|but|which|as|since|while|although|and then|so that|weil|da|aber|sodass|obwohl|und dann)\s+|[,;:]\s+|\s+[–—-]\s+/giu;

/** The sentence, then ever shorter runs of its leading clauses. */
function clauseHeads(s: string): string[] {
  const heads = [s];
  for (const match of [...s.matchAll(CLAUSE_BREAK)].reverse()) heads.push(s.slice(0, match.index).trim());
  return heads.filter(Boolean);
}

function withoutArticles(s: string): string {
  return capitalise(s.replace(/(?<![\p{L}])(?:the|a|an) /giu, ''));
}

// "Several colleagues with Outlook addresses …" -> "Outlook addresses …" (only when too long).
const PEOPLE =
  /^(?:several|some|many|a few|multiple|all|most|mehrere|einige|viele|alle) (?:of (?:the )?)?(?:colleagues|users|people|team members|members|customers|staff|agents|employees|kollegen|kolleginnen|nutzer|benutzer|mitarbeiter|mitarbeitende|kunden)(?: (?:with|using|on|in|mit|von|auf|in))? /i;

function withoutPeople(s: string): string {
  return capitalise(s.replace(PEOPLE, ''));
}

/** "the export…" -> "The export…"; "iPhone", "macOS" and "ERR_401" stay as written. */
function capitalise(s: string): string {
  return /^\p{Ll}+(?![\p{L}\p{N}_]*\p{Lu})/u.test(s) ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}
