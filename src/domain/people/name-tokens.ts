import { foldDiacritics } from './fold-diacritics.js';

/** Titles and suffixes that say nothing about who someone is ("Dr. Anna Müller", "John Smith Jr."). */
const HONORIFICS = new Set([
  'dr', 'mr', 'mrs', 'ms', 'mx', 'miss', 'prof', 'sir', 'dame', 'jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq',
]);

const GERMAN_UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' };

/**
 * A person's name as lists of comparable tokens: folded, lower-case, without punctuation, emoji,
 * titles, middle initials, bracketed notes ("(she/her)", "[OOO]") or text after a "|". "Last, First"
 * is turned around. More than one list when the name has a German umlaut, because Slack may spell
 * "Müller" as "Muller" or as "Mueller".
 */
export function nameTokenVariants(name: string): string[][] {
  const cleaned = reorderLastFirst(name.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').split('|')[0] ?? '');
  const spellings = /[äöüÄÖÜ]/.test(cleaned)
    ? [cleaned, cleaned.replace(/[äöüÄÖÜ]/g, (u) => GERMAN_UMLAUTS[u] ?? u)]
    : [cleaned];
  return spellings.map(tokens).filter((list) => list.length > 0);
}

function reorderLastFirst(name: string): string {
  const [last, first, ...rest] = name.split(',');
  if (first === undefined || !/\p{L}/u.test(first) || !/\p{L}/u.test(last ?? '')) return name;
  return [first, last, ...rest].join(' ');
}

function tokens(name: string): string[] {
  const words = foldDiacritics(name)
    .toLowerCase()
    // "O'Brien" is one word, not "o" and "brien".
    .replace(/['’ʼ`´]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word && !HONORIFICS.has(word));
  const withoutInitials = words.filter((word) => !/^[a-z]$/.test(word));
  return withoutInitials.length >= 2 ? withoutInitials : words;
}

/** Whether a token can be compared loosely (prefixes, nicknames, Jaro-Winkler): plain a-z only. */
export function isLatinToken(token: string): boolean {
  return /^[a-z]+$/.test(token);
}
