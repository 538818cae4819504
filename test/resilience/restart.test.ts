import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { startFakesServer } from '../../src/sandbox/fakes-server.js';
import type { World } from '../../src/sandbox/fakes/world.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { SLACK_USER } from '../../src/sandbox/seed/demo-people.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { CanvasClient, textOf } from '../support/canvas-client.js';
import { addConversation, eventually } from '../support/test-sandbox.js';
import { customerRepliedNotification } from '../support/threads.js';
import { signIntercomWebhook } from '../../src/http/webhook-signatures.js';

/**
 * Kill -9 in the middle of the work, start again: retrying (or the sweep) finishes it, and
 * nothing is done twice. The fakes live in this process, the app in a child process.
 */
describe('restarting in the middle of the work', () => {
  let fakes: Awaited<ReturnType<typeof startFakesServer>>;
  let world: World;
  let stateDir: string;
  const apps: AppProcess[] = [];

  beforeEach(async () => {
    fakes = await startFakesServer();
    world = fakes.world;
    stateDir = await mkdtemp(join(tmpdir(), 'restart-'));
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.kill();
    await fakes.close();
  });

  async function start(env: Record<string, string> = {}): Promise<AppProcess> {
    const app = await startAppProcess(fakes.url, { STATE_DIR: stateDir, NOTION_REQUESTS_PER_SECOND: '100', ...env });
    apps.push(app);
    world.webhooks.target = { url: `${app.url}/webhooks/notion`, verificationToken: SANDBOX.notionWebhookVerificationToken };
    world.deliveries.intercom.url = `${app.url}/webhooks/intercom`;
    world.deliveries.slackEvents.url = `${app.url}/webhooks/slack`;
    return app;
  }

  const createdFrom = (conversationId: string) =>
    world.tickets().filter((t) => String(t.properties['Intercom Conversations'] ?? '').split(/\s+/)[0]?.endsWith(`/conversation/${conversationId}`));

  it('finishes a create killed after the Notion page and before the Slack channel, without duplicates', async () => {
    const conversationId = CONVERSATION.webhookSecret;
    const first = await start({ HTTP_TIMEOUT_MS: '60000' });
    const canvas = new CanvasClient(first.url);
    const suggestion = await canvas.submit(conversationId, 'find_or_create', await canvas.initialize(conversationId));

    // Slack holds the channel creation open; the page is already in Notion when we pull the plug.
    world.faults.addRule({ service: 'slack', method: 'conversations.create', fault: 'timeout', times: 1 });
    const inFlight = canvas.submit(conversationId, 'create_ticket', suggestion, { ticket_title: 'Rotated webhook secret' }).catch(() => null);
    await eventually(() => createdFrom(conversationId).length === 1, 15_000);
    await first.kill('SIGKILL');
    await inFlight;
    world.faults.clear();

    const second = await start();
    const retried = await new CanvasClient(second.url).submit(conversationId, 'create_ticket', suggestion, { ticket_title: 'Rotated webhook secret' });
    const ticketId = /JMP-\d+/.exec(textOf(retried))?.[0];
    expect(ticketId).toBeDefined();
    expect(createdFrom(conversationId)).toHaveLength(1);
    const channels = world.slack.channels().filter((c) => c.name.startsWith(`${ticketId!.toLowerCase()}-`));
    expect(channels).toHaveLength(1);
    expect(channels[0]!.messages.filter((m) => m.metadata?.event_type === 'ticket_channel_opened')).toHaveLength(1);
    const notes = world.intercom.conversation(conversationId)!.parts.filter((p) => p.partType === 'note' && p.body?.includes(ticketId!));
    expect(notes).toHaveLength(1);
  }, 90_000);

  it('finishes a Done announcement killed half-way, each conversation told once', async () => {
    // More conversations than the app tells at once, so the kill lands between two waves.
    const linked = Array.from({ length: 20 }, (_, i) => addConversation(world, String(880_000_000_000 + i), 'Webhook signatures fail'));
    const first = await start();
    const api = (path: string, body: unknown, app: AppProcess) =>
      fetch(app.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SANDBOX.apiToken}` },
        body: JSON.stringify(body),
      });
    const created = (await (await api('/create-ticket', { intercom_conversation_id: CONVERSATION.webhookSecret }, first)).json()) as {
      notion_ticket_id: string;
    };
    const ticketId = created.notion_ticket_id;
    const pageId = world.ticket(ticketId)!.page_id;
    const canvas = new CanvasClient(first.url);
    for (const id of linked) await canvas.submit(id, `link:${pageId}`, null);
    const everyone = [CONVERSATION.webhookSecret, ...linked];
    const replies = (id: string) =>
      world.intercom.conversation(id)!.parts.filter((p) => p.partType === 'comment' && p.author.id === SANDBOX.adminId && p.body?.includes(ticketId)).length;

    // Slow replies, so the kill lands while some conversations have been told and some not.
    world.faults.set({ intercom: { latencyMs: 400 } });
    world.setStatus(ticketId, 'Done');
    await eventually(() => everyone.some((id) => replies(id) === 1), 15_000);
    await first.kill('SIGKILL');
    expect(everyone.filter((id) => replies(id) === 1).length).toBeLessThan(everyone.length);
    world.faults.set({ intercom: { latencyMs: 0 } });

    // No new event: the sweep of the restarted app finishes the round from its journal.
    await start({ SWEEP_INTERVAL_MINUTES: '0.02' });
    await eventually(() => world.ticket(ticketId)!.properties['Resolution Notified'], 30_000);
    for (const id of everyone) expect(replies(id), `conversation ${id}`).toBe(1);
    const channel = world.slack.channels().find((c) => c.name.startsWith(`${ticketId.toLowerCase()}-`))!;
    expect(channel.messages.filter((m) => m.metadata?.event_type === 'ticket_resolved')).toHaveLength(1);
  }, 90_000);

  it('stops gracefully on SIGTERM, finishing the work in flight', async () => {
    const app = await start();
    const canvas = new CanvasClient(app.url);
    world.faults.set({ notion: { latencyMs: 500 } });
    const pending = canvas.initialize(CONVERSATION.csvExport).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 100));
    const code = await app.kill('SIGTERM');
    expect(code).toBe(0);
    expect(await pending).toBe('answered');
  }, 60_000);

  const customerWrites = (body: string) => world.intercom.write(CONVERSATION.webhookSecret, { author: 'customer', body: `<p>${body}</p>` });
  const thread = (rootTs: string, channelId: string) => world.slack.channel(channelId)!.messages.filter((m) => m.threadTs === rootTs);
  const notes = (text: string) => world.intercom.conversation(CONVERSATION.webhookSecret)!.parts.filter((p) => p.partType === 'note' && p.body?.includes(text));
  /** Creates the conversation's ticket through `app`: its channel, and the thread root announcing the conversation. */
  async function ticketWithThread(app: AppProcess) {
    const created = await fetch(`${app.url}/create-ticket`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SANDBOX.apiToken}` },
      body: JSON.stringify({ intercom_conversation_id: CONVERSATION.webhookSecret }),
    });
    const { slack_channel: channelName } = (await created.json()) as { slack_channel: string };
    const channel = world.slack.channel(channelName)!;
    const root = channel.messages.find((m) => !m.threadTs && m.metadata?.event_payload.conversation_id === CONVERSATION.webhookSecret);
    expect(root).toBeDefined();
    return { channel, root: root! };
  }

  it("syncs a conversation's Slack thread across a kill -9: each message once, both ways", async () => {
    const first = await start();
    const { channel, root } = await ticketWithThread(first);

    customerWrites('before the restart');
    world.slack.post(channel.id, { user: SLACK_USER.priya, text: 'answered before the restart', threadTs: root.ts });
    await eventually(() => thread(root.ts, channel.id).some((m) => m.text.includes('before the restart') && m.user === world.slack.botUserId), 15_000);
    await eventually(() => notes('answered before the restart').length === 1, 15_000);
    await world.deliveries.idle();
    await first.kill('SIGKILL');

    await start();
    customerWrites('after the restart');
    world.slack.post(channel.id, { user: SLACK_USER.sam, text: 'answered after the restart', threadTs: root.ts });
    await eventually(() => thread(root.ts, channel.id).some((m) => m.text.includes('after the restart') && m.user === world.slack.botUserId), 15_000);
    await eventually(() => notes('answered after the restart').length === 1, 15_000);
    await world.deliveries.idle();
    // Give a wrongly repeated send time to land before counting.
    await new Promise((r) => setTimeout(r, 1_500));

    const mirrored = thread(root.ts, channel.id).filter((m) => m.user === world.slack.botUserId).map((m) => m.text.slice(m.text.indexOf('\n') + 1));
    expect(mirrored).toEqual(['before the restart', 'after the restart']);
    expect(notes('answered before the restart')).toHaveLength(1);
    expect(notes('answered after the restart')).toHaveLength(1);
  }, 90_000);

  it('keeps the thread ledger in PGlite: work pending at a kill -9 is done after the restart, once, and replays change nothing', async () => {
    const first = await start();
    const { channel, root } = await ticketWithThread(first);
    const mirrors = (text: string) => thread(root.ts, channel.id).filter((m) => m.user === world.slack.botUserId && m.text.includes(text));
    customerWrites('synced before the kill');
    await eventually(() => mirrors('synced before the kill').length === 1, 15_000);
    await world.deliveries.idle();

    // Slack refuses every post: the webhook is answered (its work recorded), the mirror cannot be sent.
    world.faults.addRule({ service: 'slack', method: 'chat.postMessage', fault: 'http503', times: 1_000_000 });
    customerWrites('pending at the kill');
    await world.deliveries.idle();
    expect(world.deliveries.intercom.attempts.at(-1)?.status).toBe(200);
    await first.kill('SIGKILL');
    world.faults.clear();
    expect(mirrors('pending at the kill')).toEqual([]);

    // No new webhook: only the ledger in STATE_DIR knows this conversation still has work.
    const second = await start();
    await eventually(() => mirrors('pending at the kill').length === 1, 20_000);
    const notification = customerRepliedNotification('notif_after_restart', CONVERSATION.webhookSecret);
    const signature = { 'x-hub-signature': signIntercomWebhook(notification, SANDBOX.intercomClientSecret) };
    const answers = [];
    for (let i = 0; i < 10; i += 1) answers.push(await postJson(`${second.url}/webhooks/intercom`, notification, signature));
    expect(answers.map((a) => a.status)).toEqual(['accepted', ...Array.from({ length: 9 }, () => 'duplicate')]);
    // The accepted one runs a pass over every part, each already recorded as sent: give a wrongly repeated send time to land.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(mirrors('synced before the kill')).toHaveLength(1);
    expect(mirrors('pending at the kill')).toHaveLength(1);
  }, 90_000);
});

async function postJson(url: string, body: string, headers: Record<string, string>): Promise<{ status: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  expect(response.status).toBe(200);
  return (await response.json()) as { status: string };
}
