import { Client, isFullBlock, LogLevel } from '@notionhq/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NotionPropertyNames } from '../../src/config/load-config.js';
import { createLogger } from '../../src/observability/logger.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import type { PropertySchema } from '../../src/sandbox/fakes/notion/notion-schema.js';
import { createNotionTicketStore } from '../../src/services/notion/notion-ticket-store.js';
import { setupMain } from '../../src/setup/setup-main.js';
import { captureOutput, printedDatabaseId, startFakes, type Fakes } from './helpers.js';

const DEFAULT_NAMES: NotionPropertyNames = {
  id: 'ID',
  title: 'Title',
  description: 'Description',
  conversations: 'Intercom Conversations',
  slackChannel: 'Slack Channel',
  status: 'Status',
  resolutionNotified: 'Resolution Notified',
  customerReports: 'Customer Reports',
};

let fakes: Fakes;

beforeEach(async () => {
  fakes = await startFakes({ seed: 'empty' });
});

afterEach(async () => {
  await fakes.close();
});

async function setup(argv: string[], env: Record<string, string> = fakes.notionEnv()) {
  const out = captureOutput();
  const code = await setupMain(argv, env, out);
  return { code, stdout: out.stdout(), stderr: out.stderr() };
}

const create = (env?: Record<string, string>) => setup(['notion', '--parent', SANDBOX.notionParentPageId], env);

/** The schema of a database's data source, as the fake holds it. */
function schemaOf(databaseId: string): Map<string, PropertySchema> {
  const database = fakes.world.notion.retrieveDatabase(databaseId) as { data_sources: Array<{ id: string }> };
  const dataSource = fakes.world.notion.dataSource(database.data_sources[0]!.id)!;
  return new Map(dataSource.properties.map((p) => [p.name, p]));
}

function dataSourceIdOf(databaseId: string): string {
  return (fakes.world.notion.retrieveDatabase(databaseId) as { data_sources: Array<{ id: string }> }).data_sources[0]!.id;
}

function ticketStore(databaseId: string, overrides: { properties?: NotionPropertyNames; statusDone?: string } = {}) {
  return createNotionTicketStore({
    apiKey: SANDBOX.token,
    baseUrl: `${fakes.url}/notion`,
    databaseId,
    properties: overrides.properties ?? DEFAULT_NAMES,
    statusDone: overrides.statusDone ?? 'Done',
    statusNew: null,
    intercomAppId: SANDBOX.intercomAppId,
    logger: createLogger({ level: 'silent' }),
  });
}

