import { APIResponseError, RequestTimeoutError, UnknownHTTPResponseError } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import { classifyNotionError } from '../../../src/services/notion/notion-errors.js';

const apiError = (status: number, code: string, headers: Record<string, string> = {}) =>
  new APIResponseError({
    code: code as never,
    status,
    message: `${code} happened`,
    headers: new Headers(headers),
    rawBodyText: '{}',
    additional_data: undefined,
    request_id: 'req-1',
  });

describe('classifyNotionError', () => {
  it('reads Retry-After on a 429 and on a 529 overload', () => {
    expect(classifyNotionError(apiError(429, 'rate_limited', { 'retry-after': '3' }))).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 3000,
      status: 429,
      code: 'rate_limited',
    });
    expect(classifyNotionError(apiError(529, 'service_overload'))).toMatchObject({ kind: 'rate_limited' });
  });

  it('maps statuses to failure kinds', () => {
    expect(classifyNotionError(apiError(503, 'service_unavailable')).kind).toBe('server');
    expect(classifyNotionError(apiError(504, 'gateway_timeout')).kind).toBe('server');
    expect(classifyNotionError(apiError(403, 'restricted_resource')).kind).toBe('auth');
    expect(classifyNotionError(apiError(404, 'object_not_found')).kind).toBe('not_found');
    expect(classifyNotionError(apiError(400, 'validation_error')).kind).toBe('rejected');
    expect(classifyNotionError(apiError(409, 'conflict_error')).kind).toBe('rate_limited');
  });

  it('classifies an HTML error page from the edge by its status', () => {
    const edge = new UnknownHTTPResponseError({ status: 502, message: undefined, headers: new Headers(), rawBodyText: '<html>' });
    expect(classifyNotionError(edge)).toMatchObject({ kind: 'server', status: 502 });
  });

  it("treats the SDK's own timeout as a timeout", () => {
    expect(classifyNotionError(new RequestTimeoutError()).kind).toBe('timeout');
  });
});
