import { describe, expect, it } from 'vitest';
import type { SlackUser } from '../../../src/domain/people.js';
import {
  emailsToLookUp,
  matchTeammates,
  slackUserIdsToInvite,
} from '../../../src/domain/people/match-teammates.js';
import { NAME_MATCH_THRESHOLD } from '../../../src/domain/people/name-match.js';
import { slackUser } from './slack-user.js';

const BOT = 'UBOT';

interface Row {
  case: string;
  teammate: { name: string; email?: string };
  directory: SlackUser[];
  /** users.lookupByEmail answers, keyed by lower-cased email. */
  lookups?: Record<string, SlackUser | null>;
  expected: { by: 'email' | 'name'; user: string } | { reason: 'no_match' | 'ambiguous' | 'deactivated' };
}

const johnSmith = slackUser('UJOHN', { realName: 'John Smith', email: 'john@acme.com' });

const rows: Row[] = [
  {
    case: 'exact email in different case and with spaces (lookup)',
    teammate: { name: 'Ana Silva', email: '  Ana.Silva@ACME.com ' },
    directory: [],
    lookups: { 'ana.silva@acme.com': slackUser('UANA', { realName: 'Ana Silva', email: 'ana.silva@acme.com' }) },
    expected: { by: 'email', user: 'UANA' },
  },
  {
    case: 'exact email in different case (directory)',
    teammate: { name: 'Someone Else Entirely', email: 'JOHN@acme.com' },
    directory: [johnSmith],
    expected: { by: 'email', user: 'UJOHN' },
  },
  {
    case: 'different email, same name',
    teammate: { name: 'Priya Patel', email: 'priya@old-domain.com' },
    directory: [slackUser('UPRIYA', { realName: 'Priya Patel', email: 'priya@acme.com' })],
    lookups: { 'priya@old-domain.com': null },
    expected: { by: 'name', user: 'UPRIYA' },
  },
  {
    case: 'Jon Smith is Jonathan Smith (prefix of the first name)',
    teammate: { name: 'Jon Smith' },
    directory: [slackUser('UJONATHAN', { realName: 'Jonathan Smith' })],
    expected: { by: 'name', user: 'UJONATHAN' },
  },
  {
    case: 'José García is Jose Garcia (accents folded)',
    teammate: { name: 'José García' },
    directory: [slackUser('UJOSE', { realName: 'Jose Garcia' })],
    expected: { by: 'name', user: 'UJOSE' },
  },
  {
    case: '"Garcia, José" is José García (last, first)',
    teammate: { name: 'Garcia, José' },
    directory: [slackUser('UJOSE', { realName: 'José García' })],
    expected: { by: 'name', user: 'UJOSE' },
  },
  {
    case: '"Smith, John" is John Smith',
    teammate: { name: 'Smith, John' },
    directory: [johnSmith],
    expected: { by: 'name', user: 'UJOHN' },
  },
  {
    case: 'García José (family name first, no comma) is José García',
    teammate: { name: 'García José' },
    directory: [slackUser('UJOSE', { realName: 'José García' })],
    expected: { by: 'name', user: 'UJOSE' },
  },
  {
    case: 'John Smith is not Joan Smith',
    teammate: { name: 'John Smith' },
    directory: [slackUser('UJOAN', { realName: 'Joan Smith' })],
    expected: { reason: 'no_match' },
  },
  {
    case: 'John Smith is not Jane Smith',
    teammate: { name: 'John Smith' },
    directory: [slackUser('UJANE', { realName: 'Jane Smith' })],
    expected: { reason: 'no_match' },
  },
  {
    // Spelling variants are different names, as John and Joan are; a missed invite costs a click,
    // a wrong one puts a stranger in an internal channel.
    case: 'Katherine Lee is not Catherine Lee',
    teammate: { name: 'Katherine Lee' },
    directory: [slackUser('UCATH', { realName: 'Catherine Lee' })],
    expected: { reason: 'no_match' },
  },
  {
    case: 'Kate Lee is Katherine Lee (nickname)',
    teammate: { name: 'Kate Lee' },
    directory: [slackUser('UKATH', { realName: 'Katherine Lee' })],
    expected: { by: 'name', user: 'UKATH' },
  },
  {
    case: 'Bob Jones is Robert Jones (nickname)',
    teammate: { name: 'Bob Jones' },
    directory: [slackUser('UROB', { realName: 'Robert Jones' })],
    expected: { by: 'name', user: 'UROB' },
  },
  {
    case: 'Mike Brown is Michael Brown',
    teammate: { name: 'Mike Brown' },
    directory: [slackUser('UMICH', { realName: 'Michael Brown' })],
    expected: { by: 'name', user: 'UMICH' },
  },
  {
    case: 'Bill Turner is William Turner, found through first + last name fields',
    teammate: { name: 'Bill Turner' },
    directory: [slackUser('UWILL', { realName: 'W. T.', firstName: 'William', lastName: 'Turner' })],
    expected: { by: 'name', user: 'UWILL' },
  },
  {
    case: 'Chris Evans is Christopher Evans',
    teammate: { name: 'Chris Evans' },
    directory: [slackUser('UCHRIS', { realName: 'Christopher Evans' })],
    expected: { by: 'name', user: 'UCHRIS' },
  },
  {
    case: 'two Alex Kims are ambiguous',
    teammate: { name: 'Alex Kim' },
    directory: [slackUser('UKIM1', { realName: 'Alex Kim' }), slackUser('UKIM2', { displayName: 'Alex Kim' })],
    expected: { reason: 'ambiguous' },
  },
  {
    case: 'an exact Alex Kim wins over Alexander Kim',
    teammate: { name: 'Alex Kim' },
    directory: [slackUser('UALEXANDER', { realName: 'Alexander Kim' }), slackUser('UALEX', { realName: 'Alex Kim' })],
    expected: { by: 'name', user: 'UALEX' },
  },
  {
    case: 'a deleted user with the same email is no match, and is named as deactivated',
    teammate: { name: 'Dana White', email: 'dana@acme.com' },
    directory: [slackUser('UDANA', { realName: 'Dana White', email: 'dana@acme.com', deleted: true })],
    lookups: { 'dana@acme.com': slackUser('UDANA', { realName: 'Dana White', email: 'dana@acme.com', deleted: true }) },
    expected: { reason: 'deactivated' },
  },
  {
    case: 'a deleted account does not hide the active one with the same name',
    teammate: { name: 'Dana White', email: 'dana@acme.com' },
    directory: [
      slackUser('UOLD', { realName: 'Dana White', email: 'dana@acme.com', deleted: true }),
      slackUser('UNEW', { realName: 'Dana White', email: 'dana.white@acme.com' }),
    ],
    lookups: { 'dana@acme.com': slackUser('UOLD', { realName: 'Dana White', email: 'dana@acme.com', deleted: true }) },
    expected: { by: 'name', user: 'UNEW' },
  },
  {
    case: 'a bot named like a person is no match, even by email',
    teammate: { name: 'Sam Taylor', email: 'sam@acme.com' },
    directory: [slackUser('BSAM', { realName: 'Sam Taylor', email: 'sam@acme.com', isBot: true })],
    expected: { reason: 'no_match' },
  },
  {
    case: 'an app user is no match',
    teammate: { name: 'Sam Taylor' },
    directory: [slackUser('USAMAPP', { realName: 'Sam Taylor', isAppUser: true })],
    expected: { reason: 'no_match' },
  },
  {
    case: 'Slackbot is never matched',
    teammate: { name: 'Slackbot' },
    directory: [slackUser('USLACKBOT', { realName: 'Slackbot', displayName: 'Slackbot' })],
    expected: { reason: 'no_match' },
  },
  {
    case: 'the app’s own bot user is never matched',
    teammate: { name: 'Ticket Helper', email: 'helper@acme.com' },
    directory: [slackUser(BOT, { realName: 'Ticket Helper', email: 'helper@acme.com' })],
    expected: { reason: 'no_match' },
  },
  {
    case: 'a one-word name matches the same one-word real name',
    teammate: { name: 'Prince' },
    directory: [slackUser('UPRINCE', { realName: 'Prince' })],
    expected: { by: 'name', user: 'UPRINCE' },
  },
  {
    case: 'a one-word name does not take a longer name',
    teammate: { name: 'Alex' },
    directory: [slackUser('UALEX', { realName: 'Alex Kim' })],
    expected: { reason: 'no_match' },
  },
  {
    case: 'a one-word name does not take a one-word display name',
    teammate: { name: 'Alex' },
    directory: [slackUser('UALEX', { realName: 'Alex Kim', displayName: 'alex' })],
    expected: { reason: 'no_match' },
  },
  {
    case: 'an empty name matches nobody, not even a user with empty names',
    teammate: { name: '' },
    directory: [slackUser('UEMPTY'), johnSmith],
    expected: { reason: 'no_match' },
  },
  {
    case: 'titles and emoji are ignored: "Dr. Anna Müller" is "Anna Müller 🌴"',
    teammate: { name: 'Dr. Anna Müller' },
    directory: [slackUser('UANNA', { realName: 'Anna Müller 🌴' })],
    expected: { by: 'name', user: 'UANNA' },
  },
  {
    case: 'Müller is also Mueller',
    teammate: { name: 'Anna Müller' },
    directory: [slackUser('UANNA', { realName: 'Anna Mueller' })],
    expected: { by: 'name', user: 'UANNA' },
  },
  {
    case: 'pronouns in a display name are ignored',
    teammate: { name: 'Sofia Rossi' },
    directory: [slackUser('USOFIA', { displayName: 'Sofia Rossi (she/her)' })],
    expected: { by: 'name', user: 'USOFIA' },
  },
  {
    case: 'a middle initial is ignored',
    teammate: { name: 'John F. Smith' },
    directory: [johnSmith],
    expected: { by: 'name', user: 'UJOHN' },
  },
  {
    case: 'apostrophes do not split a name: O’Brien is O\'Brien',
    teammate: { name: "Liam O'Brien" },
    directory: [slackUser('ULIAM', { realName: 'Liam O’Brien' })],
    expected: { by: 'name', user: 'ULIAM' },
  },
  {
    case: 'a non-Latin name matches when exactly equal',
    teammate: { name: '山田 太郎' },
    directory: [slackUser('UYAMADA', { realName: '山田 太郎' })],
    expected: { by: 'name', user: 'UYAMADA' },
  },
  {
    case: 'a non-Latin name is not matched fuzzily',
    teammate: { name: 'Иван Петров' },
    directory: [slackUser('UPETROVA', { realName: 'Иван Петрова' })],
    expected: { reason: 'no_match' },
  },
  {
    case: 'a name in Cyrillic does not match its Latin transliteration',
    teammate: { name: 'Иван Петров' },
    directory: [slackUser('UIVAN', { realName: 'Ivan Petrov' })],
    expected: { reason: 'no_match' },
  },
  {
    case: 'a hyphenated surname matches with or without the hyphen',
    teammate: { name: 'Mary Smith-Jones' },
    directory: [slackUser('UMARY', { realName: 'Mary Smith Jones' })],
    expected: { by: 'name', user: 'UMARY' },
  },
  {
    case: 'a hyphenated surname does not match one half of it',
    teammate: { name: 'Mary Smith-Jones' },
    directory: [slackUser('UMARY', { realName: 'Mary Jones' })],
    expected: { reason: 'no_match' },
  },
  {
    case: 'a typo in the surname is tolerated (Thompson/Thomson)',
    teammate: { name: 'Anna Thompson' },
    directory: [slackUser('UANNA', { realName: 'Anna Thomson' })],
    expected: { by: 'name', user: 'UANNA' },
  },
  {
    case: 'a different surname is not (Hansen/Hanson)',
    teammate: { name: 'Erik Hansen' },
    directory: [slackUser('UERIK', { realName: 'Erik Hanson' })],
    expected: { reason: 'no_match' },
  },
  {
    case: 'a nickname and a misspelt surname together are too weak',
    teammate: { name: 'Jon Thompson' },
    directory: [slackUser('UJONATHAN', { realName: 'Jonathan Thomson' })],
    expected: { reason: 'no_match' },
  },
  {
    case: 'a guest who shares a teammate’s name is not matched by name',
    teammate: { name: 'Lena Fischer' },
    directory: [slackUser('UGUEST', { realName: 'Lena Fischer', isRestricted: true })],
    expected: { reason: 'no_match' },
  },
  {
    case: 'a guest with the teammate’s email is the teammate',
    teammate: { name: 'Lena Fischer', email: 'lena@acme.com' },
    directory: [slackUser('UGUEST', { realName: 'Lena Fischer', email: 'lena@acme.com', isRestricted: true })],
    expected: { by: 'email', user: 'UGUEST' },
  },
];

