import type { Context } from 'hono';
import { AppError } from '../errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Reads the body once, as the exact bytes sent (signatures are computed over bytes), and decodes
 * it strictly: invalid UTF-8 is the client's mistake, not something to repair silently.
 */
export async function readRawBody(c: Context): Promise<{ bytes: Uint8Array; text: () => string }> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  return {
    bytes,
    text: () => {
      try {
        return decoder.decode(bytes);
      } catch {
        throw new AppError('invalid_request', 400, 'The request body is not valid UTF-8.');
      }
    },
  };
}

export function parseJson(text: string): unknown {
  if (text.trim() === '') throw new AppError('invalid_json', 400, 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : 'unparseable';
    throw new AppError('invalid_json', 400, `The request body is not valid JSON (${why}).`);
  }
}

/** JSON bodies only: `application/json`, any charset parameter. */
export function requireJsonContentType(c: Context): void {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new AppError(
      'unsupported_media_type',
      415,
      `Content-Type must be application/json (got ${type ? JSON.stringify(type.slice(0, 100)) : 'none'}).`,
    );
  }
}
