import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { doctorMain } from '../../src/setup/doctor-main.js';
import { SLACK_BOT_SCOPES } from '../../src/setup/manifest.js';
import { captureOutput, startFakes, type Fakes } from './helpers.js';
import { startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

let fakes: Fakes;

beforeEach(async () => {
  fakes = await startFakes({ seed: 'demo' });
});

afterEach(async () => {
  await fakes.close();
});

async function doctor(env: Record<string, string | undefined>, argv: string[] = []) {
  const out = captureOutput();
  const code = await doctorMain(argv, env, out);
  return { code, stdout: out.stdout(), stderr: out.stderr() };
}

/** The report line of one check. */
function line(stdout: string, title: string): string {
  const found = stdout.split('\n').find((l) => l.includes(` ${title}:`));
  if (!found) throw new Error(`no line for "${title}" in:\n${stdout}`);
  return found;
}

describe('npm run doctor against the sandbox fakes', () => {
  it('passes every check of a good configuration and exits 0', async () => {
    const { code, stdout } = await doctor(fakes.appEnv());

    expect(code).toBe(0);
    expect(stdout).not.toMatch(/^\s+[✗!] /m);
    for (const title of [
      'Environment variables',
      'Access token (INTERCOM_API_KEY)',
      'Admin the app writes as (INTERCOM_ADMIN_ID)',
      'Workspace (INTERCOM_APP_ID)',
      'Integration token (NOTION_API_KEY)',
      'Tickets database (NOTION_DATABASE_ID)',
      'Tickets schema',
      'Bot token (SLACK_API_TOKEN)',
      'Bot token scopes',
      'Can create channels',
      'Public URL (PUBLIC_URL)',
      'Notion webhook verification token (NOTION_WEBHOOK_VERIFICATION_TOKEN)',
      'PGlite (STATE_DIR)',
    ]) {
      expect(line(stdout, title)).toMatch(/^ {2}✓ /);
    }
    expect(line(stdout, 'API key and model (GOOGLE_GEMINI_API_KEY, GEMINI_MODEL)')).toContain('- ');
    // Nothing runs at https://tickets.example.com to try the webhook secrets against.
    expect(line(stdout, 'Intercom webhooks (INTERCOM_CLIENT_SECRET)')).toContain('- Intercom webhooks (INTERCOM_CLIENT_SECRET): set; not tried: https://tickets.example.com/webhooks/intercom did not answer');
    expect(line(stdout, 'Slack signing secret (SLACK_SIGNING_SECRET)')).toContain('- Slack signing secret (SLACK_SIGNING_SECRET): set; not tried');
    expect(stdout).toContain('13 ok, 0 warnings, 0 failed, 3 skipped');
  });

  it('fails the store check, with its fix, when DATABASE_URL cannot be reached or STATE_DIR cannot be written', async () => {
    const unreachable = await doctor(fakes.appEnv({ DATABASE_URL: 'postgres://app:secret-pw@127.0.0.1:1/tickets' }));
    expect(unreachable.code).toBe(1);
    expect(line(unreachable.stdout, 'PostgreSQL (DATABASE_URL)')).toMatch(/✗ PostgreSQL \(DATABASE_URL\): cannot connect: .*ECONNREFUSED/);
    expect(unreachable.stdout).toContain('Check DATABASE_URL');
    expect(unreachable.stdout).not.toContain('secret-pw');

    const unwritable = await doctor(fakes.appEnv({ STATE_DIR: '/dev/null/state' }));
    expect(unwritable.code).toBe(1);
    expect(line(unwritable.stdout, 'PGlite (STATE_DIR)')).toContain('✗ PGlite (STATE_DIR): /dev/null/state is not writable');
  });

  it('creates no channel when it probes whether the bot may create one', async () => {
    const before = fakes.world.slack.channels().length;

    await doctor(fakes.appEnv());

    expect(fakes.world.slack.channels()).toHaveLength(before);
    expect(fakes.world.calls.count('slack', 'conversations.create')).toBe(1);
  });

  it('names a wrong INTERCOM_ADMIN_ID and lists the admins the token can see', async () => {
    const { code, stdout } = await doctor(fakes.appEnv({ INTERCOM_ADMIN_ID: '999' }));

    expect(code).toBe(1);
    expect(line(stdout, 'Admin the app writes as (INTERCOM_ADMIN_ID)')).toContain('✗ Admin the app writes as (INTERCOM_ADMIN_ID): there is no admin 999');
    expect(stdout).toContain('→ Set INTERCOM_ADMIN_ID to the teammate the app should write notes and replies as.');
    expect(stdout).toMatch(new RegExp(`^ +${SANDBOX.adminId} {2}Dana Whitfield <`, 'm'));
  });

  it('names an INTERCOM_APP_ID that is not the workspace of the token', async () => {
    const { code, stdout } = await doctor(fakes.appEnv({ INTERCOM_APP_ID: 'abc123' }));

    expect(code).toBe(1);
    expect(line(stdout, 'Workspace (INTERCOM_APP_ID)')).toContain('✗ Workspace (INTERCOM_APP_ID): INTERCOM_APP_ID is abc123, but the token belongs to the workspace sandbox');
    expect(stdout).toContain('→ Set INTERCOM_APP_ID=sandbox');
  });

  it('names a bad Intercom token, skips what depends on it and still checks the other services', async () => {
    const { code, stdout } = await doctor(fakes.appEnv({ INTERCOM_API_KEY: 'wrong-token' }));

    expect(code).toBe(1);
    expect(line(stdout, 'Access token (INTERCOM_API_KEY)')).toContain('✗ Access token (INTERCOM_API_KEY): Intercom refused the token (401 unauthorized)');
    expect(stdout).toContain('→ Set INTERCOM_API_KEY to Intercom Developer Hub > your app > Authentication > Access token.');
    expect(line(stdout, 'Admin the app writes as (INTERCOM_ADMIN_ID)')).toMatch(/^ {2}- .*did not pass/);
    expect(line(stdout, 'Tickets schema')).toMatch(/^ {2}✓ /);
    expect(line(stdout, 'Bot token scopes')).toMatch(/^ {2}✓ /);
  });

  it('names a NOTION_DATABASE_ID that does not exist (or is not shared) and skips the schema', async () => {
    const { code, stdout } = await doctor(fakes.appEnv({ NOTION_DATABASE_ID: '0123456789abcdef0123456789abcdef' }));

    expect(code).toBe(1);
    expect(line(stdout, 'Tickets database (NOTION_DATABASE_ID)')).toContain('✗ Tickets database (NOTION_DATABASE_ID): The database 01234567-89ab-cdef-0123-456789abcdef is not shared with the integration "Ticket Bot" (or does not exist).');
    expect(stdout).toContain('→ Or set NOTION_DATABASE_ID to the tickets database URL or id');
    expect(line(stdout, 'Tickets schema')).toMatch(/^ {2}- /);
  });

  it('lists every schema problem of the tickets database with its fix', async () => {
    fakes.world.notion.updateDataSource(SANDBOX.notionDataSourceId, { properties: { Status: null, 'Slack Channel': { checkbox: {} } } });

    const { code, stdout } = await doctor(fakes.appEnv());

    expect(code).toBe(1);
    expect(line(stdout, 'Tickets schema')).toContain('✗ Tickets schema: 2 properties do not fit the app');
    expect(stdout).toContain('→ "Slack Channel" is a Checkbox property; the app needs URL or Text (the Slack channel link): Change the type of "Slack Channel" to URL');
    expect(stdout).toContain('→ "Status" does not exist (the app stores the ticket status in it): Add a Status property named "Status"');
    expect(stdout).toContain('→ `npm run setup -- notion --check --fix` adds the missing properties.');
  });

  it('names a bad Notion token', async () => {
    const { code, stdout } = await doctor(fakes.appEnv({ NOTION_API_KEY: 'secret_wrong' }));

    expect(code).toBe(1);
    expect(line(stdout, 'Integration token (NOTION_API_KEY)')).toContain('✗ Integration token (NOTION_API_KEY): NOTION_API_KEY is not valid: Notion answered 401 unauthorized.');
  });

  it('names the scopes the Slack token is missing and where to add them', async () => {
    fakes.world.slack.scopes = fakes.world.slack.scopes.filter((s) => s !== 'users:read.email' && s !== 'bookmarks:write');

    const { code, stdout } = await doctor(fakes.appEnv());

    expect(code).toBe(1);
    expect(line(stdout, 'Bot token scopes')).toContain('✗ Bot token scopes: missing users:read.email, bookmarks:write');
    expect(stdout).toContain('→ Add users:read.email, bookmarks:write under api.slack.com/apps > your app > OAuth & Permissions > Bot Token Scopes, then reinstall the app');
  });

  it('says the bot may not create channels when the token lacks every scope that allows it', async () => {
    fakes.world.slack.scopes = fakes.world.slack.scopes.filter((s) => s !== 'channels:manage' && s !== 'groups:write');

    const { code, stdout } = await doctor(fakes.appEnv());

    expect(code).toBe(1);
    expect(line(stdout, 'Can create channels')).toContain('✗ Can create channels: the token may not create channels');
    expect(stdout).toContain('→ Add channels:manage under');
  });

  it('names a bad Slack token', async () => {
    const { code, stdout } = await doctor(fakes.appEnv({ SLACK_API_TOKEN: 'xoxb-wrong' }));

    expect(code).toBe(1);
    expect(line(stdout, 'Bot token (SLACK_API_TOKEN)')).toContain('✗ Bot token (SLACK_API_TOKEN): Slack refused the token (invalid_auth)');
    expect(stdout).toContain('→ Set SLACK_API_TOKEN to api.slack.com/apps > your app > OAuth & Permissions > Bot User OAuth Token');
  });

  it('reports a service it cannot reach and still checks the others', async () => {
    const { code, stdout } = await doctor(fakes.appEnv({ INTERCOM_API_BASE_URL: 'http://127.0.0.1:9/intercom' }));

    expect(code).toBe(1);
    expect(line(stdout, 'Access token (INTERCOM_API_KEY)')).toContain('✗ Access token (INTERCOM_API_KEY): could not ask Intercom');
    expect(stdout).toContain('→ Cannot connect to Intercom');
    expect(stdout).toContain('INTERCOM_API_BASE_URL if you set it');
    expect(line(stdout, 'Tickets schema')).toMatch(/^ {2}✓ /);
    expect(line(stdout, 'Can create channels')).toMatch(/^ {2}✓ /);
  });

  it('gives up on a check that does not answer in time and still checks the other services', async () => {
    fakes.world.faults.set({ timeoutHoldMs: 5_000, rules: [{ service: 'slack', method: 'auth.test', fault: 'timeout', phase: 'before', times: 1 }] });

    const { code, stdout } = await doctor(fakes.appEnv(), ['--timeout-ms', '300']);

    expect(code).toBe(1);
    expect(line(stdout, 'Bot token (SLACK_API_TOKEN)')).toMatch(/✗ Bot token \(SLACK_API_TOKEN\): (no answer within 300 ms|could not ask Slack)/);
    expect(line(stdout, 'Bot token scopes')).toMatch(/^ {2}- /);
    expect(line(stdout, 'Tickets schema')).toMatch(/^ {2}✓ /);
    expect(line(stdout, 'Workspace (INTERCOM_APP_ID)')).toMatch(/^ {2}✓ /);
  });

  it('names every invalid variable, and still checks what does not depend on them', async () => {
    const { code, stdout } = await doctor(fakes.appEnv({ INTERCOM_ADMIN_ID: 'dana', API_TOKEN: 'short', SLACK_API_TOKEN: '' }));

    expect(code).toBe(1);
    expect(line(stdout, 'Environment variables')).toContain('✗ Environment variables: 3 need fixing');
    expect(stdout).toContain('→ INTERCOM_ADMIN_ID is invalid (a numeric admin id).');
    expect(stdout).toContain('→ API_TOKEN is invalid (at least 16 characters).');
    expect(stdout).toContain('→ SLACK_API_TOKEN is not set.');
    expect(line(stdout, 'Admin the app writes as (INTERCOM_ADMIN_ID)')).toContain('- Admin the app writes as (INTERCOM_ADMIN_ID): not checked until INTERCOM_ADMIN_ID is fixed');
    expect(line(stdout, 'Bot token (SLACK_API_TOKEN)')).toContain('not checked until SLACK_API_TOKEN is fixed');
    expect(line(stdout, 'Access token (INTERCOM_API_KEY)')).toMatch(/^ {2}✓ /);
    expect(line(stdout, 'Tickets schema')).toMatch(/^ {2}✓ /);
  });

  it('fails a PUBLIC_URL that is missing or not HTTPS, and only warns about localhost', async () => {
    const unset = await doctor({ ...fakes.appEnv(), PUBLIC_URL: undefined });
    const http = await doctor(fakes.appEnv({ PUBLIC_URL: 'http://tickets.example.com' }));
    const local = await doctor(fakes.appEnv({ PUBLIC_URL: 'http://localhost:3000' }));

    expect(unset.code).toBe(1);
    expect(line(unset.stdout, 'Public URL (PUBLIC_URL)')).toContain('✗ Public URL (PUBLIC_URL): not set');
    expect(http.code).toBe(1);
    expect(line(http.stdout, 'Public URL (PUBLIC_URL)')).toContain('✗ Public URL (PUBLIC_URL): http://tickets.example.com is not HTTPS');
    expect(local.code).toBe(0);
    expect(line(local.stdout, 'Public URL (PUBLIC_URL)')).toContain('! Public URL (PUBLIC_URL): http://localhost:3000 is only reachable from this machine');
  });

  it('only warns when the Notion webhook verification token is not set yet', async () => {
    const { code, stdout } = await doctor({ ...fakes.appEnv(), NOTION_WEBHOOK_VERIFICATION_TOKEN: undefined });

    expect(code).toBe(0);
    expect(line(stdout, 'Notion webhook verification token (NOTION_WEBHOOK_VERIFICATION_TOKEN)')).toContain('! ');
    expect(stdout).toContain('set NOTION_WEBHOOK_VERIFICATION_TOKEN to it and restart');
  });

  describe('the webhook secrets, tried against the server at PUBLIC_URL', () => {
    let app: TestSandbox;
    beforeAll(async () => {
      app = await startTestSandbox();
    });
    afterAll(async () => {
      await app?.close();
    });
    const INTERCOM = 'Intercom webhooks (INTERCOM_CLIENT_SECRET)';
    const SLACK = 'Slack signing secret (SLACK_SIGNING_SECRET)';

    it('passes when the server accepts requests signed with every configured secret', async () => {
      const { stdout } = await doctor(fakes.appEnv({ PUBLIC_URL: app.url }));

      expect(line(stdout, INTERCOM)).toBe(`  ✓ ${INTERCOM}: ${app.url}/webhooks/intercom accepts requests signed with INTERCOM_CLIENT_SECRET (one secret)`);
      expect(line(stdout, SLACK)).toBe(`  ✓ ${SLACK}: ${app.url}/webhooks/slack accepts requests signed with SLACK_SIGNING_SECRET (one secret)`);
    });

    it('fails a secret the server does not accept, naming which one while rotating, with the fix', async () => {
      const { code, stdout } = await doctor(
        fakes.appEnv({ PUBLIC_URL: app.url, INTERCOM_CLIENT_SECRET: `${SANDBOX.intercomClientSecret},a-newer-client-secret`, SLACK_SIGNING_SECRET: 'another-signing-secret' }),
      );

      expect(code).toBe(1);
      expect(line(stdout, INTERCOM)).toContain(`✗ ${INTERCOM}: ${app.url}/webhooks/intercom refused a request signed with INTERCOM_CLIENT_SECRET (the second of 2)`);
      expect(stdout).toContain('→ The server runs with another INTERCOM_CLIENT_SECRET: give it the client secret');
      expect(line(stdout, SLACK)).toContain(`✗ ${SLACK}: ${app.url}/webhooks/slack refused a request signed with SLACK_SIGNING_SECRET`);
      expect(stdout).toContain('→ The server runs with another SLACK_SIGNING_SECRET, or none');
      // The probes change nothing: no work for the thread sync.
      expect(await app.runtime.flows.threadStore.pendingWork()).toEqual([]);
    });

    it('only warns when SLACK_SIGNING_SECRET is not set, saying what does not work without it', async () => {
      const { code, stdout } = await doctor(fakes.appEnv({ PUBLIC_URL: app.url, SLACK_SIGNING_SECRET: '' }));

      expect(line(stdout, SLACK)).toContain(`! ${SLACK}: not set: replies in Slack threads do not reach Intercom`);
      expect(stdout).toContain('→ Set SLACK_SIGNING_SECRET to the Signing Secret (api.slack.com/apps > your app > Basic Information > App Credentials > Signing Secret)');
      expect(code).toBe(0);
    });
  });

  it('prints the results as JSON with --json, with the same exit code', async () => {
    const { code, stdout } = await doctor(fakes.appEnv({ INTERCOM_ADMIN_ID: '999' }), ['--json']);

    const report = JSON.parse(stdout) as {
      ok: boolean;
      counts: Record<string, number>;
      checks: Array<{ id: string; group: string; status: string; summary: string; fixes: string[] }>;
    };
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.counts.fail).toBe(1);
    const admin = report.checks.find((c) => c.id === 'intercom.admin')!;
    expect(admin).toMatchObject({ group: 'Intercom', status: 'fail' });
    expect(admin.fixes.join('\n')).toContain(SANDBOX.adminId);
    expect(report.checks.find((c) => c.id === 'slack.scopes')).toMatchObject({ status: 'ok' });
  });

  it('answers bad arguments with the usage and exit code 2', async () => {
    for (const argv of [['--bogus'], ['--timeout-ms', 'soon'], ['--timeout-ms', '5']]) {
      const { code, stderr } = await doctor(fakes.appEnv(), argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr).toContain('usage: npm run doctor');
    }
  });
});

