import { describe, expect, it } from 'vitest';
import { eligible } from '../../../src/domain/people/eligible.js';
import { slackUser } from './slack-user.js';

describe('eligible', () => {
  it('accepts an active member and a guest', () => {
    expect(eligible(slackUser('U1'), 'UBOT')).toBe(true);
    expect(eligible(slackUser('U2', { isRestricted: true }), 'UBOT')).toBe(true);
  });

  it.each([
    ['a deactivated user', slackUser('U1', { deleted: true })],
    ['a bot user', slackUser('B1', { isBot: true })],
    ['an app user', slackUser('U1', { isAppUser: true })],
    ['Slackbot, which Slack does not flag as a bot', slackUser('USLACKBOT')],
    ['the app’s own bot', slackUser('UBOT')],
  ])('rejects %s', (_, user) => {
    expect(eligible(user, 'UBOT')).toBe(false);
  });

  it('accepts any person while the bot id is unknown', () => {
    expect(eligible(slackUser('UBOT'), null)).toBe(true);
  });
});