describe('matchTeammates', () => {
  it.each(rows)('$case', (row) => {
    const teammate = { id: 'A1', name: row.teammate.name, email: row.teammate.email ?? null };
    const [match, ...others] = matchTeammates({
      teammates: [teammate],
      byEmail: new Map(Object.entries(row.lookups ?? {})),
      directory: row.directory,
      botUserId: BOT,
    });
    expect(others).toEqual([]);
    expect(match?.teammate).toBe(teammate);
    if ('reason' in row.expected) {
      expect(match).toMatchObject({ slackUser: null, reason: row.expected.reason });
    } else {
      expect(match).toMatchObject({ by: row.expected.by, slackUser: { id: row.expected.user } });
      const score = match?.slackUser ? match.score : NaN;
      expect(score).toBeGreaterThanOrEqual(row.expected.by === 'email' ? 1 : NAME_MATCH_THRESHOLD);
    }
  });

  it('has at least 25 table rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(25);
  });

  it('scores an exact name 1 and a nickname or prefix match lower', () => {
    const directory = [slackUser('UJOHN', { realName: 'John Smith' }), slackUser('UROB', { realName: 'Robert Jones' })];
    const matches = matchTeammates({
      teammates: [
        { id: 'A1', name: 'John Smith', email: null },
        { id: 'A2', name: 'Bob Jones', email: null },
      ],
      byEmail: new Map(),
      directory,
      botUserId: null,
    });
    const scores = matches.map((m) => (m.slackUser ? m.score : null));
    expect(scores[0]).toBe(1);
    expect(scores[1]).toBeLessThan(1);
    expect(scores[1]).toBeGreaterThanOrEqual(NAME_MATCH_THRESHOLD);
  });

  it('returns one result per teammate id, in input order', () => {
    const matches = matchTeammates({
      teammates: [
        { id: 'A2', name: 'John Smith', email: null },
        { id: 'A1', name: 'Nobody Known', email: null },
        { id: 'A2', name: 'John Smith', email: null },
      ],
      byEmail: new Map(),
      directory: [johnSmith],
      botUserId: BOT,
    });
    expect(matches.map((m) => [m.teammate.id, m.slackUser?.id ?? null])).toEqual([
      ['A2', 'UJOHN'],
      ['A1', null],
    ]);
  });

  it('reports that names could not be tried while the directory is loading', () => {
    const [match] = matchTeammates({
      teammates: [{ id: 'A1', name: 'John Smith', email: 'john.smith@elsewhere.com' }],
      byEmail: new Map([['john.smith@elsewhere.com', null]]),
      directory: null,
      botUserId: BOT,
    });
    expect(match).toMatchObject({ slackUser: null, reason: 'no_email_no_directory' });
  });

  it('still matches by email while the directory is loading', () => {
    const [match] = matchTeammates({
      teammates: [{ id: 'A1', name: 'John Smith', email: 'John@Acme.com' }],
      byEmail: new Map([['john@acme.com', johnSmith]]),
      directory: null,
      botUserId: BOT,
    });
    expect(match).toMatchObject({ by: 'email', slackUser: { id: 'UJOHN' } });
  });

  it('falls back to the directory’s emails when a lookup found nothing', () => {
    const [match] = matchTeammates({
      teammates: [{ id: 'A1', name: 'J. S.', email: 'john@acme.com' }],
      byEmail: new Map([['john@acme.com', null]]),
      directory: [johnSmith],
      botUserId: BOT,
    });
    expect(match).toMatchObject({ by: 'email', slackUser: { id: 'UJOHN' } });
  });

  it('does not take the same directory entry listed twice for two people', () => {
    const [match] = matchTeammates({
      teammates: [{ id: 'A1', name: 'John Smith', email: null }],
      byEmail: new Map(),
      directory: [johnSmith, { ...johnSmith }],
      botUserId: BOT,
    });
    expect(match).toMatchObject({ by: 'name', slackUser: { id: 'UJOHN' } });
  });

  it('matches two teammates to the same Slack user, who is invited once', () => {
    const matches = matchTeammates({
      teammates: [
        { id: 'A1', name: 'John Smith', email: 'john@acme.com' },
        { id: 'A2', name: 'John Smith', email: null },
        { id: 'A3', name: 'Robert Jones', email: null },
      ],
      byEmail: new Map([['john@acme.com', johnSmith]]),
      directory: [johnSmith, slackUser('UROB', { realName: 'Robert Jones' })],
      botUserId: BOT,
    });
    expect(matches.map((m) => m.slackUser?.id)).toEqual(['UJOHN', 'UJOHN', 'UROB']);
    expect(slackUserIdsToInvite(matches)).toEqual(['UJOHN', 'UROB']);
  });
});

describe('emailsToLookUp', () => {
  const teammates = [
    { id: 'A1', name: 'John Smith', email: ' JOHN@acme.com' },
    { id: 'A2', name: 'Ana Silva', email: 'Ana@Acme.com' },
    { id: 'A3', name: 'Ana Silva (second account)', email: 'ana@acme.com ' },
    { id: 'A4', name: 'No Email', email: null },
    { id: 'A5', name: 'Blank Email', email: '  ' },
    { id: 'A6', name: 'Dana White', email: 'dana@acme.com' },
  ];

  it('lists every distinct email, lower-cased, while the directory is loading', () => {
    expect(emailsToLookUp(teammates, null)).toEqual(['john@acme.com', 'ana@acme.com', 'dana@acme.com']);
  });

  it('leaves out emails an eligible directory user already answers', () => {
    const directory = [johnSmith, slackUser('UDANA', { email: 'dana@acme.com', deleted: true })];
    expect(emailsToLookUp(teammates, directory)).toEqual(['ana@acme.com', 'dana@acme.com']);
  });
});
