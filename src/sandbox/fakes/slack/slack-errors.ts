import type { FailureRenderer } from '../gate.js';

/** A Web API refusal: HTTP 200 with `{ok: false, error, ...extra}`. */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
    this.name = 'SlackApiError';
  }
}

export const renderSlackFailure: FailureRenderer = (_c, failure, retryAfterSeconds) => {
  switch (failure) {
    case 'rate_limited':
      return Response.json({ ok: false, error: 'ratelimited' }, { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } });
    case 'server_error':
      return Response.json({ ok: false, error: 'internal_error' }, { status: 500 });
    case 'unavailable':
      return Response.json({ ok: false, error: 'service_unavailable' }, { status: 503 });
    case 'timeout':
      return Response.json({ ok: false, error: 'request_timeout' }, { status: 504 });
  }
};
