import { parseArgs } from 'node:util';
import type { Config } from '../config/load-config.js';
import { startFakesServer } from '../sandbox/fakes-server.js';
import { sandboxEnv } from '../sandbox/start-sandbox.js';
import { lenientConfig } from './lenient-config.js';
import { notionApi, type NotionApi } from './notion-api.js';
import {
  addMissingProperties,
  addStatusOptions,
  createTicketDatabase,
  findChildDatabase,
  findParentPage,
  identifyIntegration,
  retrieveTicketDatabase,
  SetupError,
  type Additions,
  type Integration,
} from './notion-setup.js';
import type { Output } from './output.js';
import { describeProblem, missingProperties, NOTION_SCHEMA_VARIABLES, reviewSchema, specFromConfig, type TicketDatabaseSpec } from './ticket-properties.js';

/**
 * `npm run setup -- notion --parent <page>`: creates (or finds again, and completes) the tickets
 * database under a page, and prints the NOTION_DATABASE_ID line to paste.
 * `npm run setup -- notion --check [--fix]`: checks the configured database, each problem with
 * its fix; `--fix` adds the missing properties.
 * `npm run setup -- notion --check --sandbox`: the same check of the sandbox's seeded database,
 * against in-process fakes (as `npm run doctor -- --sandbox`), whatever .env holds.
 *
 * Exit codes: 0 all good, 1 something to fix (printed), 2 bad arguments.
 */

const USAGE = [
  'usage:',
  '  npm run setup -- notion --parent <page URL or id> [--title <database title>]',
  '  npm run setup -- notion --check [--fix] [--sandbox]',
].join('\n');

const DEFAULT_TITLE = 'Tickets';
const TIMEOUT_MS = 15_000;

/** Variables the Notion set-up reads; the rest of the app's configuration may still be empty. */
const NOTION_VARIABLES = ['NOTION_API_KEY', 'NOTION_API_BASE_URL', ...NOTION_SCHEMA_VARIABLES];

type Mode = { kind: 'create'; parent: string; title: string } | { kind: 'check'; fix: boolean; sandbox: boolean };

