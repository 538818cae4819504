import { describe, expect, it } from 'vitest';
import type { Chat, Inbox, TicketStore, TriageModel } from '../../src/ports.js';
import { makeTicket } from '../../test/unit/triage/make-ticket.js';
import { type NaiveDeps, naiveCreate, naiveSuggest } from '../naive/naive-app.js';

/**
 * The baseline must stay the naive design: every step waits for the previous one, and a
 * suggestion reads every ticket and asks the model twice for a new ticket.
 */
function recordingDeps(ticketCount = 250) {
  const log: string[] = [];
  const step = <T>(name: string, value: T) => async () => {
    log.push(`start ${name}`);
    await new Promise((r) => setTimeout(r, 1));
    log.push(`end ${name}`);
    return value;
  };
  const ticket = makeTicket({ title: 'Exports time out' });
  const all = Array.from({ length: ticketCount }, (_, i) => makeTicket({ title: `Ticket ${i}` }));
  const prompts: string[] = [];
  const deps: NaiveDeps = {
    tickets: {
      create: step('create page', ticket),
      update: step('update page', { ...ticket, slackChannelId: 'C1' }),
      get: step('get page', ticket),
      async *iterateAll() {
        for (let i = 0; i < all.length; i += 100) yield await step('read 100 tickets', all.slice(i, i + 100))();
      },
    } as unknown as TicketStore,
    chat: {
      createChannel: step('create channel', { id: 'C1', name: 'jmp-1-exports', isArchived: false, isMember: true, topic: '' }),
      setTopic: step('set topic', undefined),
      channelUrl: async () => 'https://sandbox.slack.com/archives/C1',
      lookupUserByEmail: step('look up user', { id: 'U1' }),
      invite: step('invite', { invited: ['U1'], alreadyMembers: [], failed: [] }),
      postMessage: step('post', { ts: '1.0' }),
    } as unknown as Chat,
    inbox: {
      listAdmins: step('list admins', [{ id: '1', name: 'Dana', email: 'dana@example.com' }]),
      getConversation: step('read conversation', { id: 'c1', parts: [], assigneeAdminId: null, teammateAdminIds: [] }),
    } as unknown as Inbox,
    model: {
      name: 'fake',
      complete: async (prompt) => {
        prompts.push(prompt.user);
        return { duplicate_of: null, title: 'T', summary: 'S' };
      },
    } as TriageModel,
    intercomAppId: 'abc123',
    adminId: '1',
  };
  return { deps, log, prompts, all };
}

describe('the naive baseline', () => {
  it('confirms a new ticket one step after another, in the order of the seed', async () => {
    const { deps, log } = recordingDeps();
    await naiveCreate(deps, { conversationId: 'c1', title: 'Exports time out', description: '', participantIds: ['1'] });
    const starts = log.filter((l) => l.startsWith('start')).map((l) => l.slice(6));
    expect(starts).toEqual(['create page', 'create channel', 'set topic', 'update page', 'list admins', 'look up user', 'invite', 'post']);
    // Never two steps in flight: every start is followed by its own end.
    for (let i = 0; i < log.length; i += 2) expect(log[i + 1]).toBe(log[i]!.replace('start', 'end'));
  });

  it('reads every ticket for one suggestion and puts every title in the prompt, then drafts in a second call', async () => {
    const { deps, log, prompts, all } = recordingDeps(250);
    const suggestion = await naiveSuggest(deps, 'c1');
    expect(suggestion.ticketsRead).toBe(250);
    expect(log.filter((l) => l === 'start read 100 tickets')).toHaveLength(3);
    expect(prompts).toHaveLength(2);
    for (const t of all) expect(prompts[0]).toContain(`${t.ticketId}: ${t.title}`);
    expect(suggestion.draft).toMatchObject({ title: 'T', summary: 'S' });
  });
});
