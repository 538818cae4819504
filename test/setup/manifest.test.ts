import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { envSchema, HINTS, REQUIRED_CREDENTIALS } from '../../src/config/env-schema.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { APP_MANIFEST, SLACK_BOT_SCOPES, type AppManifest } from '../../src/setup/manifest.js';
import { manifestMain } from '../../src/setup/manifest-main.js';
import { eventually, startTestSandbox } from '../support/test-sandbox.js';
import { repliesUnder, rootOf, sandboxPost } from '../support/threads.js';
import { SLACK_USER } from '../../src/sandbox/seed/demo-people.js';
import { SEND_TO_CUSTOMER_CALLBACK } from '../../src/domain/threads/send-to-customer-views.js';
import { THREAD_TOPICS } from '../../src/webhooks/intercom-payloads.js';
import { DONE_MESSAGE_PLACEHOLDERS } from '../../src/domain/done-message.js';
import { captureOutput } from './helpers.js';

const committed = JSON.parse(readFileSync(new URL('../../intercom-app.json', import.meta.url), 'utf8')) as AppManifest;

function manifest(argv: string[], env: Record<string, string> = {}) {
  const out = captureOutput();
  const code = manifestMain(argv, env, out);
  return { code, stdout: out.stdout(), stderr: out.stderr() };
}

