import { describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { sandboxEnv } from '../../src/sandbox/start-sandbox.js';
import { lenientConfig } from '../../src/setup/lenient-config.js';

const good = sandboxEnv('http://127.0.0.1:1/sandbox', 3000);

describe('lenientConfig', () => {
  it('is the app configuration, with nothing invalid, when every variable is right', () => {
    const { config, invalid } = lenientConfig(good);

    expect(invalid.size).toBe(0);
    expect(config.intercom.adminId).toBe(SANDBOX.adminId);
    expect(config.notion.databaseId).toBe(SANDBOX.notionDatabaseId);
  });

  it('names each bad variable on its own, with the same wording and hint as loadConfig', () => {
    const { invalid } = lenientConfig({ ...good, INTERCOM_ADMIN_ID: 'dana', SLACK_API_TOKEN: '', NOTION_DATABASE_ID: 'not-an-id', PORT: 'eighty' });

    expect([...invalid.keys()].sort()).toEqual(['INTERCOM_ADMIN_ID', 'NOTION_DATABASE_ID', 'PORT', 'SLACK_API_TOKEN']);
    expect(invalid.get('INTERCOM_ADMIN_ID')).toBe(
      'INTERCOM_ADMIN_ID is invalid (a numeric admin id). Set it to the teammate the app writes as; `npm run doctor` lists the admins your token can see.',
    );
    expect(invalid.get('SLACK_API_TOKEN')).toMatch(/^SLACK_API_TOKEN is not set\. Set it to api\.slack\.com/);
    expect(invalid.get('NOTION_DATABASE_ID')).toContain('is invalid (not a Notion database id or URL)');
  });

  it('keeps the valid values usable when others are wrong', () => {
    const { config } = lenientConfig({ ...good, INTERCOM_API_KEY: '', API_TOKEN: 'short', NOTION_PROP_STATUS: 'State' });

    expect(config.notion.apiKey).toBe(SANDBOX.token);
    expect(config.notion.properties.status).toBe('State');
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:1/sandbox/slack/api/');
  });
});
