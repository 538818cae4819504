import { signIntercomWebhook, slackSignatureHeaders } from '../../http/webhook-signatures.js';
import { SANDBOX } from '../constants.js';
import { newUuid } from './ids.js';
import type { ConversationState, IntercomFake, PartState } from './intercom/intercom-store.js';
import { SignedDeliveries } from './signed-deliveries.js';
import type { ChannelState, OpenViewState, SlackFake } from './slack/slack-store.js';

/**
 * What Intercom and Slack send the app on their own: Intercom webhooks when someone writes in a
 * conversation, Slack Events when someone writes in a channel, and Slack interactions when someone
 * uses the `Send to customer` shortcut or submits its modal. Each is signed with the sandbox's
 * (public) secrets exactly as the real service signs it.
 */

export interface AppUrls {
  /** The app's origin, e.g. http://127.0.0.1:3000: the webhook paths are added to it. */
  baseUrl: string;
}

const ADMIN_TOPICS: Record<string, string> = {
  comment: 'conversation.admin.replied',
  note: 'conversation.admin.noted',
  close: 'conversation.admin.closed',
};

export class AppDeliveries {
  readonly intercom: SignedDeliveries;
  readonly slackEvents: SignedDeliveries;
  readonly slackInteractions: SignedDeliveries;
  #nextEvent = 1;

  constructor(
    app: AppUrls | null,
    private readonly fakes: { intercom: IntercomFake; slack: SlackFake },
    private readonly nowMs: () => number,
  ) {
    const base = app?.baseUrl.replace(/\/+$/, '') ?? null;
    this.intercom = new SignedDeliveries(base && `${base}/webhooks/intercom`, (body) => ({
      'x-hub-signature': signIntercomWebhook(body, SANDBOX.intercomClientSecret),
      'user-agent': 'intercom-parker',
    }));
    // Copies after the first arrive as Slack's retries do, with their retry headers.
    this.slackEvents = new SignedDeliveries(base && `${base}/webhooks/slack`, (body, copy, attempt) => ({
      ...slackSignatureHeaders(body, SANDBOX.slackSigningSecret, this.nowMs()),
      ...(copy + attempt > 2 ? { 'x-slack-retry-num': String(copy + attempt - 2), 'x-slack-retry-reason': 'http_timeout' } : {}),
    }));
    this.slackInteractions = new SignedDeliveries(
      base && `${base}/webhooks/slack/interactions`,
      (body) => slackSignatureHeaders(body, SANDBOX.slackSigningSecret, this.nowMs()),
      'application/x-www-form-urlencoded',
    );
    fakes.intercom.onPart = (conversation, part) => this.#intercomPart(conversation, part);
    fakes.slack.onEvent = (channel, event) => this.#slackEvent(channel, event);
  }

  reset(): void {
    this.intercom.reset();
    this.slackEvents.reset();
    this.slackInteractions.reset();
  }

  dispose(): void {
    this.intercom.dispose();
    this.slackEvents.dispose();
    this.slackInteractions.dispose();
  }

  /** Everything sent so far has been answered (retries included). */
  async idle(): Promise<void> {
    await Promise.all([this.intercom.idle(), this.slackEvents.idle(), this.slackInteractions.idle()]);
  }

  /** `user` uses the shortcut on a message: the app answers, and may open a modal. */
  async shortcut(channelId: string, messageTs: string, user: string): Promise<{ status: number; view: OpenViewState | null }> {
    const channel = this.fakes.slack.channel(channelId);
    const message = channel?.messages.find((m) => m.ts === messageTs);
    if (!channel || !message) return { status: 404, view: null };
    const before = new Set(this.fakes.slack.views.map((v) => v.id));
    const payload = {
      type: 'message_action',
      callback_id: 'send_to_customer',
      trigger_id: this.fakes.slack.issueTrigger(user),
      action_ts: (this.nowMs() / 1000).toFixed(6),
      message_ts: message.ts,
      response_url: 'https://hooks.slack.com/app/sandbox',
      token: 'sandbox-verification-token',
      team: { id: SANDBOX.slackTeamId, domain: 'sandbox' },
      user: { id: user, name: user, team_id: SANDBOX.slackTeamId },
      channel: { id: channel.id, name: channel.name },
      message: {
        type: 'message',
        ts: message.ts,
        text: message.text,
        user: message.user,
        ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
        ...(message.botId ? { bot_id: message.botId } : {}),
      },
    };
    const answer = await this.slackInteractions.request(payload.trigger_id, 'message_action', form(payload));
    return { status: answer.status, view: this.fakes.slack.views.find((v) => !before.has(v.id)) ?? null };
  }

  /** The person presses the modal's submit button; an empty 200 closes it, as in Slack. */
  async submitView(viewId: string): Promise<{ status: number; closed: boolean }> {
    const open = this.fakes.slack.views.find((v) => v.id === viewId);
    if (!open) return { status: 404, closed: false };
    const payload = {
      type: 'view_submission',
      team: { id: SANDBOX.slackTeamId, domain: 'sandbox' },
      user: { id: open.user, name: open.user, team_id: SANDBOX.slackTeamId },
      api_app_id: 'A0SBXAPP01',
      token: 'sandbox-verification-token',
      trigger_id: this.fakes.slack.issueTrigger(open.user),
      view: { id: open.id, state: { values: {} }, hash: `${open.id}.hash`, ...open.view },
    };
    const answer = await this.slackInteractions.request(open.id, 'view_submission', form(payload));
    const closed = answer.status === 200 && answer.body.trim() === '';
    if (closed) this.fakes.slack.closeView(viewId);
    return { status: answer.status, closed };
  }

  #intercomPart(conversation: ConversationState, part: PartState): void {
    const topic = part.author.type === 'user' ? 'conversation.user.replied' : part.author.type === 'admin' ? ADMIN_TOPICS[part.partType] : undefined;
    if (!topic) return;
    const now = Math.floor(this.nowMs() / 1000);
    const item = this.fakes.intercom.render(conversation, false) as { conversation_parts: { conversation_parts: Array<{ id: string }> } };
    // A notification carries the parts that are new, not the whole history.
    item.conversation_parts.conversation_parts = item.conversation_parts.conversation_parts.filter((p) => p.id === part.id);
    const id = `notif_${newUuid()}`;
    const body = JSON.stringify({
      type: 'notification_event',
      app_id: SANDBOX.intercomAppId,
      data: { type: 'notification_event_data', item },
      links: {},
      id,
      topic,
      delivery_status: 'pending',
      delivery_attempts: 1,
      delivered_at: 0,
      first_sent_at: now,
      created_at: now,
      self: null,
    });
    this.intercom.send(id, topic, body);
  }

  #slackEvent(_channel: ChannelState, event: Record<string, unknown>): void {
    const eventId = `Ev0SBX${String(this.#nextEvent++).padStart(8, '0')}`;
    const body = JSON.stringify({
      token: 'sandbox-verification-token',
      team_id: SANDBOX.slackTeamId,
      api_app_id: 'A0SBXAPP01',
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(this.nowMs() / 1000),
      authorizations: [{ team_id: SANDBOX.slackTeamId, user_id: SANDBOX.slackBotUserId, is_bot: true }],
      is_ext_shared_channel: false,
    });
    this.slackEvents.send(eventId, String(event.subtype ?? event.type), body);
  }
}

function form(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
