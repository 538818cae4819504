import { IntercomError, IntercomTimeoutError } from 'intercom-client';
import { parseRetryAfter, type Failure } from '../http/external-call.js';
import { transportFailure } from '../http/transport-failure.js';

/** What a failed intercom-client call means. Intercom errors: `{type:"error.list", errors:[{code,message}]}`. */
export function classifyIntercomError(err: unknown): Failure {
  if (err instanceof IntercomError && err.statusCode !== undefined) {
    const status = err.statusCode;
    const first = firstError(err.body);
    const base = {
      status,
      ...(first?.code ? { code: first.code } : {}),
      message: first?.message ? `${status} ${first.message}` : `HTTP ${status}`,
    };
    if (status === 429) {
      const retryAfterMs = retryAfter(err.rawResponse?.headers);
      return { kind: 'rate_limited', ...base, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
    if (status >= 500) return { kind: 'server', ...base };
    if (status === 401 || status === 403) return { kind: 'auth', ...base };
    if (status === 404) return { kind: 'not_found', ...base };
    return { kind: 'rejected', ...base };
  }
  if (err instanceof IntercomTimeoutError) return { kind: 'timeout', message: err.message };
  const transport = transportFailure(err);
  if (transport) return transport;
  // An IntercomError without a status is a fetch that failed in a way we could not see.
  if (err instanceof IntercomError) return { kind: 'network', message: err.message };
  return { kind: 'rejected', message: err instanceof Error ? err.message : String(err) };
}

function firstError(body: unknown): { code?: string; message?: string } | undefined {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return undefined;
  const first = errors[0] as { code?: unknown; message?: unknown } | undefined;
  return {
    ...(typeof first?.code === 'string' ? { code: first.code } : {}),
    ...(typeof first?.message === 'string' ? { message: first.message } : {}),
  };
}

/** Retry-After when present, else X-RateLimit-Reset (the unix second the window resets). */
function retryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const explicit = parseRetryAfter(headers?.get('retry-after'));
  if (explicit !== undefined) return explicit;
  const reset = Number(headers?.get('x-ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now) : undefined;
}
