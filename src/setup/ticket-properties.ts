import type { Config, NotionPropertyNames } from '../config/load-config.js';
import {
  checkTicketSchema,
  missingOptionalProblems,
  TICKET_PROPERTIES,
  type DataSourceProperties,
  type ExpectedProperty,
  type SchemaProblem,
} from '../services/notion/ticket-schema.js';

/**
 * The property configurations `npm run setup` sends to create the tickets data source. Which
 * properties and which type each gets come from TICKET_PROPERTIES (the preferred type, the one
 * checkTicketSchema lists first), so the command and the app's own check cannot disagree.
 */

type Empty = Record<string, never>;
type Options = { options?: Array<{ name: string }> };

/** The configurations setup sends: valid both when creating a database and when adding properties. */
export type PropertyConfig =
  | { unique_id: { prefix: string } }
  | { title: Empty }
  | { rich_text: Empty }
  | { url: Empty }
  | { date: Empty }
  | { status: Options }
  | { select: Options };

export interface TicketDatabaseSpec {
  names: NotionPropertyNames;
  ticketPrefix: string;
  statusDone: string;
  statusNew: string | null;
}

export function specFromConfig(config: Config): TicketDatabaseSpec {
  return {
    names: config.notion.properties,
    ticketPrefix: config.ticketPrefix,
    statusDone: config.notion.statusDone,
    statusNew: config.notion.statusNew,
  };
}

/** Status options Notion gives a new status property, each already in its group. */
const NOTION_DEFAULT_STATUSES = ['Not started', 'In progress', 'Done'];

/** The group Notion's Done-like statuses belong in: boards, progress and filters read it. */
export const COMPLETE_GROUP = 'Complete';

/** The status names the app is configured with (the new status first, when set). */
export function wantedStatuses(spec: TicketDatabaseSpec): string[] {
  return [spec.statusNew, spec.statusDone].filter((o): o is string => o !== null);
}

/**
 * Configured status names that are not among Notion's defaults. A status property is created with
 * no options, so Notion adds its defaults in their groups (Done under Complete); these are added
 * afterwards (addStatusOptions), and land where Notion puts new options: its API has no field for
 * an option's group.
 */
export function statusOptions(spec: TicketDatabaseSpec): string[] | null {
  const extra = wantedStatuses(spec).filter((o) => !NOTION_DEFAULT_STATUSES.includes(o));
  return extra.length === 0 ? null : [...new Set(extra)];
}

/** How Status is made when Notion refuses to create a status property through the API. */
export type StatusKind = 'status' | 'select';

export function propertyConfig(expected: ExpectedProperty, spec: TicketDatabaseSpec, status: StatusKind): PropertyConfig {
  const type = expected.types[0];
  switch (type) {
    case 'unique_id':
      return { unique_id: { prefix: spec.ticketPrefix } };
    case 'title':
      return { title: {} };
    case 'rich_text':
      return { rich_text: {} };
    case 'url':
      return { url: {} };
    case 'date':
      return { date: {} };
    case 'status': {
      if (status === 'status') return { status: {} };
      return { select: { options: [...NOTION_DEFAULT_STATUSES, ...(statusOptions(spec) ?? [])].map((name) => ({ name })) } };
    }
    default:
      throw new Error(`setup has no configuration for a "${String(type)}" property (${expected.key})`);
  }
}

/** The whole schema of a new tickets data source, keyed by the configured property names. */
export function ticketDatabaseProperties(spec: TicketDatabaseSpec, status: StatusKind): Record<string, PropertyConfig> {
  return Object.fromEntries(TICKET_PROPERTIES.map((p) => [spec.names[p.key], propertyConfig(p, spec, status)]));
}

/**
 * Properties of the spec that the data source lacks and that can be added. The title cannot be:
 * a data source has exactly one, and renaming someone's title property is theirs to decide.
 */
export function missingProperties(properties: DataSourceProperties, spec: TicketDatabaseSpec): ExpectedProperty[] {
  return TICKET_PROPERTIES.filter((p) => p.key !== 'title' && properties[spec.names[p.key]] === undefined);
}

