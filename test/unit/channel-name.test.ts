import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_NAME_MAX,
  CHANNEL_TOPIC_MAX,
  channelName,
  channelNameWithSuffix,
  channelTopic,
} from '../../src/domain/channel-name.js';

const SLACK_NAME = /^[a-z0-9][a-z0-9_-]{0,79}$/;
const ticketIds = fc
  .tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,9}$/), fc.integer({ min: 1, max: 999_999_999 }))
  .map(([prefix, n]) => `${prefix}-${n}`);
const titles = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc
    .array(fc.constantFrom('Ünïcödé', "can't", 'SSO!!', '--', '__', 'ß', '日本語', '🙂', ' ', 'x'.repeat(90)), { maxLength: 20 })
    .map((words) => words.join(' ')),
);

describe('channelName', () => {
  it.each([
    ['JMP-123', "Can't log in with SSO!", 'jmp-123-cant-log-in-with-sso'],
    ['JMP-7', 'Überweisung fällt aus', 'jmp-7-uberweisung-fallt-aus'],
    ['JMP-8', '  --Export  to   CSV -- broken?? ', 'jmp-8-export-to-csv-broken'],
    ['JMP-9', 'user_id field is empty', 'jmp-9-user-id-field-is-empty'],
    ['JMP-10', 'Straße & Søren’s café', 'jmp-10-strasse-sorens-cafe'],
    ['JMP-11', 'ログインできない', 'jmp-11'],
    ['JMP-12', '!!!', 'jmp-12'],
    ['JMP-13', '', 'jmp-13'],
    ['42', 'No prefix', '42-no-prefix'],
  ])('%s + %j -> %s', (id, title, expected) => {
    expect(channelName(id, title)).toBe(expected);
  });

  it('cuts a long title at a word boundary, within 80 characters', () => {
    const name = channelName('JMP-123', 'Customers cannot download their invoices as PDF from the billing page since the last release');
    expect(name).toBe('jmp-123-customers-cannot-download-their-invoices-as-pdf-from-the-billing-page');
    expect(name.length).toBeLessThanOrEqual(CHANNEL_NAME_MAX);
  });

  it('cuts a title that is one long word inside the word', () => {
    const name = channelName('JMP-1', 'a'.repeat(200));
    expect(name).toBe(`jmp-1-${'a'.repeat(74)}`);
  });

  it('refuses a ticket id with nothing usable in it', () => {
    expect(() => channelName('—', 'Title')).toThrow(RangeError);
  });

  it('always gives a valid Slack name that starts with the lower-cased id', () => {
    fc.assert(
      fc.property(ticketIds, titles, (id, title) => {
        const name = channelName(id, title);
        expect(name).toMatch(SLACK_NAME);
        expect(name).not.toMatch(/--|-$/);
        expect(name === id.toLowerCase() || name.startsWith(`${id.toLowerCase()}-`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is stable: the same ticket gives the same name', () => {
    fc.assert(
      fc.property(ticketIds, titles, (id, title) => {
        expect(channelName(id, title)).toBe(channelName(id, title));
        expect(channelName(id, title.normalize('NFD'))).toBe(channelName(id, title.normalize('NFC')));
      }),
    );
  });
});

describe('channelNameWithSuffix', () => {
  it('appends the number', () => {
    expect(channelNameWithSuffix('jmp-123-login-fails', 2)).toBe('jmp-123-login-fails-2');
    expect(channelNameWithSuffix('jmp-123', 9)).toBe('jmp-123-9');
  });

  it('shortens the title, not the id, to stay within 80 characters', () => {
    const base = channelName('JMP-123', 'Customers cannot download their invoices as PDF from the billing page since the last release');
    expect(channelNameWithSuffix(base, 12)).toBe(`${base}-12`);
    const name = channelNameWithSuffix(base, 100);
    expect(name).toBe('jmp-123-customers-cannot-download-their-invoices-as-pdf-from-the-billing-100');
    expect(name.length).toBeLessThanOrEqual(CHANNEL_NAME_MAX);
  });

  it.each([0, 1, 2.5, -3])('refuses %d', (n) => {
    expect(() => channelNameWithSuffix('jmp-1', n)).toThrow(RangeError);
  });

  it('always gives a valid Slack name that keeps the id and ends with the suffix', () => {
    fc.assert(
      fc.property(ticketIds, titles, fc.integer({ min: 2, max: 10_000 }), (id, title, n) => {
        const name = channelNameWithSuffix(channelName(id, title), n);
        expect(name).toMatch(SLACK_NAME);
        expect(name).not.toMatch(/--/);
        expect(name.startsWith(`${id.toLowerCase()}-`)).toBe(true);
        expect(name.endsWith(`-${n}`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('channelTopic', () => {
  const url = 'https://www.notion.so/acme/Login-fails-1a2b3c4d5e6f70819293a4b5c6d7e8f9';

  it('is the Notion URL', () => {
    expect(channelTopic(url)).toBe(url);
  });

  it('uses the short form of a Notion URL too long for a topic', () => {
    const long = `https://www.notion.so/acme/${'Very-long-title-'.repeat(20)}1a2b3c4d5e6f70819293a4b5c6d7e8f9?pvs=4`;
    expect(channelTopic(long)).toBe('https://www.notion.so/1a2b3c4d5e6f70819293a4b5c6d7e8f9');
    expect(channelTopic(long).length).toBeLessThanOrEqual(CHANNEL_TOPIC_MAX);
  });
});
