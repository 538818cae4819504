import { describe, expect, it } from 'vitest';
import { parseConversationIds, parseSlackChannelId } from '../../src/domain/conversation-links.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { worldOptionsFromEnv } from '../../src/sandbox/fakes/env-options.js';
import { createWorld } from '../../src/sandbox/fakes/world.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { ADMIN, DEMO_ADMINS, SLACK_USER } from '../../src/sandbox/seed/demo-people.js';
import { DEMO_TICKETS } from '../../src/sandbox/seed/demo-tickets.js';

const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter(Boolean).length;

describe('Demo seed: Notion tickets', () => {
  const world = createWorld({ seed: 'demo' });
  const tickets = world.tickets();

  it('has 40 tickets numbered JMP-1 to JMP-40, each with a title and a 2-4 sentence description', () => {
    expect(tickets.map((t) => t.ticket_id)).toEqual(Array.from({ length: 40 }, (_, i) => `JMP-${i + 1}`));
    expect(new Set(tickets.map((t) => t.properties.Title)).size).toBe(40);
    for (const t of tickets) {
      expect(sentences(String(t.properties.Description)), String(t.properties.Title)).toBeGreaterThanOrEqual(2);
      expect(sentences(String(t.properties.Description)), String(t.properties.Title)).toBeLessThanOrEqual(4);
    }
  });

  it('has a few Done tickets, each already announced (so nothing fires at start-up)', () => {
    const done = tickets.filter((t) => t.properties.Status === 'Done');
    expect(done.length).toBeGreaterThanOrEqual(3);
    expect(done.length).toBeLessThanOrEqual(10);
    expect(done.every((t) => t.properties['Resolution Notified'] !== null)).toBe(true);
    expect(tickets.filter((t) => t.properties.Status !== 'Done').every((t) => t.properties['Resolution Notified'] === null)).toBe(true);
  });

  it('links some tickets to conversations that exist in the inbox', () => {
    const linked = tickets.filter((t) => t.properties['Intercom Conversations']);
    expect(linked.length).toBeGreaterThanOrEqual(2);
    for (const t of linked) {
      for (const id of parseConversationIds(String(t.properties['Intercom Conversations']))) {
        expect(world.intercom.conversation(id)).toBeDefined();
      }
    }
  });

  it('gives some tickets a Slack channel whose topic is the ticket’s Notion URL', () => {
    const withChannel = tickets.filter((t) => t.properties['Slack Channel']);
    expect(withChannel.length).toBe(DEMO_TICKETS.filter((t) => t.channel).length);
    for (const t of withChannel) {
      const channelId = parseSlackChannelId(String(t.properties['Slack Channel']));
      const channel = world.slack.channel(channelId!);
      expect(channel?.topic.value).toBe(t.url);
      expect(channel?.name.startsWith(`${t.ticket_id!.toLowerCase()}-`)).toBe(true);
      expect(channel?.members).toContain(SANDBOX.slackBotUserId);
    }
  });

  it('spreads creation over the last three months, oldest first', () => {
    const created = tickets.map((t) => Date.parse(t.created_time));
    expect(created).toEqual([...created].sort((a, b) => a - b));
    expect(Date.now() - created[0]!).toBeGreaterThan(80 * 86_400_000);
    expect(Math.max(...tickets.map((t) => Date.parse(t.last_edited_time)))).toBeLessThanOrEqual(Date.now());
  });

  it('uses the ticket prefix it is given', () => {
    expect(createWorld({ seed: 'demo', ticketPrefix: 'ops' }).tickets()[0]!.ticket_id).toBe('OPS-1');
  });
});

