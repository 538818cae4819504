import { ADMIN } from './demo-people.js';

/**
 * Twelve inbox conversations. Some describe an existing ticket in other words, some are new
 * problems, one is in German about an existing ticket, and two are already linked to tickets
 * (see demo-tickets.ts). Bodies are HTML, as Intercom stores them.
 */

export interface DemoMessage {
  /** `customer` for the contact, else the admin id of the teammate. */
  from: 'customer' | string;
  /** Teammate messages: customer-visible comment or internal note. */
  type?: 'comment' | 'note';
  html: string;
  minutesAfterStart: number;
}

export interface DemoConversation {
  id: string;
  /** Email subject, when the conversation came in by email. */
  title: string | null;
  customer: { id: string; name: string; email: string };
  state: 'open' | 'closed' | 'snoozed';
  assigneeId: string;
  hoursAgo: number;
  /** The first one is the customer's opening message. */
  messages: DemoMessage[];
}

export const CONVERSATION = {
  oktaLoop: '215470000000001',
  csvExport: '215470000000002',
  webhookSecret: '215470000000003',
  doubleCharge: '215470000000004',
  passwordResetGerman: '215470000000005',
  iosCrash: '215470000000006',
  calendarDuplicates: '215470000000007',
  viewerDeletesComments: '215470000000008',
  slackRename: '215470000000009',
  api429: '215470000000010',
  darkModeCharts: '215470000000011',
  smsBrazil: '215470000000012',
} as const;

