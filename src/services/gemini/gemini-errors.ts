import { ApiError } from '@google/genai';
import type { Failure } from '../http/external-call.js';
import { transportFailure } from '../http/transport-failure.js';

/**
 * What a failed generateContent call means. The SDK's ApiError carries only the status and the
 * error body as a JSON string: `{error: {code, message, status, details: [...]}}`.
 */
export function classifyGeminiError(err: unknown): Failure {
  if (err instanceof ApiError) {
    const body = errorBody(err.message);
    const base = {
      status: err.status,
      ...(body.status ? { code: body.status } : {}),
      message: body.message ?? err.message,
    };
    if (err.status === 429) {
      const retryAfterMs = retryDelayMs(body.details);
      return { kind: 'rate_limited', ...base, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
    if (err.status >= 500) return { kind: 'server', ...base };
    // An invalid key is a 400 INVALID_ARGUMENT whose ErrorInfo says API_KEY_INVALID.
    if (err.status === 401 || err.status === 403 || hasReason(body.details, 'API_KEY_INVALID')) return { kind: 'auth', ...base };
    if (err.status === 404) return { kind: 'not_found', ...base };
    return { kind: 'rejected', ...base };
  }
  const transport = transportFailure(err);
  if (transport) return transport;
  return { kind: 'rejected', message: err instanceof Error ? err.message : String(err) };
}

interface ErrorBody {
  status?: string;
  message?: string;
  details?: unknown[];
}

function errorBody(message: string): ErrorBody {
  try {
    const parsed = JSON.parse(message) as { error?: ErrorBody };
    return parsed.error ?? {};
  } catch {
    return {};
  }
}

/** google.rpc.RetryInfo `retryDelay` ("9s", "1.5s"), which the SDK's own retry ignores. */
function retryDelayMs(details: unknown[] | undefined): number | undefined {
  for (const detail of details ?? []) {
    const d = detail as { '@type'?: unknown; retryDelay?: unknown };
    if (typeof d['@type'] !== 'string' || !d['@type'].endsWith('google.rpc.RetryInfo')) continue;
    const match = typeof d.retryDelay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(d.retryDelay) : null;
    if (match) return Math.round(Number(match[1]) * 1000);
  }
  return undefined;
}

function hasReason(details: unknown[] | undefined, reason: string): boolean {
  return (details ?? []).some((d) => (d as { reason?: unknown }).reason === reason);
}
