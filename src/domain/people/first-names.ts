import { isLatinToken } from './name-tokens.js';

/**
 * Common nicknames, by formal name. Deliberately small: every entry is a way for two different
 * people to be taken for one, so only pairs that are unambiguous in English and Spanish are here.
 * Spelling variants of the formal name (Katherine/Catherine) are not nicknames: they are
 * different names, as John and Joan are.
 */
const NICKNAMES: Record<string, string[]> = {
  abigail: ['abby'],
  andrew: ['andy', 'drew'],
  anthony: ['tony'],
  catherine: ['cathy', 'kate', 'katie'],
  charles: ['charlie', 'chuck'],
  deborah: ['debbie', 'deb'],
  edward: ['ed', 'eddie', 'ted', 'ned'],
  elizabeth: ['liz', 'lizzie', 'beth', 'betty', 'eliza'],
  francisco: ['paco', 'pancho'],
  geoffrey: ['jeff'],
  henry: ['harry', 'hank'],
  ignacio: ['nacho'],
  james: ['jim', 'jimmy', 'jamie'],
  jeffrey: ['jeff'],
  john: ['jack', 'johnny'],
  jose: ['pepe'],
  joseph: ['joe', 'joey'],
  katherine: ['kate', 'katie', 'kathy', 'kat'],
  kathryn: ['kate', 'katie', 'kathy'],
  lawrence: ['larry'],
  manuel: ['manny', 'manolo'],
  margaret: ['maggie', 'meg', 'peggy'],
  michael: ['mike', 'mikey', 'mick'],
  nathaniel: ['nate'],
  rebecca: ['becky', 'becca'],
  richard: ['rick', 'ricky', 'dick'],
  robert: ['bob', 'bobby', 'rob', 'robbie'],
  stephen: ['steve'],
  steven: ['steve'],
  susan: ['sue', 'susie'],
  thomas: ['tom', 'tommy'],
  victoria: ['vicky', 'tori'],
  william: ['bill', 'billy', 'will', 'willy', 'liam'],
};

/** Name -> the formal names it stands for (itself included when it is one). */
const FORMAL_NAMES = new Map<string, Set<string>>();
for (const [formal, nicknames] of Object.entries(NICKNAMES)) {
  for (const name of [formal, ...nicknames]) {
    const formals = FORMAL_NAMES.get(name) ?? new Set<string>();
    formals.add(formal);
    FORMAL_NAMES.set(name, formals);
  }
}

/** The shortest name that may stand for a longer one by prefix ("Jon" for "Jonathan", not "Jo"). */
const MIN_PREFIX = 3;

/**
 * Whether two folded, lower-case first names can belong to one person: `same` when equal,
 * `variant` when one is a prefix of the other (at least 3 letters) or both stand for the same formal
 * name (Bob/Robert, Bob/Rob), else null. Names outside a-z only agree when equal.
 */
export function firstNamesAgree(a: string, b: string): 'same' | 'variant' | null {
  if (a === b) return 'same';
  const formalsOfA = FORMAL_NAMES.get(a);
  const formalsOfB = FORMAL_NAMES.get(b);
  if (formalsOfA && formalsOfB && [...formalsOfA].some((formal) => formalsOfB.has(formal))) return 'variant';
  // Checked after the cheap first-letter test: this runs for every user in the directory.
  if (a[0] !== b[0] || !isLatinToken(a) || !isLatinToken(b)) return null;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= MIN_PREFIX && longer.startsWith(shorter) ? 'variant' : null;
}
