import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { doneMessageFor, intercomKey, normalize } from '../../src/flows/announce-resolution.js';
import { createTicket } from '../../src/flows/create-ticket.js';
import { finishSetup, missingSetup } from '../../src/flows/finish-setup.js';
import { linkTicket } from '../../src/flows/link-ticket.js';
import { silentLogger } from '../../src/observability/logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { startFakesServer } from '../../src/sandbox/fakes-server.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { SANDBOX } from '../../src/sandbox/constants.js';
import { sandboxEnv } from '../../src/sandbox/start-sandbox.js';
import { memoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { appRepliesAbout, eventually } from '../support/test-sandbox.js';

/**
 * Two app runtimes on one store, as two replicas on one PostgreSQL are: each has its own ticket
 * index and caches, and shares only what the store holds (the memory store's locks stand in for
 * the advisory locks, which test/postgres checks). No webhooks reach either, so neither index
 * hears of the other's tickets: only the store can stop a duplicate or a second message.
 */
describe('two replicas on one store', () => {
  let fakes: Awaited<ReturnType<typeof startFakesServer>>;
  let store: Store;
  let a: Runtime;
  let b: Runtime;
  /** Both replicas' clock runs this far ahead of the real one. */
  let aheadMs = 0;

  beforeEach(async () => {
    fakes = await startFakesServer({ webhookDelivery: { copies: 0 } });
    store = memoryStore();
    aheadMs = 0;
    [a, b] = [await replica(), await replica()];
  });
  afterEach(async () => {
    for (const runtime of [a, b]) await runtime.stop(2000);
    await fakes.close();
  });

  async function replica(): Promise<Runtime> {
    const env = { INDEX_REFRESH_SECONDS: '3600', SWEEP_INTERVAL_MINUTES: '1440', NOTION_REQUESTS_PER_SECOND: '100', DONE_SETTLE_SECONDS: '0' };
    const runtime = await createRuntime(loadConfig(sandboxEnv(fakes.url, 0, env)), { logger: silentLogger, store, now: () => new Date(Date.now() + aheadMs) });
    await runtime.start();
    await eventually(() => runtime.flows.index.complete);
    return runtime;
  }

  const create = (runtime: Runtime, conversationId: string) =>
    createTicket(runtime.flows, { conversationId, title: 'Exports time out', description: 'CSV exports time out after 30 s.', participantIds: [] });
  const pagesFrom = (conversationId: string) => fakes.world.tickets().filter((t) => String(t.properties['Intercom Conversations'] ?? '').includes(conversationId));

  it('a Create on the second replica finds the ticket the first made, and makes no second page, channel or note', async () => {
    const first = await create(a, CONVERSATION.csvExport);
    expect(b.flows.index.get(first.ticket.pageId)).toBeUndefined();

    const second = await create(b, CONVERSATION.csvExport);

    expect(second.ticket.pageId).toBe(first.ticket.pageId);
    expect(pagesFrom(CONVERSATION.csvExport)).toHaveLength(1);
    expect(fakes.world.slack.channels().filter((c) => c.name.startsWith(`${first.ticket.ticketId!.toLowerCase()}-`))).toHaveLength(1);
    const notes = fakes.world.intercom.conversation(CONVERSATION.csvExport)!.parts.filter((p) => p.partType === 'note' && p.body?.includes(first.ticket.ticketId!));
    expect(notes).toHaveLength(1);
  });

  it('links made on both replicas at once all stay on the ticket', async () => {
    const { ticket } = await create(a, CONVERSATION.csvExport);
    const others = [CONVERSATION.oktaLoop, CONVERSATION.doubleCharge, CONVERSATION.api429, CONVERSATION.iosCrash];
    // Slow Notion, so both replicas' read-modify-writes would overlap without the shared lock.
    fakes.world.faults.set({ notion: { latencyMs: 100 } });
    await Promise.all(others.map((id, i) => linkTicket(i % 2 ? a.flows : b.flows, { conversationId: id, pageId: ticket.pageId, participantIds: [] })));
    fakes.world.faults.set({ notion: { latencyMs: 0 } });

    const conversations = String(fakes.world.ticket(ticket.ticketId!)!.properties['Intercom Conversations'] ?? '');
    for (const id of [CONVERSATION.csvExport, ...others]) expect(conversations, id).toContain(id);
  });

  it('a set-up step that failed on one replica is listed by the other, and finishing it there clears it for both', async () => {
    fakes.world.faults.addRule({ service: 'intercom', method: 'POST /conversations/{id}/reply', fault: 'http500', times: 20 });
    await expect(create(a, CONVERSATION.csvExport)).rejects.toThrow(/conversations\/{id}\/reply/);
    fakes.world.faults.clear();
    const [page] = pagesFrom(CONVERSATION.csvExport);
    const ticket = { pageId: page!.page_id, slackChannelUrl: 'https://slack.example/c' };

    expect((await missingSetup(b.flows, CONVERSATION.csvExport, [ticket])).get(ticket.pageId)).toEqual(['the note in this conversation']);
    await finishSetup(b.flows, { conversationId: CONVERSATION.csvExport, pageId: ticket.pageId, participantIds: [] });

    expect((await missingSetup(a.flows, CONVERSATION.csvExport, [ticket])).get(ticket.pageId)).toEqual([]);
  });

  it('a customer reply handled by the replica that did not create the ticket reaches the ticket’s thread', async () => {
    const { ticket } = await create(a, CONVERSATION.csvExport);
    expect(b.flows.index.findByConversation(CONVERSATION.csvExport)).toEqual([]);
    fakes.world.intercom.write(CONVERSATION.csvExport, { author: 'customer', body: 'It still times out with 10 rows.' });

    await b.flows.threadEvents!.conversationChanged(CONVERSATION.csvExport);

    const channel = () => fakes.world.slack.channels().find((c) => c.id === ticket.slackChannelId)!;
    await eventually(() => channel().messages.some((m) => m.threadTs && m.text.includes('It still times out with 10 rows.')));
  });

  it('a message left in doubt by a replica that stopped mid-send is not sent again before that request could have landed', async () => {
    const { ticket } = await create(a, CONVERSATION.csvExport);
    fakes.world.setStatus(ticket.ticketId!, 'Done');
    // Replica A recorded its intent to tell the customer and died with its request still in flight.
    const message = doneMessageFor(a.flows, await a.flows.tickets.get(ticket.pageId));
    const round = await a.flows.journal.openRound(ticket.pageId);
    await a.flows.journal.intent(round, intercomKey(CONVERSATION.csvExport), normalize(message.text));

    const early = await b.resolutions.statusChanged(ticket.pageId, 'test');
    expect(early.status).toBe('pending');
    expect(appRepliesAbout(fakes.world, CONVERSATION.csvExport, ticket.ticketId!)).toEqual([]);

    // A's request lands late, as a request to a service can outlive the process that sent it.
    fakes.world.intercom.reply(CONVERSATION.csvExport, { message_type: 'comment', type: 'admin', admin_id: SANDBOX.adminId, body: message.html });
    aheadMs = b.flows.settings.inFlightMs + 1_000;
    const later = await b.resolutions.statusChanged(ticket.pageId, 'test');

    expect(later.status).toBe('announced');
    expect(appRepliesAbout(fakes.world, CONVERSATION.csvExport, ticket.ticketId!)).toHaveLength(1);
  });

  it('a Done that one replica half-announced is finished by the other, each conversation told once', async () => {
    const { ticket } = await create(a, CONVERSATION.csvExport);
    const linked = [CONVERSATION.oktaLoop, CONVERSATION.doubleCharge];
    for (const id of linked) await linkTicket(a.flows, { conversationId: id, pageId: ticket.pageId, participantIds: [] });
    fakes.world.setStatus(ticket.ticketId!, 'Done');
    // The first reply fails: the round stays open on replica A with the others sent.
    fakes.world.faults.addRule({ service: 'intercom', method: 'POST /conversations/{id}/reply', fault: 'http503', times: 1 });
    const half = await a.resolutions.statusChanged(ticket.pageId, 'test');
    expect(half.status).toBe('pending');

    const rest = await b.resolutions.statusChanged(ticket.pageId, 'test');

    expect(rest.status).toBe('announced');
    for (const id of [CONVERSATION.csvExport, ...linked]) expect(appRepliesAbout(fakes.world, id, ticket.ticketId!), id).toHaveLength(1);
    const channel = fakes.world.slack.channels().find((c) => c.id === rest.ticket.slackChannelId)!;
    expect(channel.messages.filter((m) => m.metadata?.event_type === 'ticket_resolved')).toHaveLength(1);
  });
});
