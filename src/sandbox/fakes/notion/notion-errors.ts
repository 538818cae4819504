import { newUuid } from '../ids.js';
import type { FailureRenderer } from '../gate.js';

/** A refusal in Notion's words: `{object:'error', status, code, message, request_id}`. */
export class NotionApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'NotionApiError';
  }
}

export function validationError(message: string): NotionApiError {
  return new NotionApiError(400, 'validation_error', message);
}

/** Notion's wording for a malformed field: "`path` should be `what`, instead was `value`." */
export function shouldBe(path: string, what: string, value: unknown): NotionApiError {
  const shown = value === undefined ? 'undefined' : JSON.stringify(value);
  return validationError(`${path} should be ${what}, instead was \`${shown}\`.`);
}

export function notFound(kind: 'page' | 'database' | 'data source' | 'block', id: string): NotionApiError {
  return new NotionApiError(
    404,
    'object_not_found',
    `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
  );
}

export function notionErrorResponse(error: NotionApiError, headers: Record<string, string> = {}): Response {
  const body = { object: 'error', status: error.status, code: error.code, message: error.message, request_id: newUuid() };
  return Response.json(body, { status: error.status, headers });
}

export const renderNotionFailure: FailureRenderer = (_c, failure, retryAfterSeconds) => {
  switch (failure) {
    case 'rate_limited':
      return notionErrorResponse(
        new NotionApiError(429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.'),
        { 'Retry-After': String(retryAfterSeconds) },
      );
    case 'server_error':
      return notionErrorResponse(new NotionApiError(500, 'internal_server_error', 'Unexpected error occurred.'));
    case 'unavailable':
      return notionErrorResponse(
        new NotionApiError(503, 'service_unavailable', 'Notion is unavailable. Please try again later.'),
      );
    case 'timeout':
      return notionErrorResponse(new NotionApiError(504, 'gateway_timeout', 'Notion timed out while processing the request.'));
  }
};
