import { SANDBOX } from '../constants.js';
import { htmlToText } from './intercom/html-to-text.js';
import type { TicketSnapshot } from './notion/notion-page.js';
import type { WebhookDelivery, NotionWebhooks } from './notion/notion-webhooks.js';
import type { World } from './world.js';

/** GET /sandbox/api/state: everything an inbox simulator page needs to draw, as plain JSON. */

export interface SandboxState {
  notion: {
    database_id: string;
    data_source_id: string;
    ticket_count: number;
    status_options: string[];
    /** Property name -> id as Notion reports it (what webhooks list in updated_properties). */
    property_ids: Record<string, string>;
    /** Most recently edited first, at most the number asked for. */
    tickets: TicketSnapshot[];
  };
  slack: {
    team_url: string;
    bot_user_id: string;
    scopes: string[];
    users: Array<{ id: string; name: string; real_name: string; email: string | null; deleted: boolean; is_bot: boolean }>;
    channels: Array<{
      id: string;
      name: string;
      topic: string;
      is_archived: boolean;
      members: string[];
      bookmarks: Array<{ title: string; link: string }>;
      messages: Array<{ ts: string; user: string; text: string; subtype?: string; metadata?: unknown; thread_ts?: string; edited?: boolean }>;
    }>;
    /** Modals the app opened (the `Send to customer` confirmation), newest last. */
    views: Array<{ id: string; user: string; view: Record<string, unknown> }>;
  };
  intercom: {
    app_id: string;
    admin_id: string;
    admins: Array<{ id: string; name: string; email: string }>;
    conversations: Array<{
      id: string;
      title: string | null;
      state: string;
      assignee_id: string | null;
      created_at: number;
      updated_at: number;
      customer: { name: string; email: string | null };
      /** The customer's opening message first, then every part. */
      messages: Array<{
        id: string;
        part_type: string;
        author: { type: string; id: string; name: string };
        html: string | null;
        text: string | null;
        created_at: number;
      }>;
    }>;
  };
  webhooks: { target_url: string | null; delivery: WebhookDelivery; recent_attempts: NotionWebhooks['attempts'] };
}

export function sandboxState(world: World, ticketLimit: number): SandboxState {
  const ds = world.notion.dataSource(SANDBOX.notionDataSourceId);
  const rows = world.notion.rows(SANDBOX.notionDataSourceId);
  const recent = [...rows].sort((a, b) => b.editedMs - a.editedMs).slice(0, ticketLimit);
  const status = ds?.properties.find((p) => p.type === 'status');
  return {
    notion: {
      database_id: SANDBOX.notionDatabaseId,
      data_source_id: SANDBOX.notionDataSourceId,
      ticket_count: rows.filter((p) => !p.inTrash).length,
      status_options: status?.options.map((o) => o.name) ?? [],
      property_ids: Object.fromEntries((ds?.properties ?? []).map((p) => [p.name, p.id])),
      tickets: recent.map((p) => world.notion.snapshot(p)),
    },
    slack: {
      team_url: SANDBOX.slackTeamUrl,
      bot_user_id: world.slack.botUserId,
      scopes: [...world.slack.scopes],
      users: world.slack.users().map((u) => ({
        id: u.id,
        name: u.name,
        real_name: u.realName,
        email: u.email,
        deleted: u.deleted,
        is_bot: u.isBot,
      })),
      channels: world.slack.channels().map((c) => ({
        id: c.id,
        name: c.name,
        topic: c.topic.value,
        is_archived: c.isArchived,
        members: [...c.members],
        bookmarks: c.bookmarks.map((b) => ({ title: b.title, link: b.link })),
        messages: c.messages.map((m) => ({
          ts: m.ts,
          user: m.user,
          text: m.text,
          ...(m.subtype ? { subtype: m.subtype } : {}),
          ...(m.metadata ? { metadata: m.metadata } : {}),
          ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
          ...(m.editedTs ? { edited: true } : {}),
        })),
      })),
      views: world.slack.views.map((v) => ({ id: v.id, user: v.user, view: v.view })),
    },
    intercom: {
      app_id: SANDBOX.intercomAppId,
      admin_id: SANDBOX.adminId,
      admins: world.intercom.admins().map((a) => ({ id: a.id, name: a.name, email: a.email })),
      conversations: world.intercom.conversations().map((c) => ({
        id: c.id,
        title: c.title,
        state: c.state,
        assignee_id: c.adminAssigneeId,
        created_at: c.createdAt,
        updated_at: c.updatedAt,
        customer: { name: c.source.author.name, email: c.source.author.email },
        messages: [
          { id: c.source.id, part_type: 'source', author: c.source.author, html: c.source.body, created_at: c.createdAt },
          ...c.parts.map((p) => ({ id: p.id, part_type: p.partType, author: p.author, html: p.body, created_at: p.createdAt })),
        ].map((m) => ({
          id: m.id,
          part_type: m.part_type,
          author: { type: m.author.type, id: m.author.id, name: m.author.name },
          html: m.html,
          text: m.html === null ? null : htmlToText(m.html),
          created_at: m.created_at,
        })),
      })),
    },
    webhooks: {
      target_url: world.webhooks.target?.url ?? null,
      delivery: world.webhooks.delivery,
      recent_attempts: world.webhooks.attempts.slice(-50),
    },
  };
}
