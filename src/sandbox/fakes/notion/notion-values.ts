import { shouldBe, validationError } from './notion-errors.js';
import type { PropertySchema, PropertyType, SelectOption } from './notion-schema.js';

/**
 * Page property values: checked on write the way Notion checks them (same limits, messages
 * naming the path), stored compactly, and rendered back in Notion's response shape.
 */

export const TEXT_ITEM_MAX = 2000;
export const RICH_TEXT_ITEMS_MAX = 100;
export const URL_MAX = 2000;

export interface Annotations {
  bold: boolean;
  italic: boolean;
  strikethrough: boolean;
  underline: boolean;
  code: boolean;
  color: string;
}

export interface TextItem {
  content: string;
  link: string | null;
  /** Only the annotations that differ from the defaults, to keep 50,000 pages small. */
  annotations?: Partial<Annotations>;
}

export interface DateValue {
  start: string;
  end: string | null;
  time_zone: string | null;
}

/**
 * By property type: title/rich_text -> TextItem[]; url -> string | null; status/select -> option
 * id | null; date -> DateValue | null; checkbox -> boolean. unique_id lives on the page itself.
 */
export type StoredValue = TextItem[] | string | boolean | DateValue | null;

const DEFAULT_ANNOTATIONS: Annotations = {
  bold: false,
  italic: false,
  strikethrough: false,
  underline: false,
  code: false,
  color: 'default',
};

export function emptyValue(type: PropertyType): StoredValue {
  if (type === 'title' || type === 'rich_text') return [];
  if (type === 'checkbox') return false;
  return null;
}

export function textOf(value: StoredValue | undefined): string {
  return Array.isArray(value) ? value.map((item) => item.content).join('') : '';
}

export function textItems(value: StoredValue | undefined): TextItem[] {
  return Array.isArray(value) ? value : [];
}

export function plainTextItems(text: string): TextItem[] {
  const items: TextItem[] = [];
  for (let i = 0; i < text.length; i += TEXT_ITEM_MAX) items.push({ content: text.slice(i, i + TEXT_ITEM_MAX), link: null });
  return items;
}