export async function setupMain(argv: string[], env: Record<string, string | undefined>, out: Output): Promise<number> {
  let mode: Mode;
  try {
    mode = readMode(argv);
  } catch (err) {
    out.error(`setup: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }

  if (mode.kind === 'check' && mode.sandbox) {
    const fakes = await startFakesServer({ seed: 'demo' });
    try {
      out.line('Checking the sandbox (local fakes of Notion, with its seeded tickets database)');
      return await run(mode, sandboxEnv(fakes.url, 0, env), out);
    } finally {
      await fakes.close();
    }
  }
  return run(mode, env, out);
}

async function run(mode: Mode, env: Record<string, string | undefined>, out: Output): Promise<number> {
  const { config, invalid } = lenientConfig(env);
  const needed = mode.kind === 'check' ? [...NOTION_VARIABLES, 'NOTION_DATABASE_ID'] : NOTION_VARIABLES;
  const problems = needed.flatMap((name) => invalid.get(name) ?? []);
  if (problems.length > 0) {
    out.line('The Notion settings need fixing first:');
    for (const p of problems) out.line(`  ✗ ${p}`);
    return 1;
  }

  const api = notionApi({ apiKey: config.notion.apiKey, baseUrl: config.notion.baseUrl, timeoutMs: TIMEOUT_MS });
  const spec = specFromConfig(config);
  try {
    const integration = await identifyIntegration(api);
    out.line(`Notion integration "${integration.name}"${integration.workspace ? ` in the workspace "${integration.workspace}"` : ''}`);
    return mode.kind === 'create'
      ? await create(api, integration, spec, mode.parent, mode.title, out)
      : await check(api, integration, spec, config, mode.fix, out);
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    out.line(`✗ ${err.message}`);
    for (const fix of err.fixes) out.line(`    Fix: ${fix}`);
    return 1;
  }
}

function readMode(argv: string[]): Mode {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      parent: { type: 'string' },
      title: { type: 'string' },
      check: { type: 'boolean', default: false },
      fix: { type: 'boolean', default: false },
      sandbox: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1 || positionals[0] !== 'notion') throw new Error('the only service to set up is `notion`');
  if (values.check) {
    if (values.parent !== undefined || values.title !== undefined) throw new Error('--check does not take --parent or --title');
    return { kind: 'check', fix: values.fix ?? false, sandbox: values.sandbox ?? false };
  }
  if (values.fix) throw new Error('--fix goes with --check');
  if (values.sandbox) throw new Error('--sandbox goes with --check (a database made in the fakes would vanish when the command ends)');
  if (!values.parent?.trim()) throw new Error('say where to create the database: --parent <page URL or id>');
  const title = values.title?.trim() || DEFAULT_TITLE;
  return { kind: 'create', parent: values.parent.trim(), title };
}

async function create(
  api: NotionApi,
  integration: Integration,
  spec: TicketDatabaseSpec,
  parentInput: string,
  title: string,
  out: Output,
): Promise<number> {
  const parent = await findParentPage(api, parentInput, integration);
  out.line(`Parent page: "${parent.title}" (${parent.id})`);
  out.line();
  const existingId = await findChildDatabase(api, parent.id, title);
  let statusAsSelect = false;
  let databaseId: string;
  if (existingId) {
    databaseId = existingId;
    out.line(`✓ Found the database "${title}" under this page (made by an earlier run); it is not created twice.`);
  } else {
    ({ databaseId, statusAsSelect } = await createTicketDatabase(api, parent.id, title, spec));
    out.line(`✓ Created the database "${title}".`);
  }
  let database = await retrieveTicketDatabase(api, databaseId, integration);
  if (existingId) {
    const additions = await addMissingProperties(api, database.dataSource, spec);
    reportAdditions(additions, out);
    statusAsSelect = additions.statusAsSelect;
    database = { ...database, dataSource: additions.dataSource };
  }
  if (statusAsSelect) reportStatusAsSelect(spec, out);
  database = { ...database, dataSource: await completeStatusOptions(api, database.dataSource, spec, out) };
  out.line(`  ${database.url}`);
  const failed = reportSchema(database.dataSource.properties, spec, out);
  out.line();
  out.line(failed ? 'Once that is fixed, set this in .env:' : 'Set this in .env (then run `npm run doctor`):');
  out.line(`NOTION_DATABASE_ID=${database.id}`);
  return failed ? 1 : 0;
}

async function check(api: NotionApi, integration: Integration, spec: TicketDatabaseSpec, config: Config, fix: boolean, out: Output): Promise<number> {
  let database = await retrieveTicketDatabase(api, config.notion.databaseId, integration);
  out.line(`Checking the tickets database "${database.title}" (${database.id})`);
  out.line(`  ${database.url}`);
  if (fix) {
    const additions = await addMissingProperties(api, database.dataSource, spec);
    reportAdditions(additions, out);
    if (additions.statusAsSelect) reportStatusAsSelect(spec, out);
    database = { ...database, dataSource: await completeStatusOptions(api, additions.dataSource, spec, out) };
  }
  const failed = reportSchema(database.dataSource.properties, spec, out);
  const missing = missingProperties(database.dataSource.properties, spec);
  if (missing.length > 0) {
    out.line();
    out.line(`\`npm run setup -- notion --check --fix\` adds the missing ${plural(missing.length, 'property', 'properties')} for you.`);
  }
  return failed ? 1 : 0;
}

function reportAdditions(additions: Additions, out: Output): void {
  if (additions.added.length === 0) out.line('✓ Every property the app needs was already there.');
  else out.line(`✓ Added ${plural(additions.added.length, 'missing property', 'missing properties')}: ${additions.added.join(', ')}.`);
}

async function completeStatusOptions(
  api: NotionApi,
  dataSource: Parameters<typeof addStatusOptions>[1],
  spec: TicketDatabaseSpec,
  out: Output,
): Promise<Parameters<typeof addStatusOptions>[1]> {
  const { added, dataSource: updated } = await addStatusOptions(api, dataSource, spec);
  if (added.length > 0) out.line(`✓ Added ${added.map((o) => `"${o}"`).join(', ')} to "${spec.names.status}".`);
  return updated;
}

function reportStatusAsSelect(spec: TicketDatabaseSpec, out: Output): void {
  const name = spec.names.status;
  out.line(
    `! Notion did not accept a Status-type property through the API, so "${name}" was made a Select with the same options ` +
      '(the app works with either; the schema review below says what to change in Notion).',
  );
}

/** Prints the schema review; true when something must be fixed. */
function reportSchema(properties: Parameters<typeof reviewSchema>[0], spec: TicketDatabaseSpec, out: Output): boolean {
  const { problems, warnings } = reviewSchema(properties, spec);
  out.line();
  if (problems.length === 0) out.line(`✓ Schema: every property fits the app (${Object.values(spec.names).join(', ')}).`);
  else out.line(`✗ Schema: ${plural(problems.length, 'problem', 'problems')}:`);
  for (const p of problems) {
    out.line(`  ✗ ${describeProblem(p)}.`);
    out.line(`      Fix: ${p.fix}`);
  }
  for (const w of warnings) {
    out.line(`  ! ${describeProblem(w)}.`);
    out.line(`      Fix: ${w.fix}`);
  }
  return problems.length > 0;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
