import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, isAppError } from '../errors.js';
import type { Logger } from '../observability/logger.js';

/**
 * The one place errors become responses. Every error body has the seed API's shape:
 * `{"status":"error","error":{"code":"…","message":"…"}}`, plus the failed step when there is one.
 * Unexpected errors are logged in full and answered with a generic 500: their messages may
 * carry details a caller should not see.
 */
export function errorResponse(err: unknown, c: Context, logger: Logger): Response {
  const appError = !isAppError(err) && clientClosed(c) ? requestAborted() : toAppError(err);
  if (appError.status >= 500) logger.error({ err, code: appError.code, step: appError.step }, 'request failed');
  else logger.info({ code: appError.code, status: appError.status, message: appError.message }, 'request refused');
  return c.json(errorBody(appError), appError.status as ContentfulStatusCode, headersFor(appError, c));
}

export function errorBody(err: AppError): { status: 'error'; error: Record<string, unknown> } {
  const issues = err.details?.issues;
  return {
    status: 'error',
    error: {
      code: err.code,
      message: err.message,
      ...(err.step ? { step: err.step } : {}),
      ...(issues ? { issues } : {}),
    },
  };
}

export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'invalid_request';
    return new AppError(code, status, err.message || 'The request was refused.');
  }
  return new AppError('internal', 500, 'Something went wrong on our side; it has been logged.', { cause: err });
}

/**
 * The client hung up before its whole body arrived (an upload abandoned halfway): reading it
 * fails, but that is not our failure, and no one is waiting for the answer. Node marks such a
 * request stream as errored; a client that leaves after sending everything does not count.
 */
function clientClosed(c: Context): boolean {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return Boolean(incoming?.errored);
}

function bodyStillArriving(c: Context): boolean {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming !== undefined && !incoming.complete;
}

function requestAborted(): AppError {
  return new AppError('invalid_request', 400, 'The connection was closed before the request body was received.');
}

function headersFor(err: AppError, c: Context): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  if (err.code === 'unauthorized') {
    const challenge = err.details?.authenticate;
    headers['WWW-Authenticate'] = typeof challenge === 'string' ? challenge : 'Bearer realm="intercom-slack-notion"';
  }
  // The server stops reading an oversized body and drops the connection: say so, or a
  // keep-alive client sends its next request down a socket that is about to close.
  // A request refused before its body arrived (unsigned, over the unverified-body budget): keeping
  // the connection would make Node read the rest of the body only to discard it, a megabyte per
  // attacker; closing it after the answer stops the upload.
  if (err.status === 413 || bodyStillArriving(c)) headers.Connection = 'close';
  const retryAfterMs = err.details?.retryAfterMs;
  if (typeof retryAfterMs === 'number') headers['Retry-After'] = String(Math.ceil(retryAfterMs / 1000));
  return Object.keys(headers).length > 0 ? headers : undefined;
}
