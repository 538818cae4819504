import { describe, expect, it } from 'vitest';
import { findByName, NAME_MATCH_MARGIN, NAME_MATCH_THRESHOLD, nameScore } from '../../../src/domain/people/name-match.js';
import { slackUser } from './slack-user.js';

describe('nameScore', () => {
  it.each([
    ['John Smith', 'John Smith', 1],
    ['Jon Smith', 'Jonathan Smith', 0.96],
    ['Bob Jones', 'Robert Jones', 0.96],
    ['Anna Thompson', 'Anna Thomson', 0.975],
    ['John Smith', 'Joan Smith', 0],
  ])('%s / %s scores %d', (name, realName, expected) => {
    expect(nameScore(name, slackUser('U1', { realName }))).toBeCloseTo(expected, 3);
  });

  it('takes the best of real name, display name and first + last name', () => {
    const user = slackUser('U1', { realName: 'jsmith', displayName: 'Johnny', firstName: 'John', lastName: 'Smith' });
    expect(nameScore('John Smith', user)).toBe(1);
  });
});

describe('findByName', () => {
  it('takes the best candidate when it leads by the margin', () => {
    const exact = slackUser('UEXACT', { realName: 'Anna Thomson' });
    const typo = slackUser('UTYPO', { realName: 'Anna Thompson' });
    expect(1 - nameScore('Anna Thomson', typo)).toBeLessThan(NAME_MATCH_MARGIN);
    expect(findByName('Anna Thomson', [exact, typo])).toBe('ambiguous');
    expect(findByName('Anna Thomson', [exact])).toEqual({ user: exact, score: 1 });
  });

  it('counts a runner-up below the threshold when it is within the margin', () => {
    const best = slackUser('UBEST', { realName: 'Jonathan Johnson' });
    const close = slackUser('UCLOSE', { realName: 'Jon Johnsen' });
    const bestScore = nameScore('Jon Johnson', best);
    const closeScore = nameScore('Jon Johnson', close);
    expect(bestScore).toBeGreaterThanOrEqual(NAME_MATCH_THRESHOLD);
    expect(closeScore).toBeLessThan(NAME_MATCH_THRESHOLD);
    expect(bestScore - closeScore).toBeLessThan(NAME_MATCH_MARGIN);
    expect(findByName('Jon Johnson', [best, close])).toBe('ambiguous');
    expect(findByName('Jon Johnson', [best])).toEqual({ user: best, score: bestScore });
  });

  it('returns null below the threshold', () => {
    const user = slackUser('U1', { realName: 'Erik Hanson' });
    expect(nameScore('Erik Hansen', user)).toBeLessThan(NAME_MATCH_THRESHOLD);
    expect(findByName('Erik Hansen', [user])).toBeNull();
  });
});
