import { Hono } from 'hono';
import type { World } from '../fakes/world.js';
import { CLIENT_MODULES } from './client/index.js';
import { simulatorPage } from './simulator-page.js';
import { SIMULATOR_CSS } from './simulator-styles.js';

/**
 * Everything on the page comes from this origin and nothing is inline but the JSON boot block
 * (data, not script): a title that slipped past escaping still could not run code.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ASSET_HEADERS = { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };

/**
 * GET /sandbox: the inbox simulator page; GET /sandbox/assets/<file>: its stylesheet and browser
 * modules. Mounted at /sandbox, before the fakes (whose routes live under /sandbox/api, /notion,
 * /slack and /intercom).
 */
export function simulatorRoutes(world: World): Hono {
  const app = new Hono();

  app.get('/', (c) => {
    const base = new URL(c.req.url);
    base.search = '';
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('Cache-Control', 'no-store');
    return c.html(simulatorPage({ info: world.info(base.toString()), state: world.state() }));
  });

  app.get('/assets/simulator.css', (c) =>
    c.body(SIMULATOR_CSS, 200, { ...ASSET_HEADERS, 'Content-Type': 'text/css; charset=utf-8' }),
  );
  app.get('/assets/:file{[a-z-]+\\.js}', (c) => {
    const source = CLIENT_MODULES[c.req.param('file')];
    if (source === undefined) return c.notFound();
    return c.body(source, 200, { ...ASSET_HEADERS, 'Content-Type': 'text/javascript; charset=utf-8' });
  });

  return app;
}
