import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { runWithContext } from '../observability/context.js';
import type { Logger } from '../observability/logger.js';

/**
 * Gives every request an id (the caller's X-Request-Id when it is sane), carried on every log line
 * of its work, and logs one line when it ends.
 */
export function requestContext(logger: Logger): MiddlewareHandler {
  return async function requestContext(c, next) {
    const given = c.req.header('x-request-id');
    const requestId = given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await runWithContext({ requestId, priority: 'interactive', deadline: null, operation: null }, async () => {
      await next();
      logger.info(
        { method: c.req.method, path: c.req.path, status: c.res.status, duration_ms: Math.round(performance.now() - started) },
        'request',
      );
    });
  };
}

/**
 * A teammate is waiting: stop retrying external calls once this budget is spent, and answer with
 * an error canvas they can retry rather than let Intercom time the panel out.
 */
export function deadline(budgetMs: number): MiddlewareHandler {
  return async function deadline(_c, next) {
    await runWithContext({ deadline: Date.now() + budgetMs }, next);
  };
}
