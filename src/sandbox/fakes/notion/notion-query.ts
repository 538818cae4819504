import { newUuid } from '../ids.js';
import { shouldBe, validationError } from './notion-errors.js';
import { notionMinute, type PageState } from './notion-page.js';
import { findProperty, type DataSourceState, type PropertySchema } from './notion-schema.js';
import { isDate, textOf } from './notion-values.js';

/**
 * POST /data_sources/:id/query: filters, sorts, cursor pagination and the per-query result cap.
 *
 * A query's matching rows are computed once and kept behind its cursor, so paging through 50,000
 * rows costs one filter-and-sort per query, not per page. Rows trashed meanwhile are skipped.
 */

export const DEFAULT_QUERY_RESULT_LIMIT = 10_000;
export const MAX_PAGE_SIZE = 100;

type Predicate = (page: PageState) => boolean;
type Comparator = (a: PageState, b: PageState) => number;

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The one `{operator: operand}` pair of a filter condition. */
function operation(condition: unknown, path: string): [string, unknown] {
  if (typeof condition !== 'object' || condition === null) {
    throw shouldBe(path, 'an object', condition);
  }
  const entries = Object.entries(condition);
  if (entries.length !== 1) throw validationError(`${path} should have exactly one condition, instead had ${entries.length}.`);
  return entries[0]!;
}

function textPredicate(get: (p: PageState) => string, condition: unknown, path: string): Predicate {
  const [op, operand] = operation(condition, path);
  if (op === 'is_empty') return (p) => get(p) === '';
  if (op === 'is_not_empty') return (p) => get(p) !== '';
  if (typeof operand !== 'string') throw shouldBe(`${path}.${op}`, 'a string', operand);
  const needle = operand.toLowerCase();
  switch (op) {
    case 'equals':
      return (p) => get(p) === operand;
    case 'does_not_equal':
      return (p) => get(p) !== operand;
    case 'contains':
      return (p) => get(p).toLowerCase().includes(needle);
    case 'does_not_contain':
      return (p) => !get(p).toLowerCase().includes(needle);
    case 'starts_with':
      return (p) => get(p).toLowerCase().startsWith(needle);
    case 'ends_with':
      return (p) => get(p).toLowerCase().endsWith(needle);
    default:
      throw validationError(`${path}.${op} is not a supported text filter condition.`);
  }
}

function optionPredicate(prop: PropertySchema, condition: unknown, path: string): Predicate {
  const [op, operand] = operation(condition, path);
  const nameOf = (p: PageState) => prop.options.find((o) => o.id === p.values[prop.id])?.name ?? null;
  if (op === 'is_empty') return (p) => nameOf(p) === null;
  if (op === 'is_not_empty') return (p) => nameOf(p) !== null;
  const names = Array.isArray(operand) ? operand : [operand];
  if (!names.every((n) => typeof n === 'string')) {
    throw shouldBe(`${path}.${op}`, 'a string', operand);
  }
  const matches = (p: PageState) => {
    const name = nameOf(p);
    return name !== null && names.includes(name);
  };
  if (op === 'equals') return matches;
  if (op === 'does_not_equal') return (p) => !matches(p);
  throw validationError(`${path}.${op} is not a supported ${prop.type} filter condition.`);
}

/** Date conditions; a date-only operand means the whole (UTC) day, as in Notion. */
function datePredicate(get: (p: PageState) => number | null, condition: unknown, path: string): Predicate {
  const [op, operand] = operation(condition, path);
  if (op === 'is_empty') return (p) => get(p) === null;
  if (op === 'is_not_empty') return (p) => get(p) !== null;
  if (typeof operand !== 'string' || Number.isNaN(Date.parse(operand))) {
    throw shouldBe(`${path}.${op}`, 'an ISO 8601 date string', operand);
  }
  const start = Date.parse(operand);
  const end = DATE_ONLY.test(operand) ? start + DAY_MS : start + 1;
  const test = (fn: (t: number) => boolean): Predicate => (p) => {
    const t = get(p);
    return t !== null && fn(t);
  };
  switch (op) {
    case 'equals':
      return test((t) => t >= start && t < end);
    case 'before':
      return test((t) => t < start);
    case 'after':
      return test((t) => t >= end);
    case 'on_or_before':
      return test((t) => t < end);
    case 'on_or_after':
      return test((t) => t >= start);
    default:
      throw validationError(`${path}.${op} is not a date filter condition the sandbox supports.`);
  }
}

function numberPredicate(get: (p: PageState) => number, condition: unknown, path: string): Predicate {
  const [op, operand] = operation(condition, path);
  if (typeof operand !== 'number' || !Number.isFinite(operand)) {
    throw shouldBe(`${path}.${op}`, 'a number', operand);
  }
  switch (op) {
    case 'equals':
      return (p) => get(p) === operand;
    case 'does_not_equal':
      return (p) => get(p) !== operand;
    case 'greater_than':
      return (p) => get(p) > operand;
    case 'greater_than_or_equal_to':
      return (p) => get(p) >= operand;
    case 'less_than':
      return (p) => get(p) < operand;
    case 'less_than_or_equal_to':
      return (p) => get(p) <= operand;
    default:
      throw validationError(`${path}.${op} is not a supported number filter condition.`);
  }
}

