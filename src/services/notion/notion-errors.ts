import { APIErrorCode, isHTTPResponseError, isNotionClientError, RequestTimeoutError } from '@notionhq/client';
import { parseRetryAfter, type Failure } from '../http/external-call.js';
import { transportFailure } from '../http/transport-failure.js';

/** What a failed @notionhq/client call means for retrying and for the caller. */
export function classifyNotionError(err: unknown): Failure {
  if (isHTTPResponseError(err)) {
    const base = { status: err.status, code: err.code, message: err.message };
    const retryAfterMs = parseRetryAfter(header(err.headers, 'retry-after'));
    const withRetryAfter = retryAfterMs === undefined ? base : { ...base, retryAfterMs };
    // 529 service_overload asks us to come back like a 429 does; a 409 conflict_error was not
    // applied ("try again"), so repeating it is safe even for pages.create.
    if (err.status === 429 || err.status === 529 || err.code === APIErrorCode.ConflictError) {
      return { kind: 'rate_limited', ...withRetryAfter };
    }
    if (err.status >= 500) return { kind: 'server', ...withRetryAfter };
    if (err.status === 401 || err.status === 403) return { kind: 'auth', ...base };
    if (err.status === 404) return { kind: 'not_found', ...base };
    return { kind: 'rejected', ...base };
  }
  // The SDK's own timer only fires if our per-attempt timeout (which aborts) somehow did not.
  if (RequestTimeoutError.isRequestTimeoutError(err)) return { kind: 'timeout', code: err.code, message: err.message };
  const transport = transportFailure(err);
  if (transport) return transport;
  if (isNotionClientError(err)) return { kind: 'rejected', code: err.code, message: err.message };
  return { kind: 'rejected', message: err instanceof Error ? err.message : String(err) };
}

function header(headers: unknown, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (headers !== null && typeof headers === 'object') {
    for (const [key, value] of Object.entries(headers)) {
      if (key.toLowerCase() === name && typeof value === 'string') return value;
    }
  }
  return undefined;
}
