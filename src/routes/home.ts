import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { html } from 'hono/html';

export interface HomeLink {
  label: string;
  href: string;
}

const ABOUT =
  'Intercom inbox app: turns conversations into deduplicated Notion tickets, each with its own Slack channel, and tells every customer when the ticket is done.';

/** GET /: what this service is, where its health checks are, and where to go next. */
export function homeRoutes(links: HomeLink[]): Hono {
  const app = new Hono();
  const all: HomeLink[] = [
    ...links,
    { label: 'Liveness (/healthz)', href: '/healthz' },
    { label: 'Readiness (/readyz)', href: '/readyz' },
    { label: 'Activity log (/activity, needs API_TOKEN)', href: '/activity' },
    { label: 'Set-up guide (the README)', href: '/docs' },
  ];
  app.get('/docs', async (c) => {
    const readme = await readFile(join(process.cwd(), 'README.md'), 'utf8').catch(() => null);
    if (readme === null) return c.json({ status: 'error', error: { code: 'not_found', message: 'README.md is not deployed with this server.' } }, 404);
    return c.text(readme, 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
  });
  app.get('/', (c) => {
    if ((c.req.header('accept') ?? '').includes('application/json')) {
      return c.json({ service: 'intercom-slack-notion', description: ABOUT, links: all });
    }
    return c.html(html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>intercom-slack-notion</title>
          <style>
            body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1f2328; }
            a { color: #0b57d0; }
          </style>
        </head>
        <body>
          <h1>intercom-slack-notion</h1>
          <p>${ABOUT}</p>
          <ul>
            ${all.map((l) => html`<li><a href="${l.href}">${l.label}</a></li>`)}
          </ul>
        </body>
      </html>`);
  });
  return app;
}
