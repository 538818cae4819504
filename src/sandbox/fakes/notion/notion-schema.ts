import { validationError } from './notion-errors.js';

/**
 * Data source schemas: the property types the app uses, as Notion describes them. Property ids
 * are kept the way Notion reports them (URL-encoded, e.g. `%5DqJb`); lookups accept a name, an
 * encoded id or a decoded one.
 */
export const PROPERTY_TYPES = ['title', 'rich_text', 'url', 'status', 'select', 'date', 'checkbox', 'unique_id'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export interface SelectOption {
  id: string;
  name: string;
  color: string;
  description: string | null;
}

export interface StatusGroup {
  id: string;
  name: string;
  color: string;
  option_ids: string[];
}

export interface PropertySchema {
  id: string;
  name: string;
  type: PropertyType;
  description: string | null;
  /** status and select */
  options: SelectOption[];
  /** status only: To-do, In progress, Complete */
  groups: StatusGroup[];
  /** unique_id only */
  prefix: string | null;
}

export interface DataSourceState {
  id: string;
  databaseId: string;
  title: string;
  properties: PropertySchema[];
  createdMs: number;
  editedMs: number;
  /** Next unique_id number; JavaScript runs one request at a time, so numbering is atomic. */
  nextNumber: number;
}

export interface DatabaseState {
  id: string;
  parentPageId: string;
  title: string;
  dataSourceIds: string[];
  createdMs: number;
  editedMs: number;
}

export function findProperty(ds: DataSourceState, key: string): PropertySchema | undefined {
  const byName = ds.properties.find((p) => p.name === key);
  if (byName) return byName;
  const decoded = safeDecode(key);
  return ds.properties.find((p) => p.id === key || safeDecode(p.id) === decoded);
}

export function titleProperty(ds: DataSourceState): PropertySchema {
  const title = ds.properties.find((p) => p.type === 'title');
  if (!title) throw new Error(`data source ${ds.id} has no title property`);
  return title;
}

export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const ID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:;<>?@[]^`{|}~';

/** A fresh property id shaped like Notion's: four characters, URL-encoded. */
export function newPropertyId(taken: Set<string>, random: () => number = Math.random): string {
  for (;;) {
    let raw = '';
    for (let i = 0; i < 4; i += 1) raw += ID_CHARS[Math.floor(random() * ID_CHARS.length)];
    const id = encodeURIComponent(raw);
    if (!taken.has(id) && id !== 'title') return id;
  }
}

const DEFAULT_STATUS: Array<{ name: string; color: string; group: 'To-do' | 'In progress' | 'Complete' }> = [
  { name: 'Not started', color: 'default', group: 'To-do' },
  { name: 'In progress', color: 'blue', group: 'In progress' },
  { name: 'Done', color: 'green', group: 'Complete' },
];

const GROUP_COLORS: Record<string, string> = { 'To-do': 'gray', 'In progress': 'blue', Complete: 'green' };

/** Status options and their groups; options without a group go to To-do. */
export function statusConfig(
  options: Array<{ name: string; color?: string; description?: string | null; group?: string }> = DEFAULT_STATUS,
  optionId: (name: string) => string,
  groupId: () => string,
): Pick<PropertySchema, 'options' | 'groups'> {
  const built = options.map((o) => ({
    option: { id: optionId(o.name), name: o.name, color: o.color ?? 'default', description: o.description ?? null },
    group: o.group ?? 'To-do',
  }));
  const groups: StatusGroup[] = ['To-do', 'In progress', 'Complete'].map((name) => ({
    id: groupId(),
    name,
    color: GROUP_COLORS[name] ?? 'default',
    option_ids: built.filter((b) => b.group === name).map((b) => b.option.id),
  }));
  return { options: built.map((b) => b.option), groups };
}

/** The default of a new page's status: the first To-do option, as in Notion. */
export function defaultStatusOption(prop: PropertySchema): SelectOption | null {
  const todo = prop.groups.find((g) => g.name === 'To-do');
  const id = todo?.option_ids[0];
  return prop.options.find((o) => o.id === id) ?? prop.options[0] ?? null;
}

type RawConfig = Record<string, unknown>;

/** Reads the one type key of a property configuration (`{rich_text: {}}`, `{status: {options}}`…). */
function configuredType(config: RawConfig, path: string): PropertyType | null {
  const keys = Object.keys(config).filter((k) => k !== 'type' && k !== 'name' && k !== 'description');
  const declared = typeof config.type === 'string' ? config.type : null;
  if (keys.length === 0 && declared === null) return null;
  const type = declared ?? keys[0]!;
  if (!(PROPERTY_TYPES as readonly string[]).includes(type)) {
    throw validationError(
      `${path} has type \`${type}\`, which the sandbox does not support (supported: ${PROPERTY_TYPES.join(', ')}).`,
    );
  }
  if (keys.length > 1) throw validationError(`${path} should have exactly one property type, instead had ${keys.join(', ')}.`);
  return type as PropertyType;
}

export function propertyFromConfig(
  name: string,
  config: RawConfig,
  path: string,
  makePropertyId: () => string,
  makeOptionId: () => string,
): PropertySchema {
  const type = configuredType(config, path);
  if (!type) throw validationError(`${path} should define a property type, e.g. \`{ "rich_text": {} }\`.`);
  const prop: PropertySchema = {
    id: type === 'title' ? 'title' : makePropertyId(),
    name,
    type,
    description: typeof config.description === 'string' ? config.description : null,
    options: [],
    groups: [],
    prefix: null,
  };
  applyTypeConfig(prop, type, config[type], path, makeOptionId, null);
  return prop;
}

