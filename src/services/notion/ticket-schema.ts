import type { DataSourceObjectResponse } from '@notionhq/client';
import type { NotionPropertyNames } from '../../config/load-config.js';

/**
 * The tickets data source the app expects, and a pure check of a real one against it. The store
 * refuses to start on a mismatch; the setup and doctor commands print the same problems, each
 * with the exact fix, so a wrong property type never turns into silently empty tickets.
 */

export type DataSourceProperties = DataSourceObjectResponse['properties'];
type PropertyConfig = DataSourceProperties[string];
export type PropertyKey = keyof NotionPropertyNames;

export interface ExpectedProperty {
  key: PropertyKey;
  /** The environment variable that names the property. */
  env: string;
  /** Accepted Notion types, the preferred one first (setup creates that one). */
  types: readonly string[];
  purpose: string;
  /**
   * The app works without it (a feature is off): a missing one does not stop the app, `setup`
   * adds it, and its check warns. A wrong type is still a problem: the app would write to it.
   */
  optional?: boolean;
}

export const TICKET_PROPERTIES: readonly ExpectedProperty[] = [
  { key: 'id', env: 'NOTION_PROP_ID', types: ['unique_id'], purpose: 'the ticket number, e.g. JMP-123' },
  { key: 'title', env: 'NOTION_PROP_TITLE', types: ['title'], purpose: 'the ticket title' },
  { key: 'description', env: 'NOTION_PROP_DESCRIPTION', types: ['rich_text'], purpose: 'the ticket summary' },
  {
    key: 'conversations',
    env: 'NOTION_PROP_CONVERSATIONS',
    types: ['rich_text'],
    purpose: 'links to the Intercom conversations, one per line',
  },
  { key: 'slackChannel', env: 'NOTION_PROP_SLACK_CHANNEL', types: ['url', 'rich_text'], purpose: 'the Slack channel link' },
  { key: 'status', env: 'NOTION_PROP_STATUS', types: ['status', 'select'], purpose: 'the ticket status' },
  {
    key: 'resolutionNotified',
    env: 'NOTION_PROP_RESOLUTION_NOTIFIED',
    types: ['date', 'checkbox'],
    purpose: 'when customers were told the ticket is done',
  },
  {
    key: 'customerReports',
    env: 'NOTION_PROP_CUSTOMER_REPORTS',
    types: ['rich_text'],
    purpose: "a short excerpt of each linked customer's own words, searched by the triage",
    optional: true,
  },
];

/** Notion's names for property types, as a person sees them in the UI. */
const TYPE_LABELS: Record<string, string> = {
  unique_id: 'ID',
  title: 'Title',
  rich_text: 'Text',
  url: 'URL',
  status: 'Status',
  select: 'Select',
  date: 'Date',
  checkbox: 'Checkbox',
};

export interface SchemaProblem {
  /** The property's configured name. */
  property: string;
  problem: string;
  /** What to change, in words a workspace admin can follow. */
  fix: string;
}

export interface TicketSchemaOptions {
  statusDone: string;
  statusNew: string | null;
}

export function checkTicketSchema(
  properties: DataSourceProperties,
  names: NotionPropertyNames,
  options: TicketSchemaOptions,
): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const expected of TICKET_PROPERTIES) {
    const name = names[expected.key];
    const config = properties[name];
    const accepted = expected.types.map(label).join(' or ');
    if (!config) {
      if (!expected.optional) problems.push(missingProblem(expected, name, properties, accepted));
      continue;
    }
    if (!expected.types.includes(config.type)) {
      problems.push({
        property: name,
        problem: `is a ${label(config.type)} property; the app needs ${accepted} (${expected.purpose})`,
        fix: `Change the type of "${name}" to ${label(expected.types[0]!)} in Notion, or set ${expected.env} to the name of a ${accepted} property.`,
      });
      continue;
    }
    if (expected.key === 'status') problems.push(...statusOptionProblems(name, config, options));
  }
  problems.push(...sharedNameProblems(names));
  return problems;
}