/**
 * TICKET_PREFIX names the ticket ids (JMP-123) but Notion numbers them: a different prefix on the
 * ID property is not an error for the app, only ids that will not look as configured.
 */
export function prefixWarning(properties: DataSourceProperties, spec: Pick<TicketDatabaseSpec, 'names' | 'ticketPrefix'>): SchemaProblem | null {
  const name = spec.names.id;
  const id = properties[name];
  if (id?.type !== 'unique_id') return null;
  const prefix = id.unique_id.prefix;
  if (prefix === spec.ticketPrefix) return null;
  if (prefix === null || prefix === '') {
    return {
      property: name,
      problem: `has no prefix, so tickets are numbered 1, 2, … instead of ${spec.ticketPrefix}-1, ${spec.ticketPrefix}-2, …`,
      fix: `In Notion, edit the "${name}" property and set its prefix to ${spec.ticketPrefix}.`,
    };
  }
  return {
    property: name,
    problem: `has the prefix ${prefix}, but TICKET_PREFIX is ${spec.ticketPrefix}`,
    fix: `Set TICKET_PREFIX=${prefix}, or change the prefix of "${name}" in Notion to ${spec.ticketPrefix}.`,
  };
}

/**
 * The Done status belongs in Notion's Complete group (boards, sub-item progress and "is complete"
 * filters read the group, not the name). The app itself only compares names, so this is a warning;
 * and as Notion's API cannot set an option's group, the fix is a step in Notion.
 */
export function statusGroupWarning(properties: DataSourceProperties, spec: TicketDatabaseSpec): SchemaProblem | null {
  const name = spec.names.status;
  const done = spec.statusDone;
  const status = properties[name];
  if (status?.type === 'select') {
    return {
      property: name,
      problem: `is a Select, so "${done}" is in no ${COMPLETE_GROUP} group and Notion's boards and progress count Done tickets as open`,
      fix: `Notion's API cannot make this change: in Notion, open "${name}" (Edit property), change its type to Status keeping the option names, and drag "${done}" under ${COMPLETE_GROUP}. The app works either way.`,
    };
  }
  if (status?.type !== 'status') return null;
  const option = status.status.options.find((o) => o.name === done);
  if (!option) return null;
  const group = status.status.groups.find((g) => g.option_ids.includes(option.id));
  if (group?.name === COMPLETE_GROUP) return null;
  return {
    property: name,
    problem: `has "${done}" in ${group ? `the ${group.name} group` : 'no group'}, not ${COMPLETE_GROUP}, so Notion's boards and progress count Done tickets as open`,
    fix: `Notion's API cannot move a status option between groups: in Notion, open "${name}" (Edit property) and drag "${done}" under ${COMPLETE_GROUP}.`,
  };
}

/** The app's own schema check (what stops it starting) plus what is only worth a warning. */
export function reviewSchema(
  properties: DataSourceProperties,
  spec: TicketDatabaseSpec,
): { problems: SchemaProblem[]; warnings: SchemaProblem[] } {
  const problems = checkTicketSchema(properties, spec.names, { statusDone: spec.statusDone, statusNew: spec.statusNew });
  const prefix = prefixWarning(properties, spec);
  const group = problems.some((p) => p.property === spec.names.status) ? null : statusGroupWarning(properties, spec);
  return { problems, warnings: [...missingOptionalProblems(properties, spec.names), ...(prefix ? [prefix] : []), ...(group ? [group] : [])] };
}

export function describeProblem(p: SchemaProblem): string {
  return `"${p.property}" ${p.problem}`;
}

/** The variables that shape the tickets schema: property names, the Done and new statuses, the ID prefix. */
export const NOTION_SCHEMA_VARIABLES = [
  ...TICKET_PROPERTIES.map((p) => p.env),
  'NOTION_STATUS_DONE',
  'NOTION_STATUS_NEW',
  'TICKET_PREFIX',
];