describe('npm run setup -- notion --parent', () => {
  it('creates the tickets database under the parent page with exactly the schema the app needs', async () => {
    const { code, stdout } = await create();

    expect(code).toBe(0);
    expect(stdout).toContain('✓ Created the database "Tickets".');
    const databaseId = printedDatabaseId(stdout);
    const schema = schemaOf(databaseId);
    expect([...schema.values()].map((p) => [p.name, p.type])).toEqual([
      ['ID', 'unique_id'],
      ['Title', 'title'],
      ['Description', 'rich_text'],
      ['Intercom Conversations', 'rich_text'],
      ['Slack Channel', 'url'],
      ['Status', 'status'],
      ['Resolution Notified', 'date'],
      ['Customer Reports', 'rich_text'],
    ]);
    expect(schema.get('ID')!.prefix).toBe('JMP');
    const status = schema.get('Status')!;
    const done = status.options.find((o) => o.name === 'Done')!;
    expect(status.groups.find((g) => g.name === 'Complete')!.option_ids).toContain(done.id);
    expect(stdout).not.toContain('not Complete');
    const parent = fakes.world.notion.retrieveDatabase(databaseId) as { parent: { page_id: string } };
    expect(parent.parent.page_id).toBe(SANDBOX.notionParentPageId);
  });

  it("makes a database the app's own ticket store accepts and numbers tickets in", async () => {
    const databaseId = printedDatabaseId((await create()).stdout);
    const store = ticketStore(databaseId);

    const schema = await store.schema();
    const ticket = await store.create({ title: 'Export fails', description: 'CSV export times out', conversationIds: ['123'] });

    expect(schema.databaseId).toBe(databaseId);
    expect(schema.dataSourceId).toBe(dataSourceIdOf(databaseId));
    expect(ticket.ticketId).toBe('JMP-1');
    expect(ticket.conversationIds).toEqual(['123']);
  });

  it('uses the configured property names, status names and ticket prefix', async () => {
    const env = fakes.notionEnv({
      NOTION_PROP_STATUS: 'State',
      NOTION_PROP_SLACK_CHANNEL: 'Channel',
      NOTION_STATUS_DONE: 'Resolved',
      NOTION_STATUS_NEW: 'Triage',
      TICKET_PREFIX: 'sup',
    });
    const { code, stdout } = await create(env);

    expect(code).toBe(0);
    const databaseId = printedDatabaseId(stdout);
    const schema = schemaOf(databaseId);
    expect(schema.get('State')!.type).toBe('status');
    expect(schema.get('State')!.options.map((o) => o.name)).toEqual(expect.arrayContaining(['Resolved', 'Triage', 'Done']));
    expect(stdout).toContain('✓ Added "Triage", "Resolved" to "State".');
    expect(schema.get('Channel')!.type).toBe('url');
    expect(schema.get('ID')!.prefix).toBe('SUP');
    const names = { ...DEFAULT_NAMES, status: 'State', slackChannel: 'Channel' };
    await expect(ticketStore(databaseId, { properties: names, statusDone: 'Resolved' }).schema()).resolves.toMatchObject({ databaseId });
  });

  it("keeps Notion's Done under Complete when adding options, and says by hand where the API cannot put a Done of another name", async () => {
    const { code, stdout } = await create(fakes.notionEnv({ NOTION_STATUS_DONE: 'Resolved', NOTION_STATUS_NEW: 'Triage' }));

    expect(code).toBe(0);
    const status = schemaOf(printedDatabaseId(stdout)).get('Status')!;
    const groupOf = (name: string) => status.groups.find((g) => g.option_ids.includes(status.options.find((o) => o.name === name)!.id))!.name;
    expect(groupOf('Done')).toBe('Complete');
    expect(groupOf('Triage')).toBe('To-do');
    expect(groupOf('Resolved')).toBe('To-do');
    expect(stdout).toContain('! "Status" has "Resolved" in the To-do group, not Complete');
    expect(stdout).toContain(`Fix: Notion's API cannot move a status option between groups: in Notion, open "Status" (Edit property) and drag "Resolved" under Complete.`);
  });

  it('finds the database it made when run again, and does not create a second one', async () => {
    const first = await create();
    const second = await create();

    expect(second.code).toBe(0);
    expect(printedDatabaseId(second.stdout)).toBe(printedDatabaseId(first.stdout));
    expect(second.stdout).toContain('✓ Found the database "Tickets" under this page');
    expect(second.stdout).toContain('Every property the app needs was already there.');
    expect(fakes.world.calls.count('notion', 'databases.create')).toBe(1);
  });

  it('adds the properties that went missing since the database was made', async () => {
    const databaseId = printedDatabaseId((await create()).stdout);
    fakes.world.notion.updateDataSource(dataSourceIdOf(databaseId), { properties: { 'Slack Channel': null, Status: null } });

    const { code, stdout } = await create();

    expect(code).toBe(0);
    expect(stdout).toContain('✓ Added 2 missing properties: Slack Channel, Status.');
    expect(schemaOf(databaseId).get('Slack Channel')!.type).toBe('url');
    expect(schemaOf(databaseId).get('Status')!.options.map((o) => o.name)).toContain('Done');
    await expect(ticketStore(databaseId).schema()).resolves.toMatchObject({ databaseId });
  });

  it('makes Status a select with the same options when Notion refuses a status property, and says so', async () => {
    fakes.world.notion.statusPropertiesViaApi = false;

    const { code, stdout } = await create();

    expect(code).toBe(0);
    const databaseId = printedDatabaseId(stdout);
    const status = schemaOf(databaseId).get('Status')!;
    expect(status.type).toBe('select');
    expect(status.options.map((o) => o.name)).toEqual(['Not started', 'In progress', 'Done']);
    expect(stdout).toContain('"Status" was made a Select with the same options');
    expect(stdout).toContain('! "Status" is a Select, so "Done" is in no Complete group');
    expect(stdout).toContain('change its type to Status keeping the option names, and drag "Done" under Complete');
    await expect(ticketStore(databaseId).schema()).resolves.toMatchObject({ databaseId });
  });

  it('says the parent page is not shared with the integration when Notion cannot see it', async () => {
    const { code, stdout } = await setup(['notion', '--parent', 'https://www.notion.so/Elsewhere-0123456789abcdef0123456789abcdef']);

    expect(code).toBe(1);
    expect(stdout).toContain('✗ The page 01234567-89ab-cdef-0123-456789abcdef is not shared with the integration "Ticket Bot"');
    expect(stdout).toContain('choose ••• > Connections and add "Ticket Bot"');
    expect(fakes.world.calls.count('notion', 'databases.create')).toBe(0);
  });

  it('says the token is invalid when Notion answers 401', async () => {
    const { code, stdout } = await create(fakes.notionEnv({ NOTION_API_KEY: 'secret_wrong' }));

    expect(code).toBe(1);
    expect(stdout).toContain('✗ NOTION_API_KEY is not valid: Notion answered 401 unauthorized.');
    expect(stdout).toContain('Fix: Set NOTION_API_KEY to notion.so/profile/integrations');
  });

  it('refuses a parent that is not a page id or URL, and shows what one looks like', async () => {
    const { code, stdout } = await setup(['notion', '--parent', 'Customer Support']);

    expect(code).toBe(1);
    expect(stdout).toContain('✗ "Customer Support" is not a Notion page id or URL.');
    expect(stdout).toContain('--parent https://www.notion.so/');
  });

  it('needs only the Notion variables, and names the one that is missing', async () => {
    const { code, stdout } = await create({ NOTION_API_BASE_URL: `${fakes.url}/notion` });

    expect(code).toBe(1);
    expect(stdout).toContain('✗ NOTION_API_KEY is not set. Set it to notion.so/profile/integrations');
    expect(stdout).not.toContain('SLACK_API_TOKEN');
  });

  it('answers bad arguments with the usage and exit code 2', async () => {
    for (const argv of [['notion'], ['slack', '--parent', 'x'], ['notion', '--parent', 'x', '--check'], ['notion', '--fix'], ['notion', '--bogus']]) {
      const { code, stderr } = await setup(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr).toContain('usage:');
    }
  });
});