/** Optional properties the data source lacks: the app runs without them, `setup` adds them. */
export function missingOptionalProblems(properties: DataSourceProperties, names: NotionPropertyNames): SchemaProblem[] {
  return TICKET_PROPERTIES.filter((p) => p.optional && !properties[names[p.key]]).map((expected) => ({
    property: names[expected.key],
    problem: `does not exist, so the app keeps no ${expected.purpose}`,
    fix: `Run \`npm run setup -- notion --check --fix\` to add it (a Text property named "${names[expected.key]}"), or set ${expected.env} to the name of an existing Text property.`,
  }));
}

function missingProblem(
  expected: ExpectedProperty,
  name: string,
  properties: DataSourceProperties,
  accepted: string,
): SchemaProblem {
  // A data source always has exactly one title property; it is usually called "Name".
  const existingTitle = Object.values(properties).find((p) => p.type === 'title');
  if (expected.key === 'title' && existingTitle) {
    return {
      property: name,
      problem: `does not exist; the data source's title property is "${existingTitle.name}"`,
      fix: `Set ${expected.env}=${existingTitle.name}, or rename "${existingTitle.name}" to "${name}" in Notion.`,
    };
  }
  return {
    property: name,
    problem: `does not exist (the app stores ${expected.purpose} in it)`,
    fix: `Add a ${label(expected.types[0]!)} property named "${name}" to the data source, or set ${expected.env} to the name of an existing ${accepted} property.`,
  };
}

function statusOptionProblems(name: string, config: PropertyConfig, options: TicketSchemaOptions): SchemaProblem[] {
  const optionNames =
    config.type === 'status' ? config.status.options.map((o) => o.name) : config.type === 'select' ? config.select.options.map((o) => o.name) : [];
  const listed = optionNames.length > 0 ? optionNames.map((o) => `"${o}"`).join(', ') : 'none yet';
  const problems: SchemaProblem[] = [];
  const wanted: Array<[string, string]> = [[options.statusDone, 'NOTION_STATUS_DONE']];
  if (options.statusNew !== null) wanted.push([options.statusNew, 'NOTION_STATUS_NEW']);
  for (const [option, env] of wanted) {
    if (optionNames.includes(option)) continue;
    problems.push({
      property: name,
      problem: `has no option "${option}" (options: ${listed})`,
      fix: `Add the option "${option}" to "${name}" in Notion, or set ${env} to one of its options.`,
    });
  }
  return problems;
}

/** Two settings naming one property would make the app overwrite one value with the other. */
function sharedNameProblems(names: NotionPropertyNames): SchemaProblem[] {
  const byName = new Map<string, ExpectedProperty[]>();
  for (const expected of TICKET_PROPERTIES) {
    const name = names[expected.key];
    byName.set(name, [...(byName.get(name) ?? []), expected]);
  }
  return [...byName.entries()]
    .filter(([, users]) => users.length > 1)
    .map(([name, users]) => ({
      property: name,
      problem: `is named by ${users.map((u) => u.env).join(' and ')}`,
      fix: `Give each of ${users.map((u) => u.env).join(', ')} its own property.`,
    }));
}

function label(type: string): string {
  return TYPE_LABELS[type] ?? type;
}

/** The types the store writes with, read from a data source that passed checkTicketSchema. */
export interface TicketPropertyTypes {
  slackChannel: 'url' | 'rich_text';
  status: 'status' | 'select';
  resolutionNotified: 'date' | 'checkbox';
  /** Null when the data source has no Customer Reports property: nothing is written to it. */
  customerReports: 'rich_text' | null;
}

export function ticketPropertyTypes(properties: DataSourceProperties, names: NotionPropertyNames): TicketPropertyTypes {
  return {
    slackChannel: properties[names.slackChannel]?.type === 'rich_text' ? 'rich_text' : 'url',
    status: properties[names.status]?.type === 'select' ? 'select' : 'status',
    resolutionNotified: properties[names.resolutionNotified]?.type === 'checkbox' ? 'checkbox' : 'date',
    customerReports: properties[names.customerReports]?.type === 'rich_text' ? 'rich_text' : null,
  };
}
