import { Hono } from 'hono';
import { z } from 'zod';
import { faultSettingsPatch } from './faults.js';
import type { FakesEnv } from './gate.js';
import { NotionApiError } from './notion/notion-errors.js';
import { MAX_GENERATED_TICKETS } from '../seed/seed-world.js';
import type { World } from './world.js';

/**
 * Control and inspection of the sandbox (JSON, no auth: it only ever runs locally). The inbox
 * simulator draws from GET /state; tests and the benchmark steer faults and read counts.
 */

const seedOption = z.union([
  z.enum(['demo', 'empty']),
  z.object({ generatedTickets: z.number().int().min(0).max(MAX_GENERATED_TICKETS) }).strict(),
]);

const webhookSettings = z
  .object({
    target: z.object({ url: z.url(), verificationToken: z.string().min(1) }).nullable(),
    copies: z.number().int().min(0).max(10),
    delayMs: z.number().int().min(0).max(600_000),
    maxAttempts: z.number().int().min(1).max(8),
    retryDelayMs: z.number().int().min(0).max(600_000),
  })
  .partial()
  .strict();

export function controlRoutes(world: World): Hono<FakesEnv> {
  const app = new Hono<FakesEnv>();

  app.onError((err, c) => {
    if (err instanceof z.ZodError) return c.json({ error: 'invalid_request', issues: err.issues }, 400);
    if (err instanceof NotionApiError) return c.json({ error: err.code, message: err.message }, err.status === 404 ? 404 : 400);
    if (err instanceof SyntaxError) return c.json({ error: 'invalid_json', message: err.message }, 400);
    throw err;
  });

  app.get('/info', (c) => {
    const base = new URL(c.req.url);
    base.pathname = base.pathname.replace(/\/api\/info\/?$/, '');
    base.search = '';
    return c.json(world.info(base.toString()));
  });

  app.get('/state', (c) => {
    const tickets = c.req.query('tickets');
    const limit = tickets === 'all' ? Number.POSITIVE_INFINITY : tickets ? Number(tickets) || 0 : undefined;
    return c.json(world.state(limit === undefined ? {} : { tickets: limit }));
  });

  app.post('/notion/pages/:id/status', async (c) => {
    const { status } = z.object({ status: z.string().min(1) }).parse(await c.req.json());
    return c.json({ ticket: world.setStatus(c.req.param('id'), status) });
  });

  app.get('/faults', (c) => c.json(world.faults.get()));
  app.post('/faults', async (c) => c.json(world.faults.set(faultSettingsPatch.parse(await c.req.json()))));
  app.delete('/faults', (c) => {
    world.faults.clear();
    return c.json(world.faults.get());
  });

  app.get('/calls', (c) => c.json(world.calls.snapshot()));
  app.delete('/calls', (c) => {
    world.calls.reset();
    return c.json(world.calls.snapshot());
  });

  app.get('/webhooks', (c) =>
    c.json({
      target_url: world.webhooks.target?.url ?? null,
      delivery: world.webhooks.delivery,
      events: world.webhooks.events,
      attempts: world.webhooks.attempts,
    }),
  );
  app.post('/webhooks', async (c) => {
    const { target, ...delivery } = webhookSettings.parse(await c.req.json());
    if (target !== undefined) world.webhooks.target = target;
    return c.json({ target_url: world.webhooks.target?.url ?? null, delivery: world.webhooks.configure(delivery) });
  });

  app.post('/reset', async (c) => {
    const text = await c.req.text();
    const body = z.object({ seed: seedOption.optional() }).strict().parse(text.trim() ? JSON.parse(text) : {});
    world.reset(body.seed);
    return c.json({ seed: world.seed, info: world.info() });
  });

  app.all('*', (c) => c.json({ error: 'not_found' }, 404));
  return app;
}