function dateMs(value: unknown): number | null {
  return isDate(value as never) ? Date.parse((value as { start: string }).start) : null;
}

const TEXT_FILTER_KEYS = ['title', 'rich_text', 'url'];

function propertyPredicate(ds: DataSourceState, filter: Record<string, unknown>, path: string): Predicate {
  const key = filter.property;
  if (typeof key !== 'string') throw shouldBe(`${path}.property`, 'a string', key);
  const prop = findProperty(ds, key);
  if (!prop) throw validationError(`Could not find property with name or id: ${key}`);
  const filterType = Object.keys(filter).find((k) => k !== 'property' && k !== 'type');
  if (!filterType) throw validationError(`${path} should have a filter condition for property ${key}.`);
  const condition = filter[filterType];
  const at = `${path}.${filterType}`;
  const textual = prop.type === 'title' || prop.type === 'rich_text' || prop.type === 'url';
  const matches = textual ? TEXT_FILTER_KEYS.includes(filterType) : filterType === prop.type;
  if (!matches) {
    throw validationError(`Filter type \`${filterType}\` does not match property ${prop.name} of type \`${prop.type}\`.`);
  }
  switch (prop.type) {
    case 'title':
    case 'rich_text':
      return textPredicate((p) => textOf(p.values[prop.id]), condition, at);
    case 'url':
      return textPredicate((p) => (typeof p.values[prop.id] === 'string' ? (p.values[prop.id] as string) : ''), condition, at);
    case 'status':
    case 'select':
      return optionPredicate(prop, condition, at);
    case 'date':
      return datePredicate((p) => dateMs(p.values[prop.id]), condition, at);
    case 'checkbox': {
      const [op, operand] = operation(condition, at);
      if (typeof operand !== 'boolean') throw shouldBe(`${at}.${op}`, 'a boolean', operand);
      if (op === 'equals') return (p) => (p.values[prop.id] === true) === operand;
      if (op === 'does_not_equal') return (p) => (p.values[prop.id] === true) !== operand;
      throw validationError(`${at}.${op} is not a supported checkbox filter condition.`);
    }
    case 'unique_id':
      return numberPredicate((p) => p.number, condition, at);
  }
}

/** Compound filters nest at most two levels below the top, as Notion documents. */
const MAX_COMPOUND_DEPTH = 2;

export function compileFilter(ds: DataSourceState, filter: unknown, path = 'body.filter', depth = 0): Predicate {
  if (filter === undefined || filter === null) return () => true;
  if (typeof filter !== 'object' || Array.isArray(filter)) {
    throw shouldBe(path, 'an object', filter);
  }
  const f = filter as Record<string, unknown>;
  for (const compound of ['and', 'or'] as const) {
    if (!(compound in f)) continue;
    if (depth > MAX_COMPOUND_DEPTH) throw validationError(`${path} nests compound filters more than two levels deep.`);
    const parts = f[compound];
    if (!Array.isArray(parts)) throw shouldBe(`${path}.${compound}`, 'an array', parts);
    const predicates = parts.map((part, i) => compileFilter(ds, part, `${path}.${compound}[${i}]`, depth + 1));
    return compound === 'and' ? (p) => predicates.every((pred) => pred(p)) : (p) => predicates.some((pred) => pred(p));
  }
  if ('timestamp' in f) {
    const which = f.timestamp;
    if (which !== 'created_time' && which !== 'last_edited_time') {
      throw shouldBe(`${path}.timestamp`, '`"created_time"` or `"last_edited_time"`', which);
    }
    const get = which === 'created_time' ? (p: PageState) => notionMinute(p.createdMs) : (p: PageState) => notionMinute(p.editedMs);
    return datePredicate(get, f[which], `${path}.${which}`);
  }
  return propertyPredicate(ds, f, path);
}

function compareNullable<T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number, direction: number): number {
  // Empty values sort last in both directions, as in Notion.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return cmp(a, b) * direction;
}

function byMinute(get: (p: PageState) => number, dir: number): Comparator {
  return (a, b) => (notionMinute(get(a)) - notionMinute(get(b))) * dir || get(a) - get(b);
}

