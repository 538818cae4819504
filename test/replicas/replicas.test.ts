import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signBody } from '../../src/http/signatures.js';
import { CONFIRM_SEND_CALLBACK } from '../../src/domain/threads/send-to-customer-views.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { SLACK_USER } from '../../src/sandbox/seed/demo-people.js';
import type { OperationRecord } from '../../src/observability/activity.js';
import { CanvasClient, textOf } from '../support/canvas-client.js';
import { threadReplyEvent } from '../support/threads.js';
import { eventually } from '../support/test-sandbox.js';
import { type Channel, type Conversation, type FakesProcess, startFakesProcess, type Ticket } from './fakes-process.js';
import {
  type Answer,
  apiHeaders,
  createTicket,
  deliverCustomerReplied,
  deliverNotionEvent,
  deliverSlackEvent,
  deliverSlackInteraction,
  post,
  quietPeriod,
  type Replica,
  startReplica,
} from './replica-set.js';
import { freshSchema } from '../support/pg-schema.js';

/**
 * Two replicas of the app, real processes on loopback, on one PostgreSQL and one set of fakes
 * (issues 13 and 14): whatever reaches both, and whichever of them dies, each ticket, channel and
 * message exists once. Included only when TEST_DATABASE_URL names a server (vitest.config.ts).
 */

let fakes: FakesProcess;
let database: Awaited<ReturnType<typeof freshSchema>>;
const replicas: Replica[] = [];

beforeAll(async () => {
  fakes = await startFakesProcess();
});
afterAll(async () => {
  await fakes?.close();
});
beforeEach(async () => {
  await fakes.reset();
  database = await freshSchema(process.env.TEST_DATABASE_URL!, 'replicas');
});
afterEach(async () => {
  await Promise.all(replicas.splice(0).map((r) => r.kill('SIGKILL')));
  await database.drop();
});

async function start(name: string, env: Record<string, string> = {}): Promise<Replica> {
  const replica = await startReplica(name, fakes.url, database.url, env);
  replicas.push(replica);
  return replica;
}

/** Replicas A and B, started together. */
const startBoth = (env: Record<string, string> = {}) => Promise.all([start('A', env), start('B', env)]);

const conversationUrlOf = (id: string) => `/conversation/${id}`;
/** Tickets whose first linked conversation is `conversationId`: those a Create from it made. */
const ticketsFrom = (state: { notion: { tickets: Ticket[] } }, conversationId: string) =>
  state.notion.tickets.filter((t) => String(t.properties['Intercom Conversations'] ?? '').split(/\s+/)[0]?.endsWith(conversationUrlOf(conversationId)));
const channelsOf = (state: { slack: { channels: Channel[] } }, ticketId: string) =>
  state.slack.channels.filter((c) => c.name.startsWith(`${ticketId.toLowerCase()}-`));
const conversation = (state: { intercom: { conversations: Conversation[] } }, id: string) => state.intercom.conversations.find((c) => c.id === id)!;
/** What the app (the configured admin) wrote in a conversation, of one part type, naming `text`. */
const appParts = (c: Conversation, partType: string, text: string) =>
  c.messages.filter((m) => m.part_type === partType && m.author.id === SANDBOX.adminId && (m.html ?? '').includes(text));
const resolvedMessages = (channel: Channel) =>
  channel.messages.filter((m) => (m.metadata as { event_type?: string } | undefined)?.event_type === 'ticket_resolved');

/** A ticket made from a new conversation through `replica`, and `more` conversations linked to it through both replicas in turn. */
async function ticketWithConversations(replicas: Replica[], more: number) {
  const origin = await fakes.addConversation('Exports to CSV stop at 10,000 rows since the last update');
  const created = await createTicket(replicas[0]!, origin);
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const ticketId = created.body.notion_ticket_id as string;
  const state = await fakes.state();
  const ticket = state.notion.tickets.find((t) => t.ticket_id === ticketId)!;
  const linked: string[] = [];
  for (let i = 0; i < more; i += 1) {
    const id = await fakes.addConversation(`Same here, customer ${i}: the export is cut off`);
    await new CanvasClient(replicas[i % replicas.length]!.url).submit(id, `link:${ticket.page_id}`, null);
    linked.push(id);
  }
  return { ticketId, pageId: ticket.page_id, everyone: [origin, ...linked] };
}