describe('npm run doctor -- --sandbox', () => {
  it('starts the fakes in-process and passes with the sandbox configuration', async () => {
    const { code, stdout } = await doctor({}, ['--sandbox']);

    expect(code).toBe(0);
    expect(stdout).toContain('intercom-slack-notion doctor (sandbox: local fakes of Intercom, Notion and Slack)');
    expect(line(stdout, 'Tickets schema')).toMatch(/^ {2}✓ /);
    expect(line(stdout, 'Bot token scopes')).toContain(`all ${SLACK_BOT_SCOPES.length} needed`);
    expect(line(stdout, 'Public URL (PUBLIC_URL)')).toContain('- Public URL (PUBLIC_URL): not needed');
  });
});

describe('the Gemini check (only when GOOGLE_GEMINI_API_KEY is set)', () => {
  /** A stand-in for GET /v1beta/models/{model}: one valid key, one model. */
  let gemini: Server;
  let geminiUrl: string;

  beforeAll(async () => {
    gemini = createServer((req, res) => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers['x-goog-api-key'] !== 'good-key') {
        return send(400, {
          error: {
            code: 400,
            message: 'API key not valid. Please pass a valid API key.',
            status: 'INVALID_ARGUMENT',
            details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }],
          },
        });
      }
      if (req.method === 'POST' && req.url === '/v1beta/models/gemini-test:generateContent') {
        const answer = { decision: 'new', ticket_id: null, confidence: 0.8, reason: 'None is this issue.', title: 'CSV export fails', summary: 'Exports fail.' };
        return send(200, { candidates: [{ content: { role: 'model', parts: [{ text: JSON.stringify(answer) }] }, finishReason: 'STOP' }] });
      }
      if (req.url !== '/v1beta/models/gemini-test') {
        return send(404, { error: { code: 404, message: `${req.url} is not found`, status: 'NOT_FOUND' } });
      }
      return send(200, { name: 'models/gemini-test', displayName: 'Gemini Test', supportedGenerationMethods: ['generateContent'] });
    });
    await new Promise<void>((resolve) => gemini.listen(0, '127.0.0.1', resolve));
    geminiUrl = `http://127.0.0.1:${(gemini.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => gemini.close(() => resolve()));
  });

  const TITLE = 'API key and model (GOOGLE_GEMINI_API_KEY, GEMINI_MODEL)';
  const geminiEnv = (key: string, model: string) =>
    fakes.appEnv({ GOOGLE_GEMINI_API_KEY: key, GEMINI_MODEL: model, GEMINI_API_BASE_URL: geminiUrl });

  it('passes a valid key and an existing model', async () => {
    const { code, stdout } = await doctor(geminiEnv('good-key', 'gemini-test'));

    expect(code).toBe(0);
    expect(line(stdout, TITLE)).toContain('✓ API key and model (GOOGLE_GEMINI_API_KEY, GEMINI_MODEL): the key works and the model gemini-test exists (Gemini Test)');
    expect(line(stdout, 'One triage call (TRIAGE_TIMEOUT_MS)')).toMatch(/✓ One triage call \(TRIAGE_TIMEOUT_MS\): answered in \d+ ms, \d+% of TRIAGE_TIMEOUT_MS \(4000 ms; temperature 0/);
  });

  it('names an invalid key', async () => {
    const { code, stdout } = await doctor(geminiEnv('bad-key', 'gemini-test'));

    expect(code).toBe(1);
    expect(line(stdout, TITLE)).toContain('✗ API key and model (GOOGLE_GEMINI_API_KEY, GEMINI_MODEL): Gemini refused the key');
    expect(stdout).toContain('→ Set GOOGLE_GEMINI_API_KEY to aistudio.google.com/apikey');
    expect(line(stdout, 'One triage call (TRIAGE_TIMEOUT_MS)')).toContain('- One triage call (TRIAGE_TIMEOUT_MS): not checked');
  });

  it('names a model that does not exist', async () => {
    const { code, stdout } = await doctor(geminiEnv('good-key', 'gemini-0.1-imaginary'));

    expect(code).toBe(1);
    expect(line(stdout, TITLE)).toContain('✗ API key and model (GOOGLE_GEMINI_API_KEY, GEMINI_MODEL): there is no model gemini-0.1-imaginary');
    expect(stdout).toContain('→ Set GEMINI_MODEL to a model listed at ai.google.dev/gemini-api/docs/models');
  });
});
