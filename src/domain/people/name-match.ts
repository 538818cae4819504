import distance from 'jaro-winkler';
import type { SlackUser } from '../people.js';
import { firstNamesAgree } from './first-names.js';
import { isLatinToken, nameTokenVariants } from './name-tokens.js';

/**
 * The lowest score a name match needs. Surnames are compared with Jaro-Winkler, which tolerates a
 * typo (Thompson/Thomson 0.975, Petersen/Peterson 0.95) but not a different name (Hansen/Hanson
 * 0.933, Smith/Smyth 0.893). Jaro-Winkler is never run on whole names: there it scores Jon Smith /
 * Jonathan Smith (same person) at 0.84 and John Smith / Joan Smith (different people) at 0.95.
 */
export const NAME_MATCH_THRESHOLD = 0.95;

/** How far the best candidate must be ahead of the next one; closer than this is ambiguous. */
export const NAME_MATCH_MARGIN = 0.03;

/**
 * Score factor when the first names agree only as prefix or nickname (Jon/Jonathan, Bob/Robert):
 * enough to pass with an exact surname, not together with a misspelt one, and an exact first name
 * still wins over it by more than the margin.
 */
const VARIANT_FIRST_NAME_FACTOR = 0.96;

export type NameMatch = { user: SlackUser; score: number } | 'ambiguous' | null;

/** One of a user's names, prepared for comparison. */
interface NameForm {
  /** Each token taken as the first name, with the others (sorted) as the surname. */
  readings: Array<{ first: string; surname: string }>;
  /**
   * The name when it is a single word and comes from a real name. Display names are nicknames and
   * handles: "Alex" alone must not pick whichever Alex chose "alex" as display name.
   */
  singleWord: string | null;
}

/**
 * The one Slack user whose name clearly matches `name`, 'ambiguous' when two or more are about as
 * good, null when none is good enough. `users` must already be the eligible ones.
 */
export function findByName(name: string, users: readonly SlackUser[]): NameMatch {
  const wanted = wantedNames(name);
  if (wanted.length === 0) return null;
  let best: { user: SlackUser; score: number } | null = null;
  let runnerUp = 0;
  for (const user of users) {
    const score = userScore(wanted, user);
    if (score === 0) continue;
    if (!best || score > best.score) {
      runnerUp = best?.score ?? 0;
      best = { user, score };
    } else if (score > runnerUp) {
      runnerUp = score;
    }
  }
  if (!best || best.score < NAME_MATCH_THRESHOLD) return null;
  return best.score - runnerUp < NAME_MATCH_MARGIN ? 'ambiguous' : best;
}

/** How well a Slack user's names match a name, 0 to 1 (exported for calibration and tests). */
export function nameScore(name: string, user: SlackUser): number {
  return userScore(wantedNames(name), user);
}

/** The teammate's name: first name + sorted surname tokens, or a single word. */
interface WantedName {
  first: string;
  surname: string;
}

function wantedNames(name: string): WantedName[] {
  return nameTokenVariants(name).map(([first = '', ...rest]) => ({ first, surname: joinSorted(rest) }));
}

function userScore(wanted: WantedName[], user: SlackUser): number {
  let best = 0;
  for (const form of nameForms(user)) {
    for (const name of wanted) best = Math.max(best, formScore(name, form));
  }
  return best;
}

/**
 * Name forms by user object. The directory hands out the same objects until its next refresh, so
 * each user is normalised once per refresh instead of once per teammate on every ticket.
 */
const formsCache = new WeakMap<SlackUser, NameForm[]>();

function nameForms(user: SlackUser): NameForm[] {
  const cached = formsCache.get(user);
  if (cached) return cached;
  const forms: NameForm[] = [];
  const add = (text: string, realName: boolean) => {
    for (const tokens of nameTokenVariants(text)) {
      // The candidate's words may come in any order ("García José"): each is tried as first name.
      const readings =
        tokens.length < 2
          ? []
          : tokens.map((first, i) => ({ first, surname: joinSorted(tokens.filter((_, j) => j !== i)) }));
      forms.push({ readings, singleWord: realName && tokens.length === 1 ? tokens[0]! : null });
    }
  };
  add(user.realName, true);
  add(`${user.firstName} ${user.lastName}`, true);
  add(user.displayName, false);
  formsCache.set(user, forms);
  return forms;
}

function formScore(wanted: WantedName, form: NameForm): number {
  if (!wanted.surname) return wanted.first === form.singleWord ? 1 : 0;
  let best = 0;
  for (const reading of form.readings) {
    const agreement = firstNamesAgree(wanted.first, reading.first);
    if (!agreement) continue;
    const factor = agreement === 'same' ? 1 : VARIANT_FIRST_NAME_FACTOR;
    best = Math.max(best, factor * surnameSimilarity(wanted.surname, reading.surname));
  }
  return best;
}

function surnameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.split(' ').every(isLatinToken) || !b.split(' ').every(isLatinToken)) return 0;
  return distance(a, b, { caseSensitive: false });
}

function joinSorted(tokens: string[]): string {
  return [...tokens].sort().join(' ');
}
