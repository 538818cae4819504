import { Hono } from 'hono';
import { controlRoutes } from './control-routes.js';
import type { FakesEnv, GateDeps } from './gate.js';
import { intercomRoutes } from './intercom/intercom-routes.js';
import { notionRoutes } from './notion/notion-routes.js';
import { slackRoutes } from './slack/slack-routes.js';
import { threadControlRoutes } from './thread-control-routes.js';
import { tryYourOwnRoutes } from './try-your-own-routes.js';
import type { World } from './world.js';

/**
 * The fakes as one Hono app, with relative routes: `/notion/v1/…`, `/slack/api/<method>`,
 * `/intercom/…` and the control API `/api/…`. The app mounts it at `/sandbox`; the test suite
 * and the benchmark serve it standalone (fakes-server.ts).
 */
export function createFakesApp(world: World): Hono<FakesEnv> {
  const deps: GateDeps = { calls: world.calls, faults: world.faults, held: world.held };
  const app = new Hono<FakesEnv>();
  app.route('/notion', notionRoutes(world.notion, deps));
  app.route('/slack', slackRoutes(world.slack, deps));
  app.route('/intercom', intercomRoutes(world.intercom, deps));
  app.route('/api', threadControlRoutes(world));
  app.route('/api', tryYourOwnRoutes(world));
  app.route('/api', controlRoutes(world));
  return app;
}
