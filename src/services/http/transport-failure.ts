import { findCause, type Failure } from './external-call.js';
import { ExternalTimeoutError } from './service-fetch.js';

/**
 * Failures below HTTP, shared by every SDK's classifier: our per-attempt timeout, a connection
 * that never opened (safe to retry, nothing was sent) and one that broke after the request went
 * out (the service may have acted on it). SDKs wrap these differently, so the cause chain is
 * searched rather than the outer error.
 */

/** Errors meaning the request never reached the service. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export function transportFailure(err: unknown): Failure | null {
  const timeout = findCause(err, isTimeout);
  if (timeout !== undefined) return { kind: 'timeout', message: messageOf(timeout) };

  // SDK errors carry their own `code` ("slack_webapi_request_error"), so look for a system one.
  const code = systemCode(findCause(err, (e) => systemCode(e) !== undefined));
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return { kind: 'unreachable', code, message: `cannot connect (${code})` };
  }
  if (code !== undefined) return { kind: 'network', code, message: `connection failed (${code})` };
  // undici reports every transport problem as TypeError("fetch failed"), msw as "Failed to fetch".
  const fetchFailed = findCause(err, (e) => e instanceof TypeError && /fetch failed|failed to fetch/i.test(e.message));
  if (fetchFailed !== undefined) return { kind: 'network', message: messageOf(fetchFailed) };
  return null;
}

function isTimeout(e: unknown): boolean {
  if (e instanceof ExternalTimeoutError) return true;
  // AbortSignal.timeout() while the body is still streaming, or an SDK's own abort timer.
  const name = (e as { name?: unknown } | null)?.name;
  return e instanceof Error && (name === 'TimeoutError' || name === 'AbortError');
}

/** Node's errno codes (ECONNRESET…) and undici's (UND_ERR_SOCKET…). */
function systemCode(e: unknown): string | undefined {
  if (e === null || typeof e !== 'object') return undefined;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code) ? code : undefined;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
