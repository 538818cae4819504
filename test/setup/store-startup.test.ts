import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('starting in production without a durable store', () => {
  it('stops before serving, naming DATABASE_URL and STATE_DIR', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: '0',
        STATE_DIR: '/dev/null/state',
        INTERCOM_API_KEY: 'intercom-token',
        INTERCOM_APP_ID: 'abc123',
        INTERCOM_ADMIN_ID: '1',
        INTERCOM_CLIENT_SECRET: 'client-secret',
        NOTION_API_KEY: 'notion-token',
        NOTION_DATABASE_ID: '0123456789abcdef0123456789abcdef',
        SLACK_API_TOKEN: 'xoxb-slack-token',
        API_TOKEN: 'an-api-token-of-some-length',
      },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('NODE_ENV=production needs a durable store: STATE_DIR (/dev/null/state) is not writable');
    expect(result.stderr).toContain('Set DATABASE_URL to a PostgreSQL database, or STATE_DIR to a writable directory');
    expect(result.stdout).not.toContain('is running');
  }, 60_000);
});
