import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { BodyBudget } from '../../src/http/body-budget.js';
import { errorResponse } from '../../src/http/error-response.js';
import { createLogger } from '../../src/observability/logger.js';
import { notionWebhookRoutes } from '../../src/routes/notion-webhooks.js';
import { verificationTokenFile } from '../../src/setup/verification-token-file.js';

/** The route alone: nothing past verification is reached by these requests. */
async function routeWith(verificationToken: string | null) {
  const lines: string[] = [];
  const logger = createLogger({ destination: { write: (line: string) => void lines.push(line) } });
  const stateDir = await mkdtemp(join(tmpdir(), 'notion-verification-'));
  const app = new Hono();
  app.onError((err, c) => errorResponse(err, c, logger));
  app.route(
    '/webhooks',
    notionWebhookRoutes({
      resolutions: null as never,
      schema: null as never,
      background: null as never,
      events: null as never,
      verificationToken,
      apiTokens: ['an-api-token-of-some-length'],
      logger,
      bodyBudget: new BodyBudget(1024 * 1024),
      keepVerificationToken: verificationTokenFile(stateDir),
    }),
  );
  const post = (body: string, headers: Record<string, string> = {}) =>
    app.request('/webhooks/notion', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers }, body });
  return { post, lines, tokenFile: join(stateDir, 'notion-verification-token') };
}

describe('Notion subscription verification', () => {
  it('is accepted unsigned while no verification token is configured: kept in STATE_DIR, never logged, logged once a minute at most', async () => {
    const route = await routeWith(null);
    for (let i = 0; i < 50; i++) {
      const res = await route.post(JSON.stringify({ verification_token: `secret_attempt_${i}` }));
      expect(res.status).toBe(200);
    }
    expect(await readFile(route.tokenFile, 'utf8')).toBe('secret_attempt_49\n');
    const handshakeLines = route.lines.filter((l) => l.includes('verification token'));
    expect(handshakeLines).toHaveLength(1);
    expect(handshakeLines[0]).toContain(route.tokenFile);
    expect(route.lines.join('\n')).not.toMatch(/secret_attempt/);
  });

  it('is refused with 401 once a verification token is configured, and nothing is kept or echoed', async () => {
    const route = await routeWith('secret_the_configured_one');
    const res = await route.post(JSON.stringify({ verification_token: 'secret_from_a_stranger' }));
    expect(res.status).toBe(401);
    await expect(readFile(route.tokenFile, 'utf8')).rejects.toThrow(/ENOENT/);
    expect(route.lines.join('\n')).not.toContain('secret_from_a_stranger');
  });

  it('refuses, before reading it, an unsigned body too large to be a verification request', async () => {
    const route = await routeWith(null);
    const res = await route.post(JSON.stringify({ verification_token: 'x'.repeat(3000) }));
    expect(res.status).toBe(401);
    await expect(readFile(route.tokenFile, 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