describe('Demo seed: Intercom and Slack people', () => {
  const world = createWorld({ seed: 'demo' });

  it('has 12 conversations, each assigned, each with a teammate who wrote, one in German', () => {
    const conversations = world.intercom.conversations();
    expect(conversations).toHaveLength(12);
    const adminIds = new Set(DEMO_ADMINS.map((a) => a.id));
    for (const c of conversations) {
      expect(adminIds.has(c.adminAssigneeId!), c.id).toBe(true);
      expect(c.parts.some((p) => p.author.type === 'admin'), c.id).toBe(true);
      expect(c.source.author.type).toBe('user');
    }
    expect(world.intercom.conversation(CONVERSATION.passwordResetGerman)!.source.body).toContain('Passwort');
  });

  it('has six teammates, including the admin the app writes as', () => {
    expect(world.intercom.admins()).toHaveLength(6);
    expect(world.intercom.admins().map((a) => a.id)).toContain(SANDBOX.adminId);
  });

  it('has Slack users that exercise every matching rule', () => {
    const slack = (id: string) => world.slack.users().find((u) => u.id === id)!;
    const admin = (id: string) => world.intercom.admins().find((a) => a.id === id)!;
    expect(slack(SLACK_USER.dana).email).toBe(admin(ADMIN.dana).email);
    expect(slack(SLACK_USER.priya).email).not.toBe(admin(ADMIN.priya).email);
    expect(slack(SLACK_USER.priya).email!.toLowerCase()).toBe(admin(ADMIN.priya).email);
    expect(slack(SLACK_USER.marcus).realName).toBe(admin(ADMIN.marcus).name);
    expect(slack(SLACK_USER.marcus).email).not.toBe(admin(ADMIN.marcus).email);
    expect([admin(ADMIN.jon).name, slack(SLACK_USER.jonathan).realName]).toEqual(['Jon Park', 'Jonathan Park']);
    expect([admin(ADMIN.jose).name, slack(SLACK_USER.jose).realName]).toEqual(['José García', 'Jose Garcia']);
    expect(slack(SLACK_USER.aiko)).toMatchObject({ email: admin(ADMIN.aiko).email, deleted: true });
    expect(slack(SLACK_USER.deployBot).isBot).toBe(true);
    expect(slack('USLACKBOT').realName).toBe('Slackbot');
    expect(slack(SANDBOX.slackBotUserId).isBot).toBe(true);
    expect(world.slack.users().filter((u) => u.id !== 'USLACKBOT' && u.id !== SANDBOX.slackBotUserId)).toHaveLength(10);
  });
});

describe('Other seeds', () => {
  it('empty: the people and the inbox, but no tickets and no channels', () => {
    const world = createWorld({ seed: 'empty' });
    expect(world.tickets()).toHaveLength(0);
    expect(world.slack.channels()).toHaveLength(0);
    expect(world.intercom.conversations()).toHaveLength(12);
    expect(world.intercom.admins()).toHaveLength(6);
  });

  it('generated: exactly N tickets, the newest being the demo tickets, the same on every run', () => {
    const a = createWorld({ seed: { generatedTickets: 300 } }).tickets();
    const b = createWorld({ seed: { generatedTickets: 300 } }).tickets();
    expect(a).toHaveLength(300);
    expect(a.map((t) => [t.page_id, t.properties.Title, t.properties.Status])).toEqual(b.map((t) => [t.page_id, t.properties.Title, t.properties.Status]));
    expect(a.slice(-40).map((t) => t.properties.Title)).toEqual(DEMO_TICKETS.map((t) => t.title));
    const created = a.map((t) => Date.parse(t.created_time));
    expect(created.every((ms, i) => i === 0 || ms > created[i - 1]!)).toBe(true);
    expect(new Set(a.slice(0, 260).map((t) => t.properties.Status)).size).toBeGreaterThan(3);
  });

  it('generated: builds 50,000 tickets', () => {
    const world = createWorld({ seed: { generatedTickets: 50_000 } });
    expect(world.notion.rows(SANDBOX.notionDataSourceId)).toHaveLength(50_000);
    expect(world.ticket('JMP-50000')?.properties.Title).toBe(DEMO_TICKETS.at(-1)!.title);
  });

  it('generated: refuses more than 50,000', () => {
    expect(() => createWorld({ seed: { generatedTickets: 50_001 } })).toThrow(RangeError);
  });
});

describe('worldOptionsFromEnv', () => {
  it('reads the seed, latency, error rates, rate limits and the query cap', () => {
    expect(
      worldOptionsFromEnv({
        SANDBOX_SEED: '5000',
        SANDBOX_LATENCY_MS: '20',
        SANDBOX_SLACK_LATENCY_MS: '80',
        SANDBOX_NOTION_RPS: '3',
        SANDBOX_INTERCOM_ERROR_RATE: '0.1',
        SANDBOX_FAULT_SEED: '9',
        SANDBOX_QUERY_RESULT_LIMIT: '500',
      }),
    ).toEqual({
      seed: { generatedTickets: 5000 },
      faults: {
        seed: 9,
        notion: { latencyMs: 20, requestsPerSecond: 3 },
        slack: { latencyMs: 80 },
        intercom: { latencyMs: 20, errorRate: 0.1 },
      },
      queryResultLimit: 500,
    });
  });

  it('gives nothing (no faults) for an empty environment', () => {
    expect(worldOptionsFromEnv({})).toEqual({});
  });

  it('names the variable that is wrong', () => {
    expect(() => worldOptionsFromEnv({ SANDBOX_SEED: 'lots' })).toThrow(/SANDBOX_SEED/);
    expect(() => worldOptionsFromEnv({ SANDBOX_ERROR_RATE: '2' })).toThrow(/SANDBOX_ERROR_RATE/);
  });
});
