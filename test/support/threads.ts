import { expect } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import type { ChannelState, SlackMessageState } from '../../src/sandbox/fakes/slack/slack-store.js';
import { eventually, type TestSandbox } from './test-sandbox.js';

/** Helpers for the thread sync tests: where a conversation's thread is, and waiting for quiet. */

/** The ticket's channel (by ticket id) in the fake Slack. */
export function channelOf(sandbox: TestSandbox, ticketId: string): ChannelState {
  const ticket = sandbox.world.ticket(ticketId)!;
  const channel = sandbox.world.slack.channels().find((c) => String(ticket.properties['Slack Channel']).includes(c.id));
  expect(channel, `${ticketId} has a channel`).toBeDefined();
  return channel!;
}

/** The root of a conversation's thread: the app's message announcing it in the channel. */
export function rootOf(channel: ChannelState, conversationId: string): SlackMessageState {
  const root = channel.messages.find((m) => !m.threadTs && m.metadata?.event_payload.conversation_id === conversationId);
  expect(root, `a thread root for ${conversationId} in #${channel.name}`).toBeDefined();
  return root!;
}

export function repliesUnder(channel: ChannelState, rootTs: string): SlackMessageState[] {
  return channel.messages.filter((m) => m.threadTs === rootTs);
}

export function partsOf(sandbox: TestSandbox, conversationId: string, partType: string) {
  return sandbox.world.intercom.conversation(conversationId)!.parts.filter((p) => p.partType === partType);
}

/** POST to the sandbox's control API (people writing). */
export async function sandboxPost(sandbox: TestSandbox, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${sandbox.url}/sandbox/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  expect(response.status, JSON.stringify(json)).toBe(200);
  return json;
}

/** Waits until every delivery was answered and the thread sync has nothing left to do. */
export async function settled(sandbox: TestSandbox, timeoutMs = 10_000): Promise<void> {
  await eventually(async () => {
    await sandbox.world.deliveries.idle();
    const pending = await sandbox.runtime.flows.threadStore.pendingWork();
    return pending.length === 0 && sandbox.runtime.flows.background.size === 0;
  }, timeoutMs);
}

export const BOT = SANDBOX.slackBotUserId;

/** POSTs a signed webhook to the app and reads its JSON answer (`status`: accepted, duplicate, ignored). */
export async function webhook(sandbox: TestSandbox, path: string, body: string, headers: Record<string, string>): Promise<{ status: string; retry?: string | null }> {
  const response = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  expect(response.status).toBe(200);
  return (await response.json()) as { status: string; retry?: string | null };
}

/** The body of an Intercom `conversation.user.replied` notification, as Intercom sends it. */
export function customerRepliedNotification(id: string, conversationId: string): string {
  return JSON.stringify({ type: 'notification_event', id, topic: 'conversation.user.replied', data: { item: { type: 'conversation', id: conversationId } } });
}

/** The body of a Slack Events API callback for a person's message in a thread. */
export function threadReplyEvent(eventId: string, message: { channel: string; user: string; text: string; ts: string; thread_ts: string }): string {
  return JSON.stringify({ type: 'event_callback', event_id: eventId, event: { type: 'message', ...message } });
}
