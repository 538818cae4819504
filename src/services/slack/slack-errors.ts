import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { parseRetryAfter, type Failure, type FailureKind } from '../http/external-call.js';
import { transportFailure } from '../http/transport-failure.js';

/**
 * Slack answers most refusals with HTTP 200 and `{ok: false, error}`; the code says whether
 * retrying can help.
 */
const PLATFORM_KINDS = new Map<string, FailureKind>([
  ['ratelimited', 'rate_limited'],
  ['rate_limited', 'rate_limited'],
  ['invalid_auth', 'auth'],
  ['not_authed', 'auth'],
  ['missing_scope', 'auth'],
  ['account_inactive', 'auth'],
  ['token_revoked', 'auth'],
  ['token_expired', 'auth'],
  ['no_permission', 'auth'],
  ['channel_not_found', 'not_found'],
  ['users_not_found', 'not_found'],
  ['user_not_found', 'not_found'],
  ['internal_error', 'server'],
  ['fatal_error', 'server'],
  ['service_unavailable', 'server'],
  ['request_timeout', 'server'],
]);

export function classifySlackError(err: unknown): Failure {
  if (err instanceof WebAPIPlatformError) {
    const code = err.data.error;
    // missing_scope names the scope to add; worth showing to whoever fixes the Slack app.
    const { needed } = err.data as { needed?: unknown };
    const scope = typeof needed === 'string' ? ` (needs ${needed})` : '';
    return { kind: PLATFORM_KINDS.get(code) ?? 'rejected', status: 200, code, message: `${code}${scope}` };
  }
  if (err instanceof WebAPIRateLimitedError) {
    return { kind: 'rate_limited', status: 429, retryAfterMs: err.retryAfter * 1000, message: err.message };
  }
  if (err instanceof WebAPIHTTPError) {
    const base = { status: err.statusCode, message: `HTTP ${err.statusCode} ${err.statusMessage}`.trim() };
    if (err.statusCode === 429) {
      const retryAfterMs = parseRetryAfter(err.headers['retry-after']);
      return { kind: 'rate_limited', ...base, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
    if (err.statusCode >= 500) return { kind: 'server', ...base };
    if (err.statusCode === 401 || err.statusCode === 403) return { kind: 'auth', ...base };
    if (err.statusCode === 404) return { kind: 'not_found', ...base };
    return { kind: 'rejected', ...base };
  }
  const transport = transportFailure(err);
  if (transport) return transport;
  if (err instanceof WebAPIRequestError) return { kind: 'network', message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  // A 429 whose Retry-After the SDK could not read: still a rate limit, just without a hint.
  if (message.startsWith('Retry header did not contain a valid timeout')) return { kind: 'rate_limited', status: 429, message };
  return { kind: 'rejected', message };
}

/** The `error` of a Slack `ok:false` answer, if that is what `err` is. */
export function platformError(err: unknown): WebAPIPlatformError | null {
  return err instanceof WebAPIPlatformError ? err : null;
}