/** Every string in the manifest, wherever it sits. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('intercom-app.json', () => {
  it('is valid JSON that the manifest schema accepts', () => {
    expect(APP_MANIFEST).toEqual(committed);
    expect(APP_MANIFEST.notion.webhook.events).toEqual(['page.properties_updated', 'page.created']);
    expect(APP_MANIFEST.intercom.permissions).toEqual(['Read conversations', 'Write conversations', 'Read admins']);
  });

  it('lists every variable of env-schema exactly once, marked required as the schema requires it', () => {
    const listed = committed.env.map((v) => v.name);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(Object.keys(envSchema.shape).sort());
    for (const variable of committed.env) {
      const schema = envSchema.shape[variable.name as keyof typeof envSchema.shape];
      const unset = schema.safeParse(undefined);
      expect(variable.required, variable.name).toBe(!unset.success);
      if (!unset.success) expect(REQUIRED_CREDENTIALS as readonly string[]).toContain(variable.name);
    }
  });

  it("gives each variable the schema's default and, where there is one, the same hint as the config errors", () => {
    for (const variable of committed.env) {
      const unset = envSchema.shape[variable.name as keyof typeof envSchema.shape].safeParse(undefined);
      const schemaDefault = unset.success && unset.data !== undefined ? String(unset.data) : undefined;
      expect(variable.default, variable.name).toBe(schemaDefault);
      if (HINTS[variable.name]) expect(variable.description, variable.name).toBe(HINTS[variable.name]);
    }
  });

  it('subscribes to the Intercom topics and Slack events the thread sync reads, and names its shortcut as the app does', () => {
    expect(APP_MANIFEST.intercom.webhooks.topics).toEqual([...THREAD_TOPICS]);
    expect(APP_MANIFEST.slack.events.bot_events).toEqual(['message.channels']);
    // Reading thread replies (conversations.replies) and message shortcuts need these scopes.
    expect(APP_MANIFEST.slack.bot_scopes).toEqual(expect.arrayContaining(['channels:history', 'commands']));
    expect(APP_MANIFEST.slack.shortcuts).toEqual([expect.objectContaining({ name: 'Send to customer', type: 'message', callback_id: SEND_TO_CUSTOMER_CALLBACK })]);
  });

  it("is where the doctor's required Slack scopes come from", () => {
    expect(SLACK_BOT_SCOPES).toEqual(committed.slack.bot_scopes);
  });

  it('asks for Slack scopes that let the app create a ticket, announce it done and sync its threads', async () => {
    const sandbox = await startTestSandbox();
    try {
      sandbox.world.slack.scopes = [...SLACK_BOT_SCOPES];

      const created = await sandbox.api('/create-ticket', { intercom_conversation_id: CONVERSATION.webhookSecret });
      const body = (await created.json()) as { notion_ticket_id: string; slack_channel: string };
      expect(created.status, JSON.stringify(body)).toBe(200);
      sandbox.world.setStatus(body.notion_ticket_id, 'Done');
      const done = await sandbox.api('/ticket-done', { notion_ticket_id: body.notion_ticket_id });

      expect(done.status, await done.clone().text()).toBe(200);
      const channel = sandbox.world.slack.channel(body.slack_channel)!;
      expect(channel.bookmarks.length).toBeGreaterThan(0);
      expect(channel.messages.some((m) => m.user === sandbox.world.slack.botUserId)).toBe(true);

      // And sync the conversation's thread both ways.
      const root = rootOf(channel, CONVERSATION.webhookSecret);
      await sandboxPost(sandbox, `/conversations/${CONVERSATION.webhookSecret}/reply`, { author: 'customer', body: 'scoped question' });
      await sandboxPost(sandbox, '/slack/messages', { channel: channel.id, thread_ts: root.ts, user: SLACK_USER.priya, text: 'scoped answer' });
      await eventually(() => repliesUnder(channel, root.ts).some((m) => m.text.includes('scoped question')));
      await eventually(() => sandbox.world.intercom.conversation(CONVERSATION.webhookSecret)!.parts.some((p) => p.partType === 'note' && p.body?.includes('scoped answer')));
    } finally {
      await sandbox.close();
    }
  });
});

describe('npm run manifest', () => {
  it('prints the manifest as JSON with every URL filled from --public-url', () => {
    const { code, stdout } = manifest(['--json', '--public-url', 'https://tickets.example.com/']);

    expect(code).toBe(0);
    const filled = JSON.parse(stdout) as AppManifest;
    expect(strings(filled).join('\n')).not.toContain('{PUBLIC_URL}');
    expect(filled.intercom.canvas_kit.initialize_url).toBe('https://tickets.example.com/canvas/initialize');
    expect(filled.intercom.canvas_kit.submit_url).toBe('https://tickets.example.com/canvas/submit');
    expect(filled.notion.webhook.url).toBe('https://tickets.example.com/webhooks/notion');
    expect(filled.intercom.webhooks.url).toBe('https://tickets.example.com/webhooks/intercom');
    expect(filled.slack.events.request_url).toBe('https://tickets.example.com/webhooks/slack');
    expect(filled.slack.interactivity.request_url).toBe('https://tickets.example.com/webhooks/slack/interactions');
    expect(filled.api.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST https://tickets.example.com/create-ticket',
      'POST https://tickets.example.com/ticket-done',
    ]);
    expect(filled.env).toEqual(committed.env);
  });

  it('takes PUBLIC_URL from the environment, and --public-url over it', () => {
    const fromEnv = JSON.parse(manifest(['--json'], { PUBLIC_URL: 'https://env.example.com' }).stdout) as AppManifest;
    const fromFlag = JSON.parse(manifest(['--json', '--public-url', 'https://flag.example.com'], { PUBLIC_URL: 'https://env.example.com' }).stdout) as AppManifest;

    expect(fromEnv.notion.webhook.url).toBe('https://env.example.com/webhooks/notion');
    expect(fromFlag.notion.webhook.url).toBe('https://flag.example.com/webhooks/notion');
  });

  it('keeps the placeholders and says why when there is no public URL', () => {
    const { code, stdout, stderr } = manifest(['--json']);

    expect(code).toBe(0);
    expect((JSON.parse(stdout) as AppManifest).intercom.canvas_kit.initialize_url).toBe('{PUBLIC_URL}/canvas/initialize');
    expect(stderr).toContain('PUBLIC_URL is not set');
  });

  it('prints a step-by-step checklist for each console with the filled URLs and every variable', () => {
    const { code, stdout } = manifest(['--public-url', 'https://tickets.example.com']);

    expect(code).toBe(0);
    const sections = ['1. Intercom', '2. Notion', '3. Slack', '4. This server'].map((s) => stdout.indexOf(s));
    expect(sections.every((i) => i >= 0)).toBe(true);
    expect([...sections].sort((a, b) => a - b)).toEqual(sections);
    expect(stdout).toContain('Initialize flow webhook URL: https://tickets.example.com/canvas/initialize');
    expect(stdout).toContain('Submit flow webhook URL:     https://tickets.example.com/canvas/submit');
    expect(stdout).toContain('URL:    https://tickets.example.com/webhooks/notion');
    expect(stdout).toContain('Events: page.properties_updated, page.created');
    expect(stdout).toContain('npm run setup -- notion --parent <page URL>');
    expect(stdout).toContain('Endpoint URL: https://tickets.example.com/webhooks/intercom');
    expect(stdout).toContain(`Topics:       ${THREAD_TOPICS.join(', ')}`);
    expect(stdout).toContain('copy the Signing Secret into SLACK_SIGNING_SECRET');
    for (const variable of committed.env) expect(stdout).toContain(`  ${variable.name} (`);
  });

  it('prints a Slack app manifest with the scopes the doctor checks, the event subscription and the shortcut', () => {
    const { stdout } = manifest(['--public-url', 'https://tickets.example.com']);

    const start = stdout.indexOf('{', stdout.indexOf('3. Slack'));
    const end = stdout.indexOf('\n         }', start) + '\n         }'.length;
    const slackManifest = JSON.parse(stdout.slice(start, end)) as {
      oauth_config: { scopes: { bot: string[] } };
      features: { shortcuts: Array<{ callback_id: string; type: string }> };
      settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string } };
    };
    expect(slackManifest.oauth_config.scopes.bot).toEqual([...SLACK_BOT_SCOPES]);
    // The event subscription, and the shortcut with the interactivity it needs.
    expect(slackManifest.settings.event_subscriptions).toEqual({ request_url: 'https://tickets.example.com/webhooks/slack', bot_events: ['message.channels'] });
    expect(slackManifest.settings.interactivity).toEqual({ is_enabled: true, request_url: 'https://tickets.example.com/webhooks/slack/interactions' });
    expect(slackManifest.features.shortcuts.map((s) => `${s.type} ${s.callback_id}`)).toEqual([`message ${SEND_TO_CUSTOMER_CALLBACK}`]);
  });

  it('lists every placeholder the Done message template fills in, as the README and .env.example do', () => {
    const { stdout } = manifest(['--public-url', 'https://tickets.example.com']);
    const start = stdout.indexOf('  DONE_MESSAGE_TEMPLATE (');
    // The variable's entry: its name line and the description under it.
    const line = stdout.slice(start, stdout.indexOf('\n  ', stdout.indexOf('\n      ', start) + 1));
    const readmeRow = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').split('\n').find((l) => l.startsWith('| `DONE_MESSAGE_TEMPLATE`'));
    const envExample = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');

    expect(DONE_MESSAGE_PLACEHOLDERS).toEqual(['ticket_id', 'title', 'notion_url']);
    for (const name of DONE_MESSAGE_PLACEHOLDERS) {
      expect(line, name).toContain(`{${name}}`);
      expect(readmeRow, name).toContain(`\`{${name}}\``);
      expect(envExample, name).toContain(`{${name}}`);
    }
  });

  it('refuses a public URL that is not a URL, with exit code 2', () => {
    const { code, stderr } = manifest(['--public-url', 'tickets.example.com']);

    expect(code).toBe(2);
    expect(stderr).toContain('tickets.example.com is not a URL');
    expect(stderr).toContain('usage: npm run manifest');
  });
});
