import { newUuid } from '../ids.js';
import type { FailureRenderer } from '../gate.js';

/** An Intercom refusal: `{type: 'error.list', request_id, errors: [{code, message}]}`. */
export class IntercomApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'IntercomApiError';
  }
}

export function intercomErrorResponse(error: IntercomApiError, headers: Record<string, string> = {}): Response {
  return Response.json(
    { type: 'error.list', request_id: newUuid(), errors: [{ code: error.code, message: error.message }] },
    { status: error.status, headers },
  );
}

export const renderIntercomFailure: FailureRenderer = (_c, failure, retryAfterSeconds) => {
  switch (failure) {
    case 'rate_limited':
      return intercomErrorResponse(new IntercomApiError(429, 'rate_limit_exceeded', 'Exceeded rate limit of 167 in 10_seconds'), {
        'Retry-After': String(retryAfterSeconds),
        'X-RateLimit-Limit': '167',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + retryAfterSeconds),
      });
    case 'server_error':
      return intercomErrorResponse(new IntercomApiError(500, 'server_error', 'Server Error'));
    case 'unavailable':
      return intercomErrorResponse(new IntercomApiError(503, 'service_unavailable', 'Service Unavailable'));
    case 'timeout':
      return intercomErrorResponse(new IntercomApiError(504, 'request_timeout', 'Request Timeout'));
  }
};
