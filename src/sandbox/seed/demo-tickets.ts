import { CONVERSATION } from './demo-conversations.js';
import { SLACK_USER } from './demo-people.js';
import type { StatusName } from './ticket-schema.js';

/**
 * Forty support tickets of a B2B SaaS product, oldest first (they are numbered in this order).
 * Some near-misses are deliberate: a conversation about dashboard charts in dark mode should not
 * be matched to the date picker ticket, nor a webhook signature problem to the 410 ticket.
 */

export interface DemoTicket {
  title: string;
  description: string;
  status: StatusName;
  /** Days before "now" the ticket was created. */
  daysAgo: number;
  conversationIds?: string[];
  /** A Slack channel already made for the ticket, with these members (the bot joins anyway). */
  channel?: { members: string[]; messages: Array<{ user: string; text: string }> };
}

export const DEMO_TICKETS: DemoTicket[] = [
  {
    title: 'Two-factor setup QR code does not render in Safari 16',
    description:
      'On Safari 16 the QR code on the two-factor setup page stays blank, so users cannot enrol an authenticator app. Chrome and Firefox are fine. The canvas element is blocked by a content security policy header.',
    status: 'Done',
    daysAgo: 88,
  },
  {
    title: 'Bulk user import rejects CSV files saved by Excel for Mac',
    description:
      'Importing users from a CSV saved by Excel for Mac fails with "Invalid file format". Excel for Mac adds a byte order mark and uses CR line endings, which the importer does not accept.',
    status: 'Done',
    daysAgo: 85,
  },
  {
    title: 'Audit log export missing events older than 30 days',
    description:
      'Exporting the audit log only includes the last 30 days even when a longer range is selected. Enterprise customers need 12 months for compliance reviews. Older events are stored in cold storage and the export does not read from it.',
    status: "Won't fix",
    daysAgo: 82,
  },
  {
    title: 'Zapier integration creates duplicate tasks on retries',
    description:
      'When our API is slow, Zapier retries the "Create task" action and the task is created twice. The action does not send an idempotency key. Several customers clean up duplicates by hand every week.',
    status: 'Done',
    daysAgo: 80,
  },
  {
    title: 'Android app drains battery with background sync enabled',
    description:
      'With background sync on, the Android app keeps a wake lock for minutes at a time and users report 20 percent battery drain overnight. Mostly Samsung devices on Android 14. Turning off background sync stops the drain.',
    status: 'In progress',
    daysAgo: 76,
  },
  {
    title: 'Invoice PDF shows wrong VAT number for EU customers',
    description:
      'Invoices for EU customers show our UK VAT number instead of the EU one. Finance teams reject the invoices and ask for corrected copies. The PDF template ignores the billing entity of the subscription.',
    status: 'Done',
    daysAgo: 73,
  },
  {
    title: 'SCIM provisioning fails for Azure AD groups with more than 500 members',
    description:
      'Azure AD provisioning stops with a 413 error when a synced group has more than 500 members. Smaller groups sync correctly. Azure sends the whole member list in one PATCH request.',
    status: 'In progress',
    daysAgo: 70,
  },
  {
    title: 'Search returns no results for words with accented characters',
    description:
      'Searching for "café" or "Müller" returns nothing, although the words appear in task titles. Searching without the accent finds them. The search index folds accents but the query does not.',
    status: 'Not started',
    daysAgo: 68,
  },
  {
    title: 'Scheduled reports are sent in UTC instead of the workspace time zone',
    description:
      'Reports scheduled for 8:00 arrive at 8:00 UTC, not 8:00 in the workspace time zone. Customers in the Americas get them in the middle of the night. The scheduler ignores the workspace time zone setting.',
    status: 'Waiting on customer',
    daysAgo: 65,
  },
  {
    title: 'Workspace owners cannot transfer ownership to an SSO-only user',
    description:
      'Transferring workspace ownership fails with "User must set a password" when the new owner signs in only through SSO. Companies that enforce SSO have no way to hand over ownership.',
    status: 'Not started',
    daysAgo: 62,
  },
  {
    title: 'Public share links expire after 24 hours instead of 30 days',
    description:
      'Share links created with the default expiry stop working after one day. The settings page says 30 days. The expiry was stored in hours instead of days after the sharing redesign.',
    status: 'Done',
    daysAgo: 60,
  },
  {
    title: 'Salesforce sync overwrites custom field values with blanks',
    description:
      'When a record syncs from Salesforce, custom fields that are empty in Salesforce overwrite values entered in our app. Customers lose data they entered on our side. The sync should skip empty fields unless configured otherwise.',
    status: 'In progress',
    daysAgo: 57,
  },
  {
    title: 'Email notifications contain broken unsubscribe links',
    description:
      'The unsubscribe link at the bottom of notification emails leads to a 404 page. Recipients mark the emails as spam instead, which hurts our sender reputation.',
    status: 'Done',
    daysAgo: 55,
  },
  {
    title: 'Drag-and-drop file upload fails for files over 100 MB',
    description:
      'Dragging a file larger than 100 MB onto a task shows a progress bar that stops at 99 percent and then an error. Uploading the same file through the file picker works. Drag-and-drop does not use chunked uploads.',
    status: 'Not started',
    daysAgo: 52,
  },
  {
    title: 'Custom role permissions not applied until user logs out and back in',
    description:
      'After an admin changes a custom role, users with that role keep their old permissions until they sign out and in again. Permissions are cached in the session for its whole lifetime.',
    status: 'In progress',
    daysAgo: 50,
  },
  {
    title: 'API pagination skips records when items are created during iteration',
    description:
      'Offset pagination on the /tasks endpoint skips or repeats records when tasks are created while a client pages through results. Integrations miss tasks during busy periods. Cursor-based pagination would fix it.',
    status: 'Waiting on customer',
    daysAgo: 47,
  },
  {
    title: 'Dark mode: date picker text is invisible',
    description:
      'In dark mode the day numbers in the date picker are black on a dark background. Users cannot pick due dates without switching themes. Only the date picker is affected.',
    status: 'Not started',
    daysAgo: 45,
  },
  {
    title: 'Customers charged twice after a mid-cycle plan upgrade',
    description:
      'Upgrading a plan in the middle of a billing cycle charges the full price of the new plan without cancelling the old subscription, so the card is charged twice. Refunds are done by hand. Proration must be applied and the old subscription cancelled.',
    status: 'In progress',
    daysAgo: 43,
    channel: {
      members: [SLACK_USER.priya, SLACK_USER.sam],
      messages: [
        { user: SLACK_USER.priya, text: 'Three more double charges this week, all after upgrades from Team to Business.' },
        { user: SLACK_USER.sam, text: 'Found it: the upgrade path skips the cancel call on the old subscription. Fix in review.' },
      ],
    },
  },
  {
    title: 'Webhooks stop firing after the endpoint returns a 410',
    description:
      'If a customer endpoint answers 410 Gone once, we disable the webhook permanently without telling anyone. Customers notice days later. We should notify workspace admins and allow re-enabling from the settings page.',
    status: 'Not started',
    daysAgo: 41,
  },
  {
    title: 'Password reset emails not delivered to Microsoft 365 / Outlook mailboxes',
    description:
      'Password reset emails never reach users with Microsoft 365 mailboxes, not even their junk folder; Gmail and other providers receive them instantly. Microsoft rejects the messages because the DKIM signature of the transactional sending domain fails.',
    status: 'In progress',
    daysAgo: 39,
  },
  {
    title: 'Time tracking totals are off by one hour after daylight saving change',
    description:
      'Weekly time tracking totals include an extra hour (or lose one) for weeks with a daylight saving change. Totals are computed from local wall-clock times instead of UTC durations.',
    status: 'Done',
    daysAgo: 37,
  },
  {
    title: 'Mobile push notifications arrive without message preview on iOS',
    description:
      'Push notifications on iOS show only "New notification" instead of the message text, even when previews are allowed. Android shows the text. The notification service extension fails to decrypt the payload.',
    status: 'Not started',
    daysAgo: 35,
  },
  {
    title: 'SAML SSO login loops back to the sign-in page for Okta users',
    description:
      'Users signing in with Okta SAML are redirected back to the login page after the SSO callback instead of into the app. Password logins are not affected. The session cookie set on the callback is dropped because of its SameSite attribute.',
    status: 'In progress',
    daysAgo: 33,
    channel: {
      members: [SLACK_USER.jonathan, SLACK_USER.sam],
      messages: [
        { user: SLACK_USER.sam, text: 'Looks like the session cookie is set with SameSite=Strict on the SAML callback.' },
        { user: SLACK_USER.jonathan, text: 'Two enterprise customers affected so far, both on Okta.' },
      ],
    },
  },
  {
    title: 'Guest users can see the member directory',
    description:
      'Guests invited to a single project can open the member directory and see every employee of the workspace with their email address. Guests should only see members of their projects.',
    status: 'In progress',
    daysAgo: 31,
  },
  {
    title: 'CSV export times out for workspaces with more than 100k rows',
    description:
      'Exporting reports to CSV fails with a generic error when the export has more than about 100,000 rows. The export runs inside the web request and hits the 120 second timeout. Large exports should run in the background and be emailed.',
    status: 'Not started',
    daysAgo: 29,
  },
  {
    title: 'Slack notifications stop after the Slack workspace is renamed',
    description:
      'After a customer renames their Slack workspace, our Slack integration stops posting notifications without any error. Reconnecting does not help. We store the workspace domain instead of the team id and look it up on every post.',
    status: 'In progress',
    daysAgo: 27,
    conversationIds: [CONVERSATION.slackRename],
    channel: {
      members: [SLACK_USER.marcus, SLACK_USER.lena],
      messages: [
        { user: SLACK_USER.marcus, text: 'Quayside Freight hit this too, they renamed their workspace last week.' },
        { user: SLACK_USER.lena, text: 'Migration to look up by team id is ready, shipping tomorrow.' },
      ],
    },
  },
  {
    title: 'Recurring tasks are created twice when edited on mobile',
    description:
      'Editing a recurring task in the mobile app creates a second series instead of updating the first. Users end up with two copies of every future occurrence.',
    status: 'Not started',
    daysAgo: 25,
  },
  {
    title: 'Gantt view freezes with more than 2,000 tasks',
    description:
      'Opening the Gantt view on a project with more than 2,000 tasks freezes the browser tab for up to a minute. Smaller projects are fine. The view renders every bar at once instead of only the visible ones.',
    status: 'In progress',
    daysAgo: 23,
  },
  {
    title: 'SMS two-factor codes delayed for Brazilian (+55) numbers',
    description:
      'Two-factor codes sent by SMS to Brazilian phone numbers arrive 5 to 10 minutes late and have expired by then. Other countries are fine. Our SMS provider routes +55 traffic through a congested aggregator.',
    status: 'Not started',
    daysAgo: 21,
    conversationIds: [CONVERSATION.smsBrazil],
  },
  {
    title: 'Single sign-on with Google Workspace fails for users with plus-addressed emails',
    description:
      'Users whose email contains a plus sign (like anna+work@company.com) get "Account not found" when signing in with Google. The email is URL-decoded twice and the plus becomes a space.',
    status: 'Not started',
    daysAgo: 19,
  },
  {
    title: 'Invoice emails go to the old billing contact after it was changed',
    description:
      'After changing the billing contact, invoice emails still go to the previous address for the rest of the billing period. Customers miss invoices when the old contact has left the company.',
    status: 'Waiting on customer',
    daysAgo: 17,
  },
  {
    title: 'Comment mentions do not notify users in other teams',
    description:
      'Mentioning someone from another team in a task comment does not send them a notification, although their name is highlighted. Mentions within the same team work.',
    status: 'Not started',
    daysAgo: 15,
  },
  {
    title: 'iOS app crashes on launch after the 5.2 update',
    description:
      'Since version 5.2 the iOS app crashes immediately on launch for some users on iOS 17. Reinstalling does not help. Crash reports point to the migration of the offline database.',
    status: 'In progress',
    daysAgo: 13,
  },
  {
    title: 'Data retention policy deletes attachments of archived projects early',
    description:
      'The 90-day retention policy deletes attachments of archived projects after 30 days. Customers lose files they expected to keep. The retention job uses the archive date instead of the last activity date.',
    status: 'Not started',
    daysAgo: 12,
  },
  {
    title: 'Microsoft Teams integration posts to the wrong channel after reconnecting',
    description:
      'After reconnecting the Microsoft Teams integration, notifications go to the General channel instead of the configured one. The channel mapping is lost when the connection is renewed.',
    status: 'Not started',
    daysAgo: 10,
  },
  {
    title: 'Rate limit headers missing from API responses',
    description:
      'API responses do not include X-RateLimit-Remaining and X-RateLimit-Reset headers, although the documentation lists them. Integrators cannot back off before they are throttled.',
    status: 'Not started',
    daysAgo: 8,
  },
  {
    title: 'Kanban board cards lose their order after a filter is cleared',
    description:
      'Cards that were reordered by hand on a Kanban board jump back to creation order after a filter is applied and cleared. The manual order is only kept in the browser until the next reload.',
    status: 'Not started',
    daysAgo: 6,
  },
  {
    title: 'HubSpot contact sync fails when company names contain emojis',
    description:
      'The HubSpot sync stops with an encoding error when a company name contains an emoji. All later contacts in the batch are skipped too.',
    status: 'Not started',
    daysAgo: 5,
  },
  {
    title: 'Exported PDF reports cut off the last column in landscape mode',
    description:
      'PDF exports of wide reports in landscape orientation cut off the rightmost column. Portrait exports scale correctly. The landscape template uses portrait page width.',
    status: 'Not started',
    daysAgo: 3,
  },
  {
    title: "Login page shows 'session expired' immediately for users behind corporate proxies",
    description:
      'Users behind some corporate proxies see "Your session expired" right after entering their password. The proxy strips the CSRF cookie. Affected customers are mostly banks with TLS inspection.',
    status: 'Not started',
    daysAgo: 1,
  },
];