export function applyTypeConfig(
  prop: PropertySchema,
  type: PropertyType,
  raw: unknown,
  path: string,
  makeOptionId: () => string,
  /** The options the property had when it keeps its type: their ids are kept. */
  previous: Pick<PropertySchema, 'options' | 'groups'> | null,
): void {
  const config = (raw ?? {}) as Record<string, unknown>;
  prop.type = type;
  prop.options = [];
  prop.groups = [];
  prop.prefix = null;
  if (type === 'select' || type === 'status') {
    const options = Array.isArray(config.options) ? (config.options as Array<Record<string, unknown>>) : undefined;
    if (!options && previous) {
      // Same type, no options given: a rename or description change keeps the options.
      Object.assign(prop, previous);
      return;
    }
    // Options keep their ids across updates, so pages that use them stay valid.
    const idFor = (name: string) => previous?.options.find((o) => o.name === name)?.id ?? makeOptionId();
    const parsed = options?.map((o, i) => {
      if (typeof o.name !== 'string' || o.name === '') {
        throw validationError(`${path}.${type}.options[${i}].name should be a non-empty string.`);
      }
      if (o.name.includes(',')) throw validationError(`${path}.${type}.options[${i}].name cannot contain commas.`);
      return {
        name: o.name,
        ...(typeof o.color === 'string' ? { color: o.color } : {}),
        ...(typeof o.description === 'string' ? { description: o.description } : {}),
        ...(typeof o.group === 'string' ? { group: o.group } : {}),
      };
    });
    if (type === 'status') {
      // An option that was already there stays in its group; a new one starts in To-do.
      const groupOf = (name: string) => {
        const id = previous?.options.find((o) => o.name === name)?.id;
        return previous?.groups.find((g) => id !== undefined && g.option_ids.includes(id))?.name;
      };
      const grouped = parsed?.map((o) => {
        const group = o.group ?? groupOf(o.name);
        return group === undefined ? o : { ...o, group };
      });
      Object.assign(prop, statusConfig(grouped, idFor, makeOptionId));
    } else {
      prop.options = (parsed ?? []).map((o) => ({
        id: idFor(o.name),
        name: o.name,
        color: o.color ?? 'default',
        description: o.description ?? null,
      }));
    }
  }
  if (type === 'unique_id') {
    const prefix = config.prefix;
    if (prefix !== undefined && prefix !== null && (typeof prefix !== 'string' || !/^[A-Za-z0-9]{1,10}$/.test(prefix))) {
      throw validationError(`${path}.unique_id.prefix should be letters and digits, instead was \`${JSON.stringify(prefix)}\`.`);
    }
    prop.prefix = typeof prefix === 'string' ? prefix : null;
  }
}

/** The property's configuration as GET /data_sources/:id shows it. */
export function renderPropertySchema(prop: PropertySchema): Record<string, unknown> {
  let config: Record<string, unknown> = {};
  if (prop.type === 'select') config = { options: prop.options };
  if (prop.type === 'status') config = { options: prop.options, groups: prop.groups };
  if (prop.type === 'unique_id') config = { prefix: prop.prefix };
  return { id: prop.id, name: prop.name, description: prop.description, type: prop.type, [prop.type]: config };
}

/**
 * PATCH /data_sources/:id `properties`: keyed by name or id; `null` removes, `{name}` renames,
 * a type key retypes, an unknown key with a type adds. Returns the properties whose type changed
 * (their values need converting) and those removed.
 */
export function updateSchema(
  ds: DataSourceState,
  patch: Record<string, unknown>,
  makePropertyId: () => string,
  makeOptionId: () => string,
): { retyped: Array<{ prop: PropertySchema; from: PropertyType }>; removed: PropertySchema[] } {
  const retyped: Array<{ prop: PropertySchema; from: PropertyType }> = [];
  const removed: PropertySchema[] = [];
  for (const [key, raw] of Object.entries(patch)) {
    const path = `body.properties.${key}`;
    const existing = findProperty(ds, key);
    if (raw === null) {
      if (!existing) throw validationError(`${key} is not a property that exists.`);
      if (existing.type === 'title') throw validationError('Cannot delete the title property of a data source.');
      ds.properties = ds.properties.filter((p) => p !== existing);
      removed.push(existing);
      continue;
    }
    if (typeof raw !== 'object') throw validationError(`${path} should be an object or \`null\`.`);
    const config = raw as RawConfig;
    if (!existing) {
      const name = typeof config.name === 'string' ? config.name : key;
      if (ds.properties.some((p) => p.name === name)) throw validationError(`A property named ${name} already exists.`);
      const prop = propertyFromConfig(name, config, path, makePropertyId, makeOptionId);
      if (prop.type === 'title') throw validationError('A data source has exactly one title property.');
      ds.properties.push(prop);
      continue;
    }
    if (typeof config.name === 'string' && config.name !== existing.name) {
      if (ds.properties.some((p) => p.name === config.name)) throw validationError(`A property named ${config.name} already exists.`);
      existing.name = config.name;
    }
    if (typeof config.description === 'string') existing.description = config.description;
    const type = configuredType(config, path);
    if (type) {
      if ((type === 'title') !== (existing.type === 'title')) {
        throw validationError('The title property cannot change type, and no other property can become the title.');
      }
      const from = existing.type;
      const previous = from === type ? { options: existing.options, groups: existing.groups } : null;
      applyTypeConfig(existing, type, config[type], path, makeOptionId, previous);
      if (from !== type) retyped.push({ prop: existing, from });
    }
  }
  return { retyped, removed };
}
