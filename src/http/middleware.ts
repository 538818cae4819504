import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../errors.js';
import { tokenMatches, verifyBodySignature } from './signatures.js';
import { parseJson, readRawBody, requireJsonContentType } from './raw-body.js';

export type BodyVariables = { body: unknown };

/** 1 MB: far above any Canvas Kit request or Notion event, far below what would hurt us. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const limitBody = (maxSize = MAX_BODY_BYTES): MiddlewareHandler =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('payload_too_large', 413, `The request body is larger than ${maxSize} bytes.`);
    },
  });

/**
 * Canvas Kit requests: verify `X-Body-Signature` over the raw bytes before anything looks at the
 * content, then require JSON and parse it. A bad signature is a 401 and nothing else happens.
 */
export function verifiedIntercomJson(secrets: readonly string[]): MiddlewareHandler<{ Variables: BodyVariables }> {
  return async function verifiedIntercomJson(c, next) {
    const raw = await readRawBody(c);
    if (!verifyBodySignature(raw.bytes, c.req.header('x-body-signature'), secrets)) {
      throw new AppError('invalid_signature', 401, 'Missing or invalid X-Body-Signature.');
    }
    requireJsonContentType(c);
    c.set('body', parseJson(raw.text()));
    await next();
  };
}

/** The bearer token a route requires: `Authorization: Bearer <API_TOKEN>` or `X-Api-Token`. */
export function bearerToken(authorization: string | undefined, apiTokenHeader: string | undefined): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  return match?.[1]?.trim() ?? apiTokenHeader?.trim() ?? null;
}

export function requireApiToken(tokens: readonly string[]): MiddlewareHandler {
  return async function requireApiToken(c, next) {
    const token = bearerToken(c.req.header('authorization'), c.req.header('x-api-token'));
    if (!tokenMatches(token, tokens)) {
      throw new AppError(
        'unauthorized',
        401,
        token ? 'The API token is not valid.' : 'This route needs Authorization: Bearer <API_TOKEN>.',
      );
    }
    await next();
  };
}

/** JSON body for token-protected routes (checked after the token). */
export function jsonBody(): MiddlewareHandler<{ Variables: BodyVariables }> {
  return async function jsonBody(c, next) {
    const raw = await readRawBody(c);
    requireJsonContentType(c);
    c.set('body', parseJson(raw.text()));
    await next();
  };
}
