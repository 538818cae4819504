import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';
import { MAX_BODY_BYTES } from './middleware.js';

/**
 * Bytes of request bodies held in memory before their sender is known: a signature can only be
 * checked over the whole body, so a route that verifies one has to read it first. Without a bound,
 * 900 connections each sending 1 MB with a bogus signature held 600 MB (issue 12). With it, at most
 * `maxBytes` are read at once across all such requests; beyond, the request is refused at once
 * with 503 and Retry-After, before a byte of its body is read.
 */
export class BodyBudget {
  private held = 0;

  constructor(readonly maxBytes: number) {}

  get inFlight(): number {
    return this.held;
  }

  tryReserve(bytes: number): boolean {
    if (this.held + bytes > this.maxBytes) return false;
    this.held += bytes;
    return true;
  }

  release(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }
}

/** 16 MB: a few hundred Canvas Kit requests (a few KB each) at once, or 16 bodies at the 1 MB limit. */
export const UNAUTHENTICATED_BODY_BUDGET_BYTES = 16 * 1024 * 1024;

/** How long a refused caller should wait: the request timeout frees any held share within it. */
const RETRY_AFTER_MS = 5_000;

/**
 * Reads the body of a request whose sender is not yet verified, within `budget`: its declared
 * Content-Length is reserved (the whole limit when it is chunked) while the bytes arrive, and
 * released once they are in. Call after the header checks and `limitBody()`; the handler then
 * reads the cached body as usual (`readRawBody`).
 */
export async function readWithinBudget(c: Context, budget: BodyBudget): Promise<void> {
  const declared = Number(c.req.header('content-length'));
  const chunked = c.req.header('transfer-encoding') !== undefined || !Number.isFinite(declared);
  const share = chunked ? MAX_BODY_BYTES : Math.min(declared, MAX_BODY_BYTES);
  if (!budget.tryReserve(share)) {
    throw new AppError('server_busy', 503, 'Too many unverified request bodies are being received; try again shortly.', {
      details: { retryAfterMs: RETRY_AFTER_MS },
    });
  }
  try {
    await c.req.arrayBuffer();
  } finally {
    budget.release(share);
  }
}

/** `readWithinBudget` as middleware, for routes where every request is verified the same way. */
export function budgetedBody(budget: BodyBudget): MiddlewareHandler {
  return async function budgetedBody(c, next) {
    await readWithinBudget(c, budget);
    await next();
  };
}

/**
 * Refuses a request that lacks every header it could be verified by, before its body is read:
 * an unsigned request costs the server its headers and nothing more.
 */
export function requireOneOfHeaders(headers: readonly string[], message: string): MiddlewareHandler {
  return async function requireOneOfHeaders(c, next) {
    if (!headers.some((name) => c.req.header(name))) {
      throw new AppError('invalid_signature', 401, message);
    }
    await next();
  };
}
