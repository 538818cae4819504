import { SANDBOX } from '../constants.js';
import type { AdminState } from '../fakes/intercom/intercom-store.js';
import { SLACK_BOT_ID, type SlackUserState } from '../fakes/slack/slack-store.js';

/**
 * Six Intercom teammates and the Slack directory they should (or should not) be matched to.
 * Each pair exercises one rule of the matcher:
 *   Dana    same email in both
 *   Priya   same email, different letter case in Slack
 *   Marcus  same name, different email
 *   Jon     "Jon Park" in Intercom, "Jonathan Park" in Slack, different email
 *   José    "José García" in Intercom, "Jose Garcia" in Slack, different email
 *   Aiko    same email, but her Slack account is deactivated: no match
 * plus decoys (Joan Parker, a bot named like a person), Slackbot and the app's own bot.
 */

export const DEMO_ADMINS: AdminState[] = [
  { id: SANDBOX.adminId, name: 'Dana Whitfield', email: 'dana@brightdesk.example', jobTitle: 'Support Lead' },
  { id: '7310002', name: 'Marcus Oyelaran', email: 'marcus.o@brightdesk.example', jobTitle: 'Support Engineer' },
  { id: '7310003', name: 'Jon Park', email: 'jon.park@brightdesk.example', jobTitle: 'Support Engineer' },
  { id: '7310004', name: 'José García', email: 'jose.garcia@brightdesk.example', jobTitle: 'Technical Account Manager' },
  { id: '7310005', name: 'Priya Raman', email: 'priya@brightdesk.example', jobTitle: 'Billing Specialist' },
  { id: '7310006', name: 'Aiko Tanaka', email: 'aiko@brightdesk.example', jobTitle: 'Support Engineer (DACH)' },
];

export const ADMIN = {
  dana: SANDBOX.adminId,
  marcus: '7310002',
  jon: '7310003',
  jose: '7310004',
  priya: '7310005',
  aiko: '7310006',
} as const;

function person(
  id: string,
  handle: string,
  realName: string,
  email: string | null,
  extra: Partial<SlackUserState> = {},
): SlackUserState {
  const [firstName = '', ...rest] = realName.split(' ');
  return {
    id,
    name: handle,
    realName,
    displayName: extra.displayName ?? firstName,
    firstName,
    lastName: rest.join(' '),
    email,
    deleted: false,
    isBot: false,
    isAppUser: false,
    isRestricted: false,
    botId: null,
    ...extra,
  };
}

export const SLACK_USER = {
  dana: 'U0SBX00001',
  marcus: 'U0SBX00002',
  jonathan: 'U0SBX00003',
  jose: 'U0SBX00004',
  priya: 'U0SBX00005',
  aiko: 'U0SBX00006',
  joan: 'U0SBX00007',
  sam: 'U0SBX00008',
  lena: 'U0SBX00009',
  deployBot: 'U0SBX00010',
} as const;

export const DEMO_SLACK_USERS: SlackUserState[] = [
  person(SLACK_USER.dana, 'dana', 'Dana Whitfield', 'dana@brightdesk.example'),
  person(SLACK_USER.marcus, 'marcus', 'Marcus Oyelaran', 'marcus@oyelaran.example', { displayName: 'Marcus O.' }),
  person(SLACK_USER.jonathan, 'jonathan.park', 'Jonathan Park', 'jpark@brightdesk-eng.example'),
  person(SLACK_USER.jose, 'jgarcia', 'Jose Garcia', 'jgarcia@contractors.example', { displayName: 'jose' }),
  person(SLACK_USER.priya, 'priya', 'Priya Raman', 'Priya@BrightDesk.example'),
  person(SLACK_USER.aiko, 'aiko', 'Aiko Tanaka', 'aiko@brightdesk.example', { deleted: true }),
  person(SLACK_USER.joan, 'joan', 'Joan Parker', 'joan.parker@brightdesk.example'),
  person(SLACK_USER.sam, 'sam', 'Sam Oduya', 'sam.oduya@brightdesk.example', { displayName: 'Sam (Platform)' }),
  person(SLACK_USER.lena, 'lena', 'Lena Vogel', 'lena.vogel@brightdesk.example'),
  person(SLACK_USER.deployBot, 'maya', 'Maya Deploys', null, { isBot: true, botId: 'B0SBX00010', displayName: 'Maya' }),
  person('USLACKBOT', 'slackbot', 'Slackbot', null, { displayName: 'Slackbot' }),
  person(SANDBOX.slackBotUserId, 'ticket-bot', 'Ticket Bot', null, { isBot: true, botId: SLACK_BOT_ID, displayName: 'Ticket Bot' }),
];