export function compileSorts(ds: DataSourceState, sorts: unknown): Comparator | null {
  if (sorts === undefined || sorts === null) return null;
  if (!Array.isArray(sorts)) throw shouldBe('body.sorts', 'an array', sorts);
  if (sorts.length === 0) return null;
  const comparators = sorts.map((sort: unknown, i): Comparator => {
    const path = `body.sorts[${i}]`;
    const s = (sort ?? {}) as { property?: unknown; timestamp?: unknown; direction?: unknown };
    if (s.direction !== 'ascending' && s.direction !== 'descending') {
      throw shouldBe(`${path}.direction`, '`"ascending"` or `"descending"`', s.direction);
    }
    const dir = s.direction === 'ascending' ? 1 : -1;
    if (s.timestamp !== undefined) {
      // Shown to the minute; within one, rows keep the order they were written in.
      if (s.timestamp === 'created_time') return byMinute((p) => p.createdMs, dir);
      if (s.timestamp === 'last_edited_time') return byMinute((p) => p.editedMs, dir);
      throw validationError(`${path}.timestamp should be \`"created_time"\` or \`"last_edited_time"\`.`);
    }
    if (typeof s.property !== 'string') throw shouldBe(`${path}.property`, 'a string', s.property);
    const prop = findProperty(ds, s.property);
    if (!prop) throw validationError(`Could not find sort property with name or id: ${s.property}`);
    return propertyComparator(prop, dir);
  });
  return (a, b) => {
    for (const cmp of comparators) {
      const result = cmp(a, b);
      if (result !== 0) return result;
    }
    return 0;
  };
}

function propertyComparator(prop: PropertySchema, dir: number): Comparator {
  const byText = (get: (p: PageState) => string): Comparator => (a, b) =>
    compareNullable(get(a) || null, get(b) || null, (x, y) => x.localeCompare(y), dir);
  switch (prop.type) {
    case 'title':
    case 'rich_text':
      return byText((p) => textOf(p.values[prop.id]));
    case 'url':
      return byText((p) => (typeof p.values[prop.id] === 'string' ? (p.values[prop.id] as string) : ''));
    case 'status':
    case 'select': {
      const rank = (p: PageState) => {
        const index = prop.options.findIndex((o) => o.id === p.values[prop.id]);
        return index < 0 ? null : index;
      };
      return (a, b) => compareNullable(rank(a), rank(b), (x, y) => x - y, dir);
    }
    case 'date':
      return (a, b) => compareNullable(dateMs(a.values[prop.id]), dateMs(b.values[prop.id]), (x, y) => x - y, dir);
    case 'checkbox':
      return (a, b) => (Number(a.values[prop.id] === true) - Number(b.values[prop.id] === true)) * dir;
    case 'unique_id':
      return (a, b) => (a.number - b.number) * dir;
  }
}

interface Snapshot {
  rows: PageState[];
  limitReached: boolean;
}

export interface QueryPage {
  results: PageState[];
  nextCursor: string | null;
  hasMore: boolean;
  /** The cap cut this query short: Notion's `request_status: incomplete`. */
  limitReached: boolean;
}

export interface QueryBody {
  filter?: unknown;
  sorts?: unknown;
  start_cursor?: unknown;
  page_size?: unknown;
  in_trash?: unknown;
}

/** Open cursors; the oldest are forgotten first, as a server would expire them. */
const MAX_OPEN_CURSORS = 128;

export class QueryEngine {
  #cursors = new Map<string, { snapshot: Snapshot; offset: number }>();

  run(ds: DataSourceState, rows: readonly PageState[], body: QueryBody, resultLimit: number): QueryPage {
    const pageSize = body.page_size ?? MAX_PAGE_SIZE;
    if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1) {
      throw shouldBe('body.page_size', 'a positive integer', pageSize);
    }
    if (pageSize > MAX_PAGE_SIZE) throw shouldBe('body.page_size', `≤ \`${MAX_PAGE_SIZE}\``, pageSize);

    let snapshot: Snapshot;
    let offset = 0;
    if (body.start_cursor !== undefined && body.start_cursor !== null) {
      const open = typeof body.start_cursor === 'string' ? this.#cursors.get(body.start_cursor) : undefined;
      if (!open) throw validationError(`The start_cursor provided is invalid: ${JSON.stringify(body.start_cursor)}`);
      this.#cursors.delete(body.start_cursor as string);
      ({ snapshot, offset } = open);
    } else {
      const predicate = compileFilter(ds, body.filter);
      const comparator = compileSorts(ds, body.sorts);
      const wantTrash = body.in_trash === true;
      let matches = rows.filter((p) => p.inTrash === wantTrash && predicate(p));
      if (comparator) matches = matches.sort(comparator);
      const limitReached = matches.length > resultLimit;
      snapshot = { rows: limitReached ? matches.slice(0, resultLimit) : matches, limitReached };
    }

    const end = Math.min(offset + pageSize, snapshot.rows.length);
    const results = snapshot.rows.slice(offset, end).filter((p) => p.inTrash === (body.in_trash === true));
    const hasMore = end < snapshot.rows.length;
    let nextCursor: string | null = null;
    if (hasMore) {
      nextCursor = newUuid();
      this.#cursors.set(nextCursor, { snapshot, offset: end });
      if (this.#cursors.size > MAX_OPEN_CURSORS) this.#cursors.delete(this.#cursors.keys().next().value!);
    }
    return { results, nextCursor, hasMore, limitReached: !hasMore && snapshot.limitReached };
  }

  reset(): void {
    this.#cursors.clear();
  }
}
