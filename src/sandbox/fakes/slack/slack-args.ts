import { SlackApiError } from './slack-errors.js';

/** Web API arguments arrive as strings (form bodies); these read them the way Slack does. */

/** Slack booleans arrive as "true"/"false" (or 1/0) in form bodies. */
export function flag(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

export function optionalInt(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new SlackApiError('invalid_arguments');
  return n;
}

export function parseJson(value: string | undefined, error: string): unknown {
  if (value === undefined || value === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw new SlackApiError(error);
  }
}

/** "1712345678.000100" -> microseconds, exactly (a float would round the last digits). */
export function tsToMicros(ts: string): number {
  const [seconds = '0', fraction = ''] = ts.split('.');
  return Number(seconds) * 1e6 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

/** Opaque cursors (`next_cursor`), empty when there is nothing more, as Slack does. */
export function paginate<T>(
  items: readonly T[],
  cursor: string | undefined,
  limit: number,
  max: number,
): { items: T[]; nextCursor: string } {
  let offset = 0;
  if (cursor) {
    const decoded = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!decoded) throw new SlackApiError('invalid_cursor');
    offset = Number(decoded[1]);
  }
  const size = Math.max(1, Math.min(limit, max));
  const end = offset + size;
  const nextCursor = end < items.length ? Buffer.from(`offset:${end}`).toString('base64') : '';
  return { items: items.slice(offset, end), nextCursor };
}
