import { createRandom } from '../fakes/random.js';
import type { StatusName } from './ticket-schema.js';

/**
 * Tickets for the benchmark: as many as asked (up to 50,000), built from templates with a seeded
 * generator, so every run gets the same titles, descriptions and statuses.
 */

const AREAS = [
  'Billing',
  'SSO login',
  'CSV export',
  'Webhook delivery',
  'iOS app',
  'Android app',
  'Email delivery',
  'Role permissions',
  'Salesforce sync',
  'Slack integration',
  'Search',
  'Scheduled reports',
  'Public API',
  'Calendar sync',
  'File uploads',
  'Push notifications',
  'Dashboards',
  'Audit log',
  'SCIM provisioning',
  'Time tracking',
  'Invoices',
  'Two-factor authentication',
  'Zapier integration',
  'Gantt view',
];

const SYMPTOMS = [
  'fails intermittently',
  'times out',
  'shows stale data',
  'returns a 500 error',
  'creates duplicate records',
  'ignores the workspace time zone',
  'takes over a minute to load',
  'drops accented characters',
  'forgets settings after a refresh',
  'sends duplicate notifications',
  'shows the wrong currency',
  'hangs at 99 percent',
];

const CONTEXTS = [
  'for workspaces on the Enterprise plan',
  'after the latest release',
  'when more than 10,000 items are selected',
  'for users invited by email',
  'in Safari',
  'on slow mobile connections',
  'for accounts migrated from the legacy plan',
  'when two admins edit at the same time',
  'for non-English locales',
  'behind corporate proxies',
  'on the first day of the month',
  'for archived projects',
];

const CUSTOMERS = [
  'Acme Logistics',
  'Brightline',
  'Northwind Analytics',
  'Oakridge Dental',
  'Payfront',
  'Quayside Freight',
  'Lumen Labs',
  'Tandem Data',
  'Greenleaf HR',
  'Nordkap Consulting',
  'Fernhill Studio',
  'Sol Nascente',
  'Stadtwerke Mühlbach',
  'Harbor Health',
  'Pinecrest Schools',
  'Vela Robotics',
];

const WORKAROUNDS = [
  'retrying after a few minutes usually works',
  'switching to Chrome avoids it',
  'splitting the job into smaller batches avoids it',
  'an admin can fix affected records by hand',
  'there is no workaround yet',
  'reconnecting the integration helps for a day or two',
];

const CAUSES = [
  'a missing database index',
  'a race between two background jobs',
  'a cache that is never invalidated',
  'a time zone conversion done twice',
  'an unhandled timeout from a third-party service',
  'a recent change to the permissions model',
];

export interface GeneratedTicket {
  title: string;
  description: string;
  status: StatusName;
}

const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)]!;

function statusFor(r: number): StatusName {
  if (r < 0.55) return 'Done';
  if (r < 0.6) return "Won't fix";
  if (r < 0.78) return 'In progress';
  if (r < 0.83) return 'Waiting on customer';
  if (r < 0.9) return 'Triage';
  return 'Not started';
}

/** Calls `each` for `count` tickets in creation order, without building them all at once. */
export function generateTickets(count: number, each: (ticket: GeneratedTicket, index: number) => void, seed = 42): void {
  const random = createRandom(seed);
  for (let i = 0; i < count; i += 1) {
    const area = pick(AREAS, random);
    const symptom = pick(SYMPTOMS, random);
    const context = pick(CONTEXTS, random);
    const customer = pick(CUSTOMERS, random);
    const reports = 1 + Math.floor(random() * 30);
    // join() builds flat strings; concatenation would keep 50,000 rope strings alive (more memory).
    each(
      {
        title: [area, ' ', symptom, ' ', context, ' (', customer, ')'].join(''),
        description: [
          `${customer} reports that ${area.toLowerCase()} ${symptom} ${context}.`,
          `${reports} similar conversation${reports === 1 ? '' : 's'} so far; ${pick(WORKAROUNDS, random)}.`,
          `Engineering suspects ${pick(CAUSES, random)}.`,
        ].join(' '),
        status: statusFor(random()),
      },
      i,
    );
  }
}
