import { conversationUrl, slackChannelUrl } from '../../domain/conversation-links.js';
import { SANDBOX } from '../constants.js';
import { stableUuid } from '../fakes/ids.js';
import type { IntercomFake } from '../fakes/intercom/intercom-store.js';
import type { NotionFake } from '../fakes/notion/notion-store.js';
import { plainTextItems, type StoredValue } from '../fakes/notion/notion-values.js';
import type { SlackFake } from '../fakes/slack/slack-store.js';
import { DEMO_CONVERSATIONS } from './demo-conversations.js';
import { DEMO_ADMINS, DEMO_SLACK_USERS } from './demo-people.js';
import { DEMO_TICKETS, type DemoTicket } from './demo-tickets.js';
import { generateTickets } from './generated-tickets.js';
import { TICKET_PROPERTY_IDS, ticketSchema, type StatusName } from './ticket-schema.js';

/**
 * What a world starts with:
 * - `demo`: the demo tickets, conversations, teammates and Slack users;
 * - `empty`: the same people and inbox, but no tickets and no ticket channels;
 * - `{ generatedTickets: N }`: N tickets in all (the newest are the 40 demo tickets, the rest
 *   generated from templates), with the demo people and inbox. For the benchmark.
 */
export type SeedOption = 'demo' | 'empty' | { generatedTickets: number };

export const MAX_GENERATED_TICKETS = 50_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Fakes {
  notion: NotionFake;
  slack: SlackFake;
  intercom: IntercomFake;
}

export function seedWorld(fakes: Fakes, seed: SeedOption, options: { ticketPrefix: string; nowMs: number }): void {
  const { nowMs, ticketPrefix } = options;
  fakes.notion.addParentPage(SANDBOX.notionParentPageId, 'Customer Support', nowMs - 400 * DAY);
  const properties = ticketSchema(ticketPrefix);
  fakes.notion.addDatabase({
    id: SANDBOX.notionDatabaseId,
    parentPageId: SANDBOX.notionParentPageId,
    title: 'Support Tickets',
    createdMs: nowMs - 400 * DAY,
    dataSource: { id: SANDBOX.notionDataSourceId, properties },
  });
  for (const admin of DEMO_ADMINS) fakes.intercom.addAdmin({ ...admin });
  for (const user of DEMO_SLACK_USERS) fakes.slack.addUser({ ...user });
  seedInbox(fakes.intercom, nowMs);

  if (seed === 'empty') return;
  const total = seed === 'demo' ? DEMO_TICKETS.length : seed.generatedTickets;
  if (!Number.isInteger(total) || total < 0 || total > MAX_GENERATED_TICKETS) {
    throw new RangeError(`generatedTickets must be an integer from 0 to ${MAX_GENERATED_TICKETS}, got ${total}`);
  }
  const statusProperty = properties.find((p) => p.id === TICKET_PROPERTY_IDS.status)!;
  const statusIds = new Map(statusProperty.options.map((o) => [o.name, o.id]));
  const context = { ...options, statusIds };
  const generated = Math.max(0, total - DEMO_TICKETS.length);
  // Ten minutes apart, all before the demo tickets (which span the last 90 days).
  const firstGeneratedMs = nowMs - 95 * DAY - generated * 10 * MINUTE;
  generateTickets(generated, (ticket, i) => {
    const createdMs = firstGeneratedMs + i * 10 * MINUTE;
    addTicket(fakes.notion, statusIds, {
      id: stableUuid(`generated-ticket:${i}`),
      title: ticket.title,
      description: ticket.description,
      status: ticket.status,
      createdMs,
      editedMs: createdMs + (i % 72) * HOUR,
    });
  });
  for (const [i, ticket] of DEMO_TICKETS.slice(0, Math.min(total, DEMO_TICKETS.length)).entries()) {
    seedDemoTicket(fakes, ticket, i, context);
  }
}