/** Replies the app wrote in each conversation naming the ticket (the Done message), by conversation. */
async function doneRepliesBy(everyone: string[], ticketId: string): Promise<Record<string, number>> {
  const state = await fakes.state();
  return Object.fromEntries(everyone.map((id) => [id, appParts(conversation(state, id), 'comment', ticketId).length]));
}

async function resolutionNotified(pageId: string): Promise<boolean> {
  const state = await fakes.state();
  return Boolean(state.notion.tickets.find((t) => t.page_id === pageId)?.properties['Resolution Notified']);
}

describe('two replicas on one PostgreSQL', () => {
  it('makes one ticket, one channel and one note from 20 simultaneous Creates of one conversation spread over both', async () => {
    const [a, b] = await startBoth();
    const conversationId = await fakes.addConversation('The mobile app logs me out every time I switch networks');

    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => createTicket(i % 2 === 0 ? a : b, conversationId)));

    expect(answers.map((r) => r.status), JSON.stringify(answers.filter((r) => r.status !== 200).map((r) => r.body))).toEqual(answers.map(() => 200));
    const ticketIds = new Set(answers.map((r) => r.body.notion_ticket_id));
    expect([...ticketIds]).toHaveLength(1);
    const ticketId = [...ticketIds][0] as string;
    const state = await fakes.state();
    expect(ticketsFrom(state, conversationId).map((t) => t.ticket_id)).toEqual([ticketId]);
    expect(state.notion.tickets.filter((t) => t.properties['Intercom Conversations'])).toHaveLength(1);
    expect(channelsOf(state, ticketId)).toHaveLength(1);
    expect(state.slack.channels.filter((c) => /^[a-z]+-\d+-/.test(c.name))).toHaveLength(1);
    expect(appParts(conversation(state, conversationId), 'note', ticketId)).toHaveLength(1);
  }, 60_000);

  it('links 24 conversations at once, 12 through each replica, to one ticket: every link lands, each once', async () => {
    const [a, b] = await startBoth();
    const { ticketId, pageId } = await ticketWithConversations([a], 0);
    const newcomers = await Promise.all(Array.from({ length: 24 }, (_, i) => fakes.addConversation(`Customer ${i} here: the CSV export stops early`)));

    // More links at once per replica than it has connections for conversations' locks (10).
    const canvases = await Promise.all(newcomers.map((id, i) => new CanvasClient((i % 2 === 0 ? a : b).url).submit(id, `link:${pageId}`, null)));

    for (const canvas of canvases) expect(textOf(canvas)).toContain(`Linked to [${ticketId}]`);
    const state = await fakes.state();
    const listed = String(state.notion.tickets.find((t) => t.page_id === pageId)!.properties['Intercom Conversations']);
    for (const id of newcomers) expect(listed.split(/\s+/).filter((url) => url.endsWith(conversationUrlOf(id)))).toHaveLength(1);
    for (const id of newcomers) expect(appParts(conversation(state, id), 'note', ticketId)).toHaveLength(1);
  }, 60_000);

  it('announces a Done delivered to both replicas five times each once: one Slack message, one reply per conversation', async () => {
    const [a, b] = await startBoth();
    const { ticketId, pageId, everyone } = await ticketWithConversations([a, b], 3);
    const event = await fakes.setStatus(pageId, 'Done');

    // With it, the database automation's POST /ticket-done reaches each replica too.
    const [deliveries, closes] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, (_, i) => deliverNotionEvent(i % 2 === 0 ? a : b, event))),
      Promise.all([a, b].map((r) => post(`${r.url}/ticket-done`, JSON.stringify({ notion_ticket_id: ticketId }), apiHeaders))),
    ]);

    expect(deliveries.map((d) => d.status)).toEqual(deliveries.map(() => 200));
    expect(deliveries.filter((d) => d.body.status === 'accepted')).toHaveLength(1);
    expect(closes.map((c) => c.status), JSON.stringify(closes.map((c) => c.body))).toEqual([200, 200]);
    await eventually(() => resolutionNotified(pageId), 20_000);
    await quietPeriod();
    const state = await fakes.state();
    const [channel] = channelsOf(state, ticketId);
    expect(resolvedMessages(channel!)).toHaveLength(1);
    expect(await doneRepliesBy(everyone, ticketId)).toEqual(Object.fromEntries(everyone.map((id) => [id, 1])));
  }, 60_000);

  it('finishes a Done whose announcing replica was killed half-way on the other replica, each conversation told once', async () => {
    // The survivor's sweep finishes the round; every 3 s, so both replicas sweep, as deployed.
    const [a, b] = await startBoth({ SWEEP_INTERVAL_MINUTES: '0.05' });
    // More conversations than a replica tells at once (8), so the kill lands between two waves.
    const { ticketId, pageId, everyone } = await ticketWithConversations([a, b], 20);
    await fakes.faults({ intercom: { latencyMs: 400 } });
    const event = await fakes.setStatus(pageId, 'Done');
    expect((await deliverNotionEvent(a, event)).body.status).toBe('accepted');

    await eventually(async () => Object.values(await doneRepliesBy(everyone, ticketId)).some((n) => n === 1), 20_000);
    // Usually A, which got the event; the other's sweep may have taken the ticket first.
    const announcer = await eventually(() => announcerOf([a, b], pageId), 10_000);
    const survivor = announcer === a ? b : a;
    await announcer.kill('SIGKILL');
    const toldAtKill = await doneRepliesBy(everyone, ticketId);
    expect(Object.values(toldAtKill).filter((n) => n > 0).length).toBeLessThan(everyone.length);
    await fakes.faults({ intercom: { latencyMs: 0 } });

    await eventually(() => resolutionNotified(pageId), 40_000);
    await quietPeriod();
    expect(survivor.child.exitCode).toBeNull();
    expect(await doneRepliesBy(everyone, ticketId)).toEqual(Object.fromEntries(everyone.map((id) => [id, 1])));
    const [channel] = channelsOf(await fakes.state(), ticketId);
    expect(resolvedMessages(channel!)).toHaveLength(1);
  }, 90_000);

  it('loses no request in a rolling restart: B starts, A stops on SIGTERM while a client keeps sending', async () => {
    // A fails /readyz for 2 s on SIGTERM while still serving, so the balancer's health check takes it out first.
    const a = await start('A', { SHUTDOWN_DRAIN_SECONDS: '2' });
    const conversations = await Promise.all(Array.from({ length: 30 }, (_, i) => fakes.addConversation(`Issue number ${i}: ${WORDS[i % WORDS.length]} is broken`)));
    const lb = new LoadBalancer([a]);
    const answered: Array<{ kind: 'create' | 'initialize'; conversationId: string; by: string; seq: number; answer: Answer }> = [];
    const lost: string[] = [];
    let sending = true;
    const send = async (kind: 'create' | 'initialize', conversationId: string) => {
      try {
        const result =
          kind === 'create'
            ? await lb.post('/create-ticket', JSON.stringify({ intercom_conversation_id: conversationId }), apiHeaders)
            : await lb.post('/canvas/initialize', ...canvasInitialize(conversationId));
        answered.push({ kind, conversationId, ...result });
      } catch (err) {
        lost.push(`${kind} ${conversationId}: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    // Creates of different conversations, one after the other, and panels opening beside them.
    const creates = (async () => {
      for (const id of conversations) if (sending) await send('create', id);
    })();
    const panels = (async () => {
      for (let i = 0; sending; i += 1) await send('initialize', conversations[i % conversations.length]!);
    })();
    const answeredBy = (name: string) => answered.filter((r) => r.by === name).length;

    await eventually(() => answeredBy('A') >= 4, 20_000);
    const b = await start('B');
    lb.members.push(b);
    await eventually(() => answeredBy('B') >= 2, 20_000);
    // SIGTERM while A is working on a request; the balancer keeps sending to A until its health check fails.
    const inFlightOnA = await eventually(() => (lb.inFlight('A').length > 0 ? lb.inFlight('A') : null), 20_000);
    expect(await a.kill('SIGTERM')).toBe(0);
    lb.members.splice(lb.members.indexOf(a), 1);
    const afterStop = answered.length;
    await eventually(() => answered.length >= afterStop + 4, 20_000);
    sending = false;
    await Promise.all([creates, panels]);
    lb.stop();

    expect(lost).toEqual([]);
    expect(answered.filter((r) => r.answer.status !== 200).map((r) => `${r.kind} ${r.conversationId} by ${r.by}: ${r.answer.status} ${JSON.stringify(r.answer.body)}`)).toEqual([]);
    expect(answeredBy('A')).toBeGreaterThan(0);
    // What A was working on when it was told to stop, it answered.
    expect(answered.filter((r) => inFlightOnA.includes(r.seq)).map((r) => `${r.by} ${r.answer.status}`)).toEqual(inFlightOnA.map(() => 'A 200'));
    expect(answeredBy('B')).toBeGreaterThan(0);
    // Every Create answered made its ticket, once.
    const state = await fakes.state();
    const created = answered.filter((r) => r.kind === 'create');
    expect(created.length).toBeGreaterThan(0);
    for (const { conversationId, answer } of created) {
      const from = state.notion.tickets.filter((t) => String(t.properties['Intercom Conversations'] ?? '').includes(conversationUrlOf(conversationId)));
      expect(from.map((t) => t.ticket_id), conversationId).toEqual([answer.body.notion_ticket_id]);
    }
  }, 90_000);

  /** A conversation with a ticket made through `replica`, and the app's messages in its Slack thread. */
  async function conversationWithThread(replica: Replica) {
    const conversationId = await fakes.addConversation('Two-factor codes arrive after they have expired');
    const created = await createTicket(replica, conversationId);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const ticketId = created.body.notion_ticket_id as string;
    const thread = async () => {
      const [channel] = channelsOf(await fakes.state(), ticketId);
      const root = channel!.messages.find((m) => !m.thread_ts && (m.metadata as { event_payload?: { conversation_id?: string } } | undefined)?.event_payload?.conversation_id === conversationId);
      expect(root, 'the thread root of the conversation').toBeDefined();
      return { channel: channel!, rootTs: root!.ts };
    };
    const mirrored = async () => {
      const { channel, rootTs } = await thread();
      return channel.messages.filter((m) => m.thread_ts === rootTs && m.user === SANDBOX.slackBotUserId);
    };
    return { conversationId, ticketId, thread, mirrored };
  }

  /** What the app wrote in the conversation of one part type naming `text`, as Intercom holds it. */
  const partsNaming = async (conversationId: string, partType: 'note' | 'comment', text: string) =>
    appParts(conversation(await fakes.state(), conversationId), partType, text).map((p) => p.html);

  it('mirrors a customer reply delivered to both replicas five times each into its Slack thread once (issue 14)', async () => {
    // Each replica refreshes its ticket index every second, and this test waits until B's knows the
    // ticket A made: whichever replica takes the notification knows where to mirror it.
    const [a, b] = await startBoth({ INDEX_REFRESH_SECONDS: '1' });
    const { conversationId, ticketId, mirrored } = await conversationWithThread(a);
    await eventually(async () => textOf(await new CanvasClient(b.url).initialize(conversationId)).includes(ticketId), 20_000);
    const before = (await mirrored()).length;

    await fakes.write(conversationId, 'customer', 'It happened again this morning at 9:14');
    const deliveries = await Promise.all(Array.from({ length: 10 }, (_, i) => deliverCustomerReplied(i % 2 === 0 ? a : b, 'notif_replicas_1', conversationId)));

    expect(deliveries.map((d) => d.status)).toEqual(deliveries.map(() => 200));
    await eventually(async () => (await mirrored()).some((m) => m.text.includes('It happened again this morning')), 20_000);
    await quietPeriod();
    const thread = await mirrored();
    expect(thread.filter((m) => m.text.includes('It happened again this morning'))).toHaveLength(1);
    expect(thread).toHaveLength(before + 1);
  }, 60_000);

  it('mirrors a customer reply notified to the replica that has not heard of the ticket yet (issue 14)', async () => {
    // No index refresh in this test: B learns of A's ticket only from the store or from Notion.
    const [a, b] = await startBoth();
    const { conversationId, mirrored } = await conversationWithThread(a);
    const before = (await mirrored()).length;

    await fakes.write(conversationId, 'customer', 'Any news? It is still happening');
    expect((await deliverCustomerReplied(b, 'notif_replicas_4', conversationId)).body.status).toBe('accepted');

    await eventually(async () => (await mirrored()).length > before, 15_000);
    await quietPeriod();
    expect((await mirrored()).slice(before).map((m) => m.text.slice(m.text.indexOf('\n') + 1))).toEqual(['Any news? It is still happening']);
  }, 60_000);

  it('mirrors two customer replies notified one to each replica at once, each once (issue 14)', async () => {
    const [a, b] = await startBoth();
    const { conversationId, mirrored } = await conversationWithThread(b);
    const before = (await mirrored()).length;

    // Two notifications, one per reply; each replica's pass reads every part not yet mirrored.
    await fakes.write(conversationId, 'customer', 'First: the code came 3 minutes late');
    await fakes.write(conversationId, 'customer', 'Second: and then it said expired');
    const deliveries = await Promise.all([deliverCustomerReplied(a, 'notif_replicas_2', conversationId), deliverCustomerReplied(b, 'notif_replicas_3', conversationId)]);

    expect(deliveries.map((d) => d.body.status)).toEqual(['accepted', 'accepted']);
    await eventually(async () => (await mirrored()).length >= before + 2, 20_000);
    await quietPeriod();
    const thread = (await mirrored()).slice(before).map((m) => m.text.slice(m.text.indexOf('\n') + 1));
    expect(thread).toEqual(['First: the code came 3 minutes late', 'Second: and then it said expired']);
  }, 60_000);

  it('writes a Slack thread reply delivered to both replicas five times each, Slack retries among them, as one note (issue 14)', async () => {
    const [a, b] = await startBoth();
    const { conversationId, thread } = await conversationWithThread(a);
    const { channel, rootTs } = await thread();
    const text = 'Found it: the SMS provider holds codes for 3 minutes at peak';
    const ts = await fakes.slackReply(channel.id, rootTs, SLACK_USER.priya, text);
    const event = threadReplyEvent('Ev0REPLICAS01', { channel: channel.id, user: SLACK_USER.priya, text, ts, thread_ts: rootTs });

    // Slack's first delivery and its retries (X-Slack-Retry-Num 1 to 3, then again), each reaching both replicas at once.
    const deliveries = await Promise.all(Array.from({ length: 10 }, (_, i) => deliverSlackEvent(i % 2 === 0 ? a : b, event, Math.floor(i / 2) % 4)));

    expect(deliveries.map((d) => d.status)).toEqual(deliveries.map(() => 200));
    // Deliveries that arrive together may each record the work (the id is remembered after it is,
    // so a failed record is retried): harmless, the note below is what must be one.
    const statuses = deliveries.map((d) => d.body.status);
    expect(statuses).toContain('accepted');
    expect(statuses.every((s) => s === 'accepted' || s === 'duplicate')).toBe(true);
    expect((await deliverSlackEvent(a, event, 4)).body.status).toBe('duplicate');
    await eventually(async () => (await partsNaming(conversationId, 'note', text)).length > 0, 20_000);
    await quietPeriod();
    expect(await partsNaming(conversationId, 'note', 'in Slack:')).toEqual([`<p><b>Priya Raman</b> in Slack: ${text}</p>`]);
  }, 60_000);

  it('writes two Slack thread replies, one event to each replica at once, then a third, as notes in the order of the thread, each once (issue 14)', async () => {
    const [a, b] = await startBoth();
    const { conversationId, thread } = await conversationWithThread(b);
    const { channel, rootTs } = await thread();
    const reply = async (eventId: string, user: string, text: string) => {
      const ts = await fakes.slackReply(channel.id, rootTs, user, text);
      return threadReplyEvent(eventId, { channel: channel.id, user, text, ts, thread_ts: rootTs });
    };
    const notes = () => partsNaming(conversationId, 'note', 'in Slack:');
    const first = await reply('Ev0REPLICAS02', SLACK_USER.priya, 'First: only numbers from Brazil get them late');
    const second = await reply('Ev0REPLICAS03', SLACK_USER.sam, 'Second: the provider confirms a backlog there');

    // One event per reply, one to each replica; each replica's pass reads the whole thread, so both
    // see both replies. Intercom answering slowly keeps the two passes' look-then-write windows open
    // side by side.
    await fakes.faults({ intercom: { latencyMs: 300 } });
    const deliveries = await Promise.all([deliverSlackEvent(a, first), deliverSlackEvent(b, second)]);
    expect(deliveries.map((d) => d.body.status)).toEqual(['accepted', 'accepted']);
    await eventually(async () => (await notes()).length >= 2, 20_000);

    // A third reply's pass reads the first two again: they were written, by either replica.
    const third = await reply('Ev0REPLICAS04', SLACK_USER.priya, 'Third: a workaround is to resend after a minute');
    expect((await deliverSlackEvent(a, third)).body.status).toBe('accepted');
    await eventually(async () => (await notes()).length >= 3, 20_000);
    await quietPeriod();
    expect(await notes()).toEqual([
      '<p><b>Priya Raman</b> in Slack: First: only numbers from Brazil get them late</p>',
      '<p><b>Sam Oduya</b> in Slack: Second: the provider confirms a backlog there</p>',
      '<p><b>Priya Raman</b> in Slack: Third: a workaround is to resend after a minute</p>',
    ]);
  }, 60_000);

  it('sends a `Send to customer` confirmed in three modals, each submission reaching both replicas, to the customer once (issue 14)', async () => {
    const [a, b] = await startBoth();
    const { conversationId, thread } = await conversationWithThread(a);
    const { channel, rootTs } = await thread();
    const text = 'The fix is live: codes now arrive within 10 seconds';
    const ts = await fakes.slackReply(channel.id, rootTs, SLACK_USER.priya, text);
    const submit = (viewId: string, user: string) =>
      Promise.all([a, b].map((replica) => deliverSlackInteraction(replica, confirmed(viewId, user, { channel: channel.id, ts, root: rootTs }))));
    const sent = () => partsNaming(conversationId, 'comment', text);

    // Two teammates confirm the same message in modals of their own at once; Intercom answering
    // slowly keeps the replicas' passes side by side.
    await fakes.faults({ intercom: { latencyMs: 300 } });
    const answers = (await Promise.all([submit('V0REPLICAS1', SLACK_USER.priya), submit('V0REPLICAS2', SLACK_USER.sam)])).flat();
    // An empty 200 closes each modal.
    expect(answers.map((r) => `${r.status} ${JSON.stringify(r.body)}`)).toEqual(answers.map(() => '200 {"text":""}'));
    await eventually(async () => (await sent()).length > 0, 20_000);
    // A third, from a modal left open, after the reply went out.
    await submit('V0REPLICAS3', SLACK_USER.dana);
    await quietPeriod();

    expect(await sent()).toEqual([`<p>${text}</p><p>— Priya Raman</p>`]);
    const { channel: after } = await thread();
    expect(after.messages.filter((m) => m.thread_ts === rootTs && m.text.startsWith(':outbox_tray: Sent to the customer'))).toHaveLength(1);
    // Sent, not noted: no event told the app of the reply itself.
    expect(await partsNaming(conversationId, 'note', text)).toEqual([]);
  }, 60_000);
});

/** A Slack `view_submission` of the `Send to customer` confirmation modal `viewId`, by `user`. */
function confirmed(viewId: string, user: string, confirmation: { channel: string; ts: string; root: string }) {
  return {
    type: 'view_submission',
    team: { id: SANDBOX.slackTeamId, domain: 'sandbox' },
    user: { id: user, name: user, team_id: SANDBOX.slackTeamId },
    api_app_id: 'A0SBXAPP01',
    trigger_id: `${viewId}.trigger`,
    view: { id: viewId, callback_id: CONFIRM_SEND_CALLBACK, private_metadata: JSON.stringify(confirmation), state: { values: {} }, hash: `${viewId}.hash` },
  };
}

const WORDS = ['search', 'billing', 'login', 'export', 'webhooks', 'invoices', 'sso', 'uploads', 'reports', 'notifications'];

/** A signed Canvas Kit initialize request for `conversationId`: body and headers. */
function canvasInitialize(conversationId: string): [string, Record<string, string>] {
  const body = JSON.stringify(new CanvasClient('').body(conversationId));
  return [body, { 'x-body-signature': signBody(body, SANDBOX.intercomClientSecret) }];
}

/**
 * What a load balancer does in front of the replicas: round robin over those whose health check
 * (GET /readyz, every 200 ms) last answered 200, and a request whose connection is refused goes to
 * the next one. A request that reached a replica is never sent twice: if that replica drops it, it
 * is lost.
 */
class LoadBalancer {
  #next = 0;
  #seq = 0;
  /** Requests whose connection a replica accepted and has not answered yet, by replica name. */
  readonly #inFlight = new Map<string, Set<number>>();
  readonly #failing = new Set<string>();
  readonly #checker: NodeJS.Timeout;
  constructor(readonly members: Replica[]) {
    this.#checker = setInterval(() => void this.#check(), 200);
  }

  stop(): void {
    clearInterval(this.#checker);
  }

  async #check(): Promise<void> {
    await Promise.all(
      this.members.map(async (member) => {
        const healthy = await fetch(`${member.url}/readyz`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
        if (healthy) this.#failing.delete(member.name);
        else this.#failing.add(member.name);
      }),
    );
  }

  #pick(): Replica {
    const healthy = this.members.filter((m) => !this.#failing.has(m.name));
    const from = healthy.length > 0 ? healthy : this.members;
    return from[this.#next++ % from.length]!;
  }

  inFlight(name: string): number[] {
    return [...(this.#inFlight.get(name) ?? [])];
  }

  async post(path: string, body: string, headers: Record<string, string>): Promise<{ by: string; seq: number; answer: Answer }> {
    const tried: string[] = [];
    for (let attempt = 0; attempt < 2 * this.members.length; attempt += 1) {
      const member = this.#pick();
      const seq = (this.#seq += 1);
      const pending = this.#inFlight.get(member.name) ?? new Set<number>();
      this.#inFlight.set(member.name, pending);
      try {
        return { by: member.name, seq, answer: await post(member.url + path, body, headers, () => pending.add(seq)) };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'ECONNREFUSED') throw new Error(`${member.name} dropped request ${seq} (${code ?? String(err)})`);
        tried.push(member.name);
      } finally {
        pending.delete(seq);
      }
    }
    throw new Error(`no replica accepted the connection (tried ${tried.join(', ')})`);
  }
}

/** The replica running the Done announcement of `pageId`: its operation is in progress and has called Intercom. */
async function announcerOf(candidates: Replica[], pageId: string): Promise<Replica | null> {
  for (const replica of candidates) {
    const response = await fetch(`${replica.url}/activity?kind=done&q=${pageId}`, { headers: { ...apiHeaders, accept: 'application/json' } });
    const { operations } = (await response.json()) as { operations: OperationRecord[] };
    if (operations.some((op) => op.outcome === 'running' && op.calls.some((c) => c.service === 'intercom'))) return replica;
  }
  return null;
}