export const DEMO_CONVERSATIONS: DemoConversation[] = [
  {
    id: CONVERSATION.oktaLoop,
    title: null,
    customer: { id: '66a1f0c2e4b0a1000000001', name: 'Megan Torres', email: 'megan.torres@brightline-logistics.example' },
    state: 'open',
    assigneeId: ADMIN.jon,
    hoursAgo: 5,
    messages: [
      {
        from: 'customer',
        html: '<p>Hi! Since this morning none of my team can get in through Okta. We click "Sign in with Okta", the page flashes, and we land back on your login screen.</p><p>Logging in with a password still works for my admin account. We have 40 people blocked right now.</p>',
        minutesAfterStart: 0,
      },
      {
        from: ADMIN.jon,
        type: 'comment',
        html: '<p>Sorry about that, Megan. Could you send us a HAR file of one attempt and tell us whether anything changed in your Okta app settings recently?</p>',
        minutesAfterStart: 12,
      },
      {
        from: 'customer',
        html: '<p>Nothing changed on our side as far as I know. HAR file attached. It redirects to /sso/callback and then straight to /login again.</p>',
        minutesAfterStart: 31,
      },
      {
        from: ADMIN.dana,
        type: 'note',
        html: '<p>Second customer this week with the Okta redirect loop. Engineering is already looking at something similar.</p>',
        minutesAfterStart: 40,
      },
    ],
  },
  {
    id: CONVERSATION.csvExport,
    title: 'Activity report export never finishes',
    customer: { id: '66a1f0c2e4b0a1000000002', name: 'Tom Becker', email: 'tom@northwind-analytics.example' },
    state: 'open',
    assigneeId: ADMIN.marcus,
    hoursAgo: 26,
    messages: [
      {
        from: 'customer',
        html: '<p>When I export the full activity report to CSV the spinner keeps going for several minutes and then I get "Something went wrong".</p><p>If I pick only the last week it downloads fine. We need the whole year for an audit.</p>',
        minutesAfterStart: 0,
      },
      {
        from: ADMIN.marcus,
        type: 'comment',
        html: '<p>Thanks Tom. How many records does the full report have roughly? As a stopgap you can export quarter by quarter and combine the files.</p>',
        minutesAfterStart: 45,
      },
      { from: 'customer', html: '<p>About 180,000 rows. Quarter by quarter works but it is tedious.</p>', minutesAfterStart: 70 },
    ],
  },
  {
    id: CONVERSATION.webhookSecret,
    title: null,
    customer: { id: '66a1f0c2e4b0a1000000003', name: 'Ravi Menon', email: 'ravi@payfront.example' },
    state: 'open',
    assigneeId: ADMIN.jose,
    hoursAgo: 9,
    messages: [
      {
        from: 'customer',
        html: '<p>We rotated the webhook signing secret yesterday in your dashboard. Since then our endpoint rejects every delivery because the signature does not match.</p><p>If I verify with the <em>old</em> secret the signature matches. Looks like you still sign with the previous one?</p>',
        minutesAfterStart: 0,
      },
      {
        from: ADMIN.jose,
        type: 'comment',
        html: '<p>Thanks for the detailed report, Ravi. Can you confirm the endpoint URL and the time you rotated the secret? I will check with our platform team.</p>',
        minutesAfterStart: 20,
      },
      {
        from: ADMIN.jose,
        type: 'note',
        html: '<p>Reproduced on a test workspace: after rotation the signer keeps the cached secret for at least 12 hours.</p>',
        minutesAfterStart: 95,
      },
    ],
  },
  {
    id: CONVERSATION.doubleCharge,
    title: 'Charged twice this month',
    customer: { id: '66a1f0c2e4b0a1000000004', name: 'Helen Park', email: 'finance@oakridge-dental.example' },
    state: 'open',
    assigneeId: ADMIN.priya,
    hoursAgo: 30,
    messages: [
      {
        from: 'customer',
        html: '<p>We upgraded from Team to Business on the 3rd and our card was charged for both plans: invoices INV-20931 and INV-20944. Please refund the Team charge.</p>',
        minutesAfterStart: 0,
      },
      {
        from: ADMIN.priya,
        type: 'comment',
        html: '<p>Hi Helen, I can see both charges. I have asked our billing team to refund INV-20931 and will confirm once it is done.</p>',
        minutesAfterStart: 25,
      },
      {
        from: ADMIN.priya,
        type: 'note',
        html: '<p>The upgrade did not prorate: the old subscription was never cancelled.</p>',
        minutesAfterStart: 30,
      },
    ],
  },
  {
    id: CONVERSATION.passwordResetGerman,
    title: null,
    customer: { id: '66a1f0c2e4b0a1000000005', name: 'Jürgen Schäfer', email: 'j.schaefer@stadtwerke-muehlbach.example' },
    state: 'open',
    assigneeId: ADMIN.aiko,
    hoursAgo: 14,
    messages: [
      {
        from: 'customer',
        html: '<p>Hallo, mehrere Kollegen mit Outlook-Adressen (Microsoft 365) bekommen keine E-Mail zum Zurücksetzen des Passworts. Im Spam-Ordner ist auch nichts.</p><p>Kollegen mit Gmail bekommen die Mail sofort. Können Sie das prüfen?</p>',
        minutesAfterStart: 0,
      },
      {
        from: ADMIN.aiko,
        type: 'comment',
        html: '<p>Hallo Herr Schäfer, danke für die Meldung. Wir prüfen die Zustellung an Microsoft&nbsp;365 und melden uns, sobald wir mehr wissen.</p>',
        minutesAfterStart: 18,
      },
    ],
  },
  {
    id: CONVERSATION.iosCrash,
    title: null,
    customer: { id: '66a1f0c2e4b0a1000000006', name: 'Chloe Martin', email: 'chloe@fernhill-studio.example' },
    state: 'open',
    assigneeId: ADMIN.jon,
    hoursAgo: 3,
    messages: [
      {
        from: 'customer',
        html: '<p>After updating the app this morning it closes immediately when I open it. iPhone 12, iOS 17.5. I already deleted and reinstalled it.</p>',
        minutesAfterStart: 0,
      },
      {
        from: ADMIN.jon,
        type: 'comment',
        html: '<p>Thanks Chloe. Which app version does Settings &gt; General &gt; iPhone Storage show for us? In the meantime the web app works on mobile Safari.</p>',
        minutesAfterStart: 9,
      },
      { from: 'customer', html: '<p>It says 5.2.0.</p>', minutesAfterStart: 15 },
    ],
  },
  {
    id: CONVERSATION.calendarDuplicates,
    title: 'Every meeting shows up twice in Google Calendar',
    customer: { id: '66a1f0c2e4b0a1000000007', name: 'Daniel Okafor', email: 'daniel@greenleaf-hr.example' },
    state: 'open',
    assigneeId: ADMIN.jon,
    hoursAgo: 20,
    messages: [
      {
        from: 'customer',
        html: '<p>Since we connected a second Google account to the calendar sync, every meeting we schedule in your app appears twice in Google Calendar, one copy in each account\'s calendar and both invite the attendees.</p>',
        minutesAfterStart: 0,
      },
      {
        from: ADMIN.jon,
        type: 'comment',
        html: '<p>Thanks Daniel, I could reproduce it with two connected accounts. I am passing this to our engineers.</p>',
        minutesAfterStart: 60,
      },
    ],
  },
  {
    id: CONVERSATION.viewerDeletesComments,
    title: null,
    customer: { id: '66a1f0c2e4b0a1000000008', name: 'Sofia Lindqvist', email: 'sofia@nordkap-consulting.example' },
    state: 'open',
    assigneeId: ADMIN.dana,
    hoursAgo: 7,
    messages: [
      {
        from: 'customer',
        html: '<p>People with the Viewer role in our workspace can delete other people\'s comments on tasks. That should not be possible, right? One of our clients removed our internal discussion.</p>',
        minutesAfterStart: 0,
      },
      {
        from: ADMIN.dana,
        type: 'comment',
        html: '<p>You are right, Sofia, viewers should only be able to read comments. I am escalating this to the team now.</p>',
        minutesAfterStart: 14,
      },
    ],
  },
  {
    id: CONVERSATION.slackRename,
    title: null,
    customer: { id: '66a1f0c2e4b0a1000000009', name: 'Ahmed Hassan', email: 'ahmed@quayside-freight.example' },
    state: 'open',
    assigneeId: ADMIN.marcus,
    hoursAgo: 50,
    messages: [
      {
        from: 'customer',
        html: '<p>We renamed our Slack workspace last week and since then no notifications arrive in #ops-alerts. Reconnecting the integration did not help.</p>',
        minutesAfterStart: 0,
      },
      {
        from: ADMIN.marcus,
        type: 'comment',
        html: '<p>Thanks Ahmed, this is a known problem after workspace renames and our engineers are working on it. I have linked your conversation so you hear from us as soon as it is fixed.</p>',
        minutesAfterStart: 35,
      },
    ],
  },
  {
    id: CONVERSATION.api429,
    title: 'API returns 429 long before the documented limit',
    customer: { id: '66a1f0c2e4b0a1000000010', name: 'Lukas Novak', email: 'lukas@tandem-data.example' },
    state: 'open',
    assigneeId: ADMIN.jose,
    hoursAgo: 11,
    messages: [
      {
        from: 'customer',
        html: '<p>Our nightly sync gets HTTP 429 Too Many Requests after about 50 requests, but your docs say the limit is 600 per minute. We send at most 2 requests per second.</p>',
        minutesAfterStart: 0,
      },
      {
        from: ADMIN.jose,
        type: 'comment',
        html: '<p>Hi Lukas, could you share the request ids of a few of those 429 responses and the API key prefix you use?</p>',
        minutesAfterStart: 28,
      },
    ],
  },
  {
    id: CONVERSATION.darkModeCharts,
    title: null,
    customer: { id: '66a1f0c2e4b0a1000000011', name: 'Grace Liu', email: 'grace@lumen-labs.example' },
    state: 'open',
    assigneeId: ADMIN.priya,
    hoursAgo: 2,
    messages: [
      {
        from: 'customer',
        html: '<p>Small thing: in dark mode the axis labels and legends on dashboard charts are dark grey on black, so I can barely read them.</p>',
        minutesAfterStart: 0,
      },
      {
        from: ADMIN.priya,
        type: 'comment',
        html: '<p>Thanks Grace, I see it too on the revenue dashboard. I will pass it on to our design team.</p>',
        minutesAfterStart: 16,
      },
    ],
  },
  {
    id: CONVERSATION.smsBrazil,
    title: null,
    customer: { id: '66a1f0c2e4b0a1000000012', name: 'Beatriz Costa', email: 'beatriz@sol-nascente.example' },
    state: 'open',
    assigneeId: ADMIN.dana,
    hoursAgo: 72,
    messages: [
      {
        from: 'customer',
        html: '<p>Our team in São Paulo gets the two-factor SMS codes 5 to 10 minutes late, so the codes have already expired when they arrive.</p>',
        minutesAfterStart: 0,
      },
      {
        from: ADMIN.dana,
        type: 'comment',
        html: '<p>Thanks Beatriz. We know about delays with Brazilian carriers and have an open ticket for it; I have linked your conversation to it. Until then, the authenticator app option works without SMS.</p>',
        minutesAfterStart: 22,
      },
    ],
  },
];
