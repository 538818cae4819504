import { Hono } from 'hono';

export interface Readiness {
  ready: boolean;
  checks: Record<string, unknown>;
}

/** GET /healthz: the process answers. GET /readyz: configured, store answering, Notion schema checked, ticket index loaded. */
export function healthRoutes(readiness: () => Promise<Readiness>): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const r = await readiness();
    return c.json({ status: r.ready ? 'ready' : 'not_ready', checks: r.checks }, r.ready ? 200 : 503);
  });
  return app;
}