describe('npm run setup -- notion --check', () => {
  const check = (argv: string[] = [], extra: Record<string, string> = {}) =>
    setup(['notion', '--check', ...argv], fakes.notionEnv({ NOTION_DATABASE_ID: SANDBOX.notionDatabaseId, ...extra }));

  it('passes a database that fits the app', async () => {
    const { code, stdout } = await check();

    expect(code).toBe(0);
    expect(stdout).toContain('Checking the tickets database "Support Tickets"');
    expect(stdout).toContain('✓ Schema: every property fits the app');
  });

  it('lists every missing or mistyped property with its exact fix and exits 1', async () => {
    fakes.world.notion.updateDataSource(SANDBOX.notionDataSourceId, {
      properties: { Status: null, 'Slack Channel': { checkbox: {} }, 'Resolution Notified': { rich_text: {} } },
    });

    const { code, stdout } = await check();

    expect(code).toBe(1);
    expect(stdout).toContain('✗ Schema: 3 problems:');
    expect(stdout).toContain('✗ "Status" does not exist (the app stores the ticket status in it).');
    expect(stdout).toContain('Fix: Add a Status property named "Status" to the data source, or set NOTION_PROP_STATUS');
    expect(stdout).toContain('✗ "Slack Channel" is a Checkbox property; the app needs URL or Text');
    expect(stdout).toContain('Fix: Change the type of "Slack Channel" to URL in Notion, or set NOTION_PROP_SLACK_CHANNEL');
    expect(stdout).toContain('✗ "Resolution Notified" is a Text property; the app needs Date or Checkbox');
    expect(stdout).toContain('`npm run setup -- notion --check --fix` adds the missing 1 property for you.');
  });

  it('warns, without failing, when the Done status is not in the Complete group, with the step to take in Notion', async () => {
    const { code, stdout } = await check([], { NOTION_STATUS_DONE: 'Waiting on customer' });

    expect(code).toBe(0);
    expect(stdout).toContain('! "Status" has "Waiting on customer" in the In progress group, not Complete');
    expect(stdout).toContain('drag "Waiting on customer" under Complete');
    expect((await check()).stdout).not.toContain('not Complete');
  });

  it('names a Done option that is missing from Status', async () => {
    const { code, stdout } = await check([], { NOTION_STATUS_DONE: 'Shipped' });

    expect(code).toBe(1);
    expect(stdout).toContain('✗ "Status" has no option "Shipped"');
    expect(stdout).toContain('Fix: Add the option "Shipped" to "Status" in Notion, or set NOTION_STATUS_DONE to one of its options.');
  });

  it('with --fix adds the missing properties and leaves mistyped ones for a person to decide', async () => {
    fakes.world.notion.updateDataSource(SANDBOX.notionDataSourceId, { properties: { Description: null, 'Slack Channel': { checkbox: {} } } });

    const fixed = await check(['--fix']);

    expect(fixed.code).toBe(1);
    expect(fixed.stdout).toContain('✓ Added 1 missing property: Description.');
    expect(fixed.stdout).toContain('✗ "Slack Channel" is a Checkbox property');
    expect(fixed.stdout).not.toContain('"Description" does not exist');
    expect(fakes.world.notion.dataSource(SANDBOX.notionDataSourceId)!.properties.find((p) => p.name === 'Slack Channel')!.type).toBe('checkbox');

    fakes.world.notion.updateDataSource(SANDBOX.notionDataSourceId, { properties: { 'Slack Channel': { url: {} } } });
    expect((await check()).code).toBe(0);
  });

  it('warns, without failing, when Customer Reports is missing, and --fix adds it as a Text property', async () => {
    fakes.world.notion.updateDataSource(SANDBOX.notionDataSourceId, { properties: { 'Customer Reports': null } });

    const checked = await check();
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('! "Customer Reports" does not exist, so the app keeps no');
    expect(checked.stdout).toContain('`npm run setup -- notion --check --fix` adds the missing 1 property for you.');

    const fixed = await check(['--fix']);
    expect(fixed.stdout).toContain('✓ Added 1 missing property: Customer Reports.');
    expect(fakes.world.notion.dataSource(SANDBOX.notionDataSourceId)!.properties.find((p) => p.name === 'Customer Reports')!.type).toBe('rich_text');
    expect((await check()).stdout).not.toContain('Customer Reports" does not exist');
  });

  it('warns, without failing, when the ID prefix is not TICKET_PREFIX', async () => {
    const { code, stdout } = await check([], { TICKET_PREFIX: 'SUP' });

    expect(code).toBe(0);
    expect(stdout).toContain('! "ID" has the prefix JMP, but TICKET_PREFIX is SUP.');
    expect(stdout).toContain('Fix: Set TICKET_PREFIX=JMP, or change the prefix of "ID" in Notion to SUP.');
  });

  it('says the database is not shared (or does not exist) when Notion cannot find it', async () => {
    const { code, stdout } = await check([], { NOTION_DATABASE_ID: '0123456789abcdef0123456789abcdef' });

    expect(code).toBe(1);
    expect(stdout).toContain('✗ The database 01234567-89ab-cdef-0123-456789abcdef is not shared with the integration "Ticket Bot" (or does not exist).');
  });

  it('with --sandbox checks the seeded database of in-process fakes, whatever Notion settings the environment holds', async () => {
    const elsewhere = { NOTION_API_KEY: 'secret_real', NOTION_API_BASE_URL: 'http://127.0.0.1:9/v1', NOTION_DATABASE_ID: '0123456789abcdef0123456789abcdef' };

    const { code, stdout } = await setup(['notion', '--check', '--sandbox'], elsewhere);

    expect(code).toBe(0);
    expect(stdout).toContain('Checking the sandbox');
    expect(stdout).toContain(`Checking the tickets database "Support Tickets" (${SANDBOX.notionDatabaseId})`);
    expect(stdout).toContain('✓ Schema: every property fits the app');
  });

  it('takes --sandbox only with --check', async () => {
    const { code, stderr } = await setup(['notion', '--parent', SANDBOX.notionParentPageId, '--sandbox']);

    expect(code).toBe(2);
    expect(stderr).toContain('--sandbox goes with --check');
  });

  it('names NOTION_DATABASE_ID when it is not set', async () => {
    const { code, stdout } = await setup(['notion', '--check']);

    expect(code).toBe(1);
    expect(stdout).toContain('✗ NOTION_DATABASE_ID is not set.');
  });
});

describe('the Notion fake, for setup', () => {
  it("lists a page's child databases, oldest first, a page at a time", async () => {
    await create();
    const notion = new Client({ auth: SANDBOX.token, baseUrl: `${fakes.url}/notion`, retry: false, logLevel: LogLevel.ERROR });

    const first = await notion.blocks.children.list({ block_id: SANDBOX.notionParentPageId, page_size: 1 });
    const second = await notion.blocks.children.list({ block_id: SANDBOX.notionParentPageId, page_size: 1, start_cursor: first.next_cursor! });

    const titles = [...first.results, ...second.results].map((b) => (isFullBlock(b) && b.type === 'child_database' ? b.child_database.title : null));
    expect(titles).toEqual(['Support Tickets', 'Tickets']);
    expect(first.has_more).toBe(true);
    expect(second.has_more).toBe(false);
    expect(first.results[0]!.id).toBe(SANDBOX.notionDatabaseId);
  });
});