function parseTextItems(raw: unknown, path: string): TextItem[] {
  if (!Array.isArray(raw)) throw shouldBe(path, 'an array', raw);
  if (raw.length > RICH_TEXT_ITEMS_MAX) {
    throw validationError(`${path}.length should be ≤ \`${RICH_TEXT_ITEMS_MAX}\`, instead was \`${raw.length}\`.`);
  }
  return raw.map((item: unknown, i) => {
    const at = `${path}[${i}]`;
    if (typeof item !== 'object' || item === null) throw shouldBe(at, 'an object', item);
    const { type, text, annotations } = item as { type?: unknown; text?: unknown; annotations?: unknown };
    if (type !== undefined && type !== 'text') {
      throw validationError(`${at}.type \`${String(type)}\` is not supported by the sandbox; send text items.`);
    }
    if (typeof text !== 'object' || text === null) throw shouldBe(`${at}.text`, 'defined', text);
    const { content, link } = text as { content?: unknown; link?: unknown };
    if (typeof content !== 'string') throw shouldBe(`${at}.text.content`, 'a string', content);
    if (content.length > TEXT_ITEM_MAX) {
      throw validationError(`${at}.text.content.length should be ≤ \`${TEXT_ITEM_MAX}\`, instead was \`${content.length}\`.`);
    }
    let url: string | null = null;
    if (link !== undefined && link !== null) {
      const linkUrl = (link as { url?: unknown }).url;
      if (typeof linkUrl !== 'string') throw shouldBe(`${at}.text.link.url`, 'a string', linkUrl);
      if (linkUrl.length > URL_MAX) {
        throw validationError(`${at}.text.link.url.length should be ≤ \`${URL_MAX}\`, instead was \`${linkUrl.length}\`.`);
      }
      url = linkUrl;
    }
    const parsed: TextItem = { content, link: url };
    if (annotations !== undefined && annotations !== null && typeof annotations === 'object') {
      const diff: Partial<Annotations> = {};
      for (const [key, value] of Object.entries(annotations)) {
        if (key in DEFAULT_ANNOTATIONS && value !== DEFAULT_ANNOTATIONS[key as keyof Annotations]) {
          (diff as Record<string, unknown>)[key] = value;
        }
      }
      if (Object.keys(diff).length > 0) parsed.annotations = diff;
    }
    return parsed;
  });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function parseDate(raw: unknown, path: string): DateValue | null {
  if (raw === null) return null;
  if (typeof raw !== 'object') throw shouldBe(path, 'an object or `null`', raw);
  const { start, end, time_zone } = raw as { start?: unknown; end?: unknown; time_zone?: unknown };
  if (typeof start !== 'string' || !ISO_DATE.test(start) || Number.isNaN(Date.parse(start))) {
    throw shouldBe(`${path}.start`, 'an ISO 8601 date string', start);
  }
  if (end !== undefined && end !== null && (typeof end !== 'string' || !ISO_DATE.test(end))) {
    throw shouldBe(`${path}.end`, 'an ISO 8601 date string or `null`', end);
  }
  return {
    start,
    end: typeof end === 'string' ? end : null,
    time_zone: typeof time_zone === 'string' ? time_zone : null,
  };
}

function parseOption(
  prop: PropertySchema,
  raw: unknown,
  path: string,
  makeOptionId: () => string,
): string | null {
  if (raw === null) return null;
  if (typeof raw !== 'object') throw shouldBe(path, 'an object or `null`', raw);
  const { id, name } = raw as { id?: unknown; name?: unknown };
  let option: SelectOption | undefined;
  if (typeof id === 'string') option = prop.options.find((o) => o.id === id);
  else if (typeof name === 'string') option = prop.options.find((o) => o.name === name);
  else throw validationError(`${path}.name should be defined, instead was \`undefined\`.`);
  if (option) return option.id;
  if (prop.type === 'status' || typeof id === 'string') {
    throw validationError(
      `Invalid ${prop.type} option. ${prop.type === 'status' ? 'Status' : 'Select'} option ` +
        `${JSON.stringify(id ?? name)} does not exist for property ${prop.name}.`,
    );
  }
  // Like Notion, an unknown select name adds the option (the integration can edit the schema).
  const added = name as string;
  if (added.includes(',')) throw validationError(`${path}.name cannot contain commas.`);
  const created: SelectOption = { id: makeOptionId(), name: added, color: 'default', description: null };
  prop.options.push(created);
  return created.id;
}

/** Parses one property of a pages.create/update body (`{rich_text: […]}`, `{status: {name}}`…). */
export function parseValue(prop: PropertySchema, raw: unknown, path: string, makeOptionId: () => string): StoredValue {
  if (prop.type === 'unique_id') {
    throw validationError(`${prop.name} is a unique_id property and cannot be updated: Notion numbers it automatically.`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw shouldBe(path, 'an object', raw);
  }
  const body = raw as Record<string, unknown>;
  if (!(prop.type in body)) throw validationError(`${path}.${prop.type} should be defined, instead was \`undefined\`.`);
  const value = body[prop.type];
  const at = `${path}.${prop.type}`;
  switch (prop.type) {
    case 'title':
    case 'rich_text':
      return parseTextItems(value, at);
    case 'url':
      if (value === null) return null;
      if (typeof value !== 'string' || value === '') throw shouldBe(at, 'a non-empty string or `null`', value);
      if (value.length > URL_MAX) throw validationError(`${at}.length should be ≤ \`${URL_MAX}\`, instead was \`${value.length}\`.`);
      return value;
    case 'status':
    case 'select':
      return parseOption(prop, value, at, makeOptionId);
    case 'date':
      return parseDate(value, at);
    case 'checkbox':
      if (typeof value !== 'boolean') throw shouldBe(at, 'a boolean', value);
      return value;
  }
}

function renderText(items: TextItem[]): Array<Record<string, unknown>> {
  return items.map((item) => ({
    type: 'text',
    text: { content: item.content, link: item.link ? { url: item.link } : null },
    annotations: item.annotations ? { ...DEFAULT_ANNOTATIONS, ...item.annotations } : { ...DEFAULT_ANNOTATIONS },
    plain_text: item.content,
    href: item.link,
  }));
}

export function renderRichText(text: string): Array<Record<string, unknown>> {
  return renderText(plainTextItems(text));
}

/** One entry of `page.properties`, as Notion returns it. */
export function renderValue(prop: PropertySchema, value: StoredValue | undefined, uniqueNumber: number): Record<string, unknown> {
  const base = { id: prop.id, type: prop.type };
  switch (prop.type) {
    case 'title':
    case 'rich_text':
      return { ...base, [prop.type]: renderText(textItems(value)) };
    case 'url':
      return { ...base, url: typeof value === 'string' ? value : null };
    case 'status':
    case 'select': {
      const option = typeof value === 'string' ? prop.options.find((o) => o.id === value) : undefined;
      return { ...base, [prop.type]: option ? { id: option.id, name: option.name, color: option.color } : null };
    }
    case 'date':
      return { ...base, date: isDate(value) ? { ...value } : null };
    case 'checkbox':
      return { ...base, checkbox: value === true };
    case 'unique_id':
      return { ...base, unique_id: { prefix: prop.prefix, number: uniqueNumber } };
  }
}

export function isDate(value: StoredValue | undefined): value is DateValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as plain data for /api/state and sorting: text, option name, ISO date, boolean. */
export function plainValue(prop: PropertySchema, value: StoredValue | undefined, uniqueNumber: number): string | boolean | null {
  switch (prop.type) {
    case 'title':
    case 'rich_text':
      return textOf(value);
    case 'url':
      return typeof value === 'string' ? value : null;
    case 'status':
    case 'select':
      return prop.options.find((o) => o.id === value)?.name ?? null;
    case 'date':
      return isDate(value) ? value.start : null;
    case 'checkbox':
      return value === true;
    case 'unique_id':
      return prop.prefix ? `${prop.prefix}-${uniqueNumber}` : String(uniqueNumber);
  }
}

/** Keeps what survives a type change (text stays text, a URL becomes text and back), clears the rest. */
export function convertValue(value: StoredValue | undefined, from: PropertyType, to: PropertyType): StoredValue {
  const textual = (t: PropertyType) => t === 'title' || t === 'rich_text';
  if (textual(from) && textual(to)) return value ?? [];
  if (textual(from) && to === 'url') return textOf(value).trim() || null;
  if (from === 'url' && textual(to)) return typeof value === 'string' ? plainTextItems(value) : [];
  return emptyValue(to);
}