function seedDemoTicket(
  fakes: Fakes,
  ticket: DemoTicket,
  index: number,
  options: { nowMs: number; statusIds: Map<string, string> },
): void {
  // Mid-morning on the day it was reported, edited a few hours later (and never in the future).
  const createdMs = options.nowMs - ticket.daysAgo * DAY + (index % 5) * 7 * MINUTE;
  const editedMs = Math.min(options.nowMs - MINUTE, createdMs + (2 + (index % 7)) * HOUR);
  const page = addTicket(fakes.notion, options.statusIds, {
    id: stableUuid(`demo-ticket:${index}`),
    title: ticket.title,
    description: ticket.description,
    status: ticket.status,
    createdMs,
    editedMs,
    conversationIds: ticket.conversationIds ?? [],
  });
  if (!ticket.channel) return;
  const snapshot = fakes.notion.snapshot(page);
  const name = `${String(snapshot.ticket_id).toLowerCase()}-${slug(ticket.title)}`.slice(0, 80).replace(/-+$/, '');
  const channel = fakes.slack.addChannel({ name, topic: snapshot.url, members: ticket.channel.members, createdMs: createdMs + MINUTE });
  ticket.channel.messages.forEach((message, i) => {
    fakes.slack.addMessage(channel.id, message.user, message.text, createdMs + (i + 1) * HOUR);
  });
  page.values[TICKET_PROPERTY_IDS.slackChannel] = slackChannelUrl(SANDBOX.slackTeamUrl, channel.id);
}

function addTicket(
  notion: NotionFake,
  statusIds: Map<string, string>,
  ticket: {
    id: string;
    title: string;
    description: string;
    status: StatusName;
    createdMs: number;
    editedMs: number;
    conversationIds?: string[];
  },
) {
  const values: Record<string, StoredValue> = {
    Title: plainTextItems(ticket.title),
    Description: plainTextItems(ticket.description),
    Status: statusIds.get(ticket.status) ?? null,
  };
  if (ticket.conversationIds && ticket.conversationIds.length > 0) {
    const urls = ticket.conversationIds.map((id) => conversationUrl(SANDBOX.intercomAppId, id));
    values['Intercom Conversations'] = plainTextItems(urls.join('\n'));
  }
  // Done tickets were announced when they were closed, so nothing is pending at start-up.
  if (ticket.status === 'Done') {
    values['Resolution Notified'] = { start: new Date(ticket.editedMs).toISOString(), end: null, time_zone: null };
  }
  return notion.addRow(SANDBOX.notionDataSourceId, { id: ticket.id, createdMs: ticket.createdMs, editedMs: ticket.editedMs, values });
}

function seedInbox(intercom: IntercomFake, nowMs: number): void {
  const admins = new Map(DEMO_ADMINS.map((a) => [a.id, a]));
  for (const conversation of DEMO_CONVERSATIONS) {
    const start = Math.floor((nowMs - conversation.hoursAgo * HOUR) / 1000);
    const customer = { type: 'user' as const, ...conversation.customer };
    const [opening, ...replies] = conversation.messages;
    const parts = replies.map((m) => {
      const admin = m.from === 'customer' ? null : admins.get(m.from);
      return {
        partType: m.from === 'customer' ? 'comment' : (m.type ?? 'comment'),
        body: m.html,
        createdAt: start + m.minutesAfterStart * 60,
        author: admin ? { type: 'admin' as const, id: admin.id, name: admin.name, email: admin.email } : customer,
        assignedTo: null,
      };
    });
    intercom.addConversation({
      id: conversation.id,
      title: conversation.title,
      createdAt: start,
      updatedAt: parts.at(-1)?.createdAt ?? start,
      state: conversation.state,
      snoozedUntil: null,
      adminAssigneeId: conversation.assigneeId,
      source: {
        id: `40${conversation.id.slice(-8)}`,
        type: conversation.title ? 'email' : 'conversation',
        body: opening?.html ?? '',
        author: customer,
      },
      parts,
    });
  }
}

function slug(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
