import { Hono } from 'hono';

export interface Readiness {
  ready: boolean;
  checks: Record<string, unknown>;
}

/** GET /healthz: the process answers. GET /readyz: configured, Notion schema checked, ticket index loaded. */
export function healthRoutes(readiness: () => Readiness): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => {
    const r = readiness();
    return c.json({ status: r.ready ? 'ready' : 'not_ready', checks: r.checks }, r.ready ? 200 : 503);
  });
  return app;
}
