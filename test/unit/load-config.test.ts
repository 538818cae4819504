import { describe, expect, it } from 'vitest';
import { ConfigError, hasNoCredentials, loadConfig, secretsOf } from '../../src/config/load-config.js';
import { decideStartMode } from '../../src/config/start-mode.js';

const complete = {
  INTERCOM_API_KEY: 'dG9rOmFiYw==',
  INTERCOM_APP_ID: 'abc123de',
  INTERCOM_ADMIN_ID: '4242',
  INTERCOM_CLIENT_SECRET: 'old-secret, new-secret',
  NOTION_API_KEY: 'ntn_123456',
  NOTION_DATABASE_ID: 'https://www.notion.so/acme/0123456789abcdef0123456789abcdef?v=1',
  SLACK_API_TOKEN: 'xoxb-1-2-3',
  API_TOKEN: 'a-long-random-api-token',
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('loadConfig', () => {
  it('reads a complete environment with the documented defaults', () => {
    const config = loadConfig(complete);
    expect(config.intercom.clientSecrets).toEqual(['old-secret', 'new-secret']);
    expect(config.notion.databaseId).toBe('01234567-89ab-cdef-0123-456789abcdef');
    expect(config.ticketPrefix).toBe('JMP');
    expect(config.port).toBe(3000);
    expect(config.gemini.apiKey).toBeNull();
    expect(config.gemini.thinkingLevel).toBe('low');
    expect(config.notion.properties).toEqual({
      id: 'ID',
      title: 'Title',
      description: 'Description',
      conversations: 'Intercom Conversations',
      slackChannel: 'Slack Channel',
      status: 'Status',
      resolutionNotified: 'Resolution Notified',
      customerReports: 'Customer Reports',
    });
    expect(config.done).toMatchObject({ messageType: 'comment', reopen: false });
    expect(config.triage.ticketLanguage).toBe('en');
  });

  it('reads TICKET_LANGUAGE in any case', () => {
    expect(loadConfig({ ...complete, TICKET_LANGUAGE: ' DE ' }).triage.ticketLanguage).toBe('de');
  });

  it('names every missing variable and where to find it', () => {
    const problems = problemsOf({ INTERCOM_API_KEY: 'x' });
    for (const name of ['INTERCOM_APP_ID', 'INTERCOM_ADMIN_ID', 'INTERCOM_CLIENT_SECRET', 'NOTION_API_KEY', 'NOTION_DATABASE_ID', 'SLACK_API_TOKEN', 'API_TOKEN']) {
      expect(problems.some((p) => p.startsWith(`${name} is not set`))).toBe(true);
    }
    expect(problems.find((p) => p.startsWith('SLACK_API_TOKEN'))).toContain('xoxb');
  });

  it.each([
    ['INTERCOM_ADMIN_ID', 'bob', 'numeric'],
    ['PORT', 'eighty', 'PORT is invalid'],
    ['API_TOKEN', 'short', '16 characters'],
    ['DONE_INTERCOM_MESSAGE_TYPE', 'email', 'DONE_INTERCOM_MESSAGE_TYPE is invalid'],
    ['TICKET_PREFIX', 'JMP-', 'TICKET_PREFIX is invalid'],
    ['NOTION_DATABASE_ID', 'not-an-id', 'NOTION_DATABASE_ID is invalid'],
    ['SLACK_API_URL', 'ftp://example.com', 'SLACK_API_URL is invalid'],
    ['GEMINI_THINKING_LEVEL', 'dynamic', '"minimal"|"low"|"medium"|"high"'],
    ['TICKET_LANGUAGE', 'fr', 'TICKET_LANGUAGE is invalid (en or de'],
  ])('refuses a bad %s', (name, value, expected) => {
    expect(problemsOf({ ...complete, [name]: value }).join('\n')).toContain(expected);
  });

  it('lists the secrets to scrub from logs', () => {
    expect(secretsOf(loadConfig(complete))).toEqual(
      expect.arrayContaining(['dG9rOmFiYw==', 'old-secret', 'new-secret', 'ntn_123456', 'xoxb-1-2-3', 'a-long-random-api-token']),
    );
  });
});

describe('decideStartMode', () => {
  it('runs the sandbox when nothing is configured', () => {
    expect(hasNoCredentials({})).toBe(true);
    expect(decideStartMode({}, [])).toEqual({ kind: 'sandbox', reason: 'no_credentials' });
  });

  it('runs the sandbox when asked, even with credentials', () => {
    expect(decideStartMode(complete, ['--sandbox'])).toEqual({ kind: 'sandbox', reason: 'forced' });
    expect(decideStartMode({ ...complete, SANDBOX: '1' }, [])).toEqual({ kind: 'sandbox', reason: 'forced' });
  });

  it('uses the configuration when some credentials are set (loadConfig then names the missing ones)', () => {
    expect(decideStartMode({ NOTION_API_KEY: 'x' }, [])).toEqual({ kind: 'configured' });
  });

  it('never runs the sandbox in production', () => {
    expect(decideStartMode({ NODE_ENV: 'production' }, []).kind).toBe('refuse');
    expect(decideStartMode({ NODE_ENV: 'production', SANDBOX: '1' }, []).kind).toBe('refuse');
    expect(decideStartMode({ ...complete, NODE_ENV: 'production' }, ['--sandbox']).kind).toBe('refuse');
  });
});
