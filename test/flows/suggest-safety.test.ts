import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkTicket } from '../../src/flows/link-ticket.js';
import { suggestTicket } from '../../src/flows/suggest-ticket.js';
import { unlinkTicket } from '../../src/flows/unlink-ticket.js';
import { ADMIN } from '../../src/sandbox/seed/demo-people.js';
import { CONVERSATION } from '../../src/sandbox/seed/demo-conversations.js';
import { eventually, startTestSandbox, type TestSandbox } from '../support/test-sandbox.js';

/** What a suggestion shows an agent: the decision, the pick and the candidates in order. */
async function shown(sandbox: TestSandbox, conversationId: string) {
  const { triage } = await suggestTicket(sandbox.runtime.flows, { conversationId, adminId: null });
  return {
    decision: triage.decision,
    suggested: triage.suggested?.ticket.ticketId ?? null,
    // Each candidate with its similarity, sorted by id: linking and unlinking re-indexes the ticket
    // (its Customer Reports come and go), and MiniSearch's running field-length averages drift in
    // the last float digits, which may swap two candidates of near-equal full-text score.
    candidates: triage.candidates.map((c) => `${c.ticket.ticketId} ${c.similarity.toFixed(6)}`).sort(),
    top: triage.candidates[0]?.ticket.ticketId ?? null,
  };
}

describe('suggestions are made from what people wrote, never from what the app wrote', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const pageOf = (ticketId: string) => sandbox.runtime.flows.index.getByTicketId(ticketId)!.pageId;

  it("the app's own notes, and a teammate quoting one, never change a suggestion (link then unlink JMP-40)", async () => {
    const before = await shown(sandbox, CONVERSATION.oktaLoop);
    expect(before.top).toBe('JMP-23');

    const flows = sandbox.runtime.flows;
    await linkTicket(flows, { conversationId: CONVERSATION.oktaLoop, pageId: pageOf('JMP-40'), participantIds: [] });
    await unlinkTicket(flows, { conversationId: CONVERSATION.oktaLoop, pageId: pageOf('JMP-40') });
    const plain = (html: string | null) => (html ?? '').replace(/<[^>]+>/g, '');
    const note = await eventually(() =>
      sandbox.world.intercom.conversation(CONVERSATION.oktaLoop)!.parts.find((p) => /Linked to Notion ticket JMP-40/.test(plain(p.body))),
    );
    sandbox.world.intercom.write(CONVERSATION.oktaLoop, {
      author: 'admin',
      adminId: ADMIN.jon,
      note: true,
      // A teammate pastes the app's note into their own (no words of their own, which would count).
      body: `<p>${plain(note.body)}</p>`,
    });

    expect(await shown(sandbox, CONVERSATION.oktaLoop)).toEqual(before);
  });

  it('"Link another ticket" never offers a ticket the conversation is already linked to', async () => {
    // The seed links the Slack-rename conversation to JMP-26, its best match by far.
    expect(sandbox.runtime.flows.index.findByConversation(CONVERSATION.slackRename).map((t) => t.ticketId)).toEqual(['JMP-26']);
    const after = await shown(sandbox, CONVERSATION.slackRename);
    expect(after.suggested).not.toBe('JMP-26');
    expect(after.candidates.join(' ')).not.toContain('JMP-26 ');
    expect(after.candidates.length).toBeGreaterThan(0);
  });

  it('finds the tickets the sandbox conversations duplicate in other words (and in German), and guesses none', async () => {
    // CSV export of 180,000 rows that "never finishes" is JMP-25 (CSV export times out over 100k rows).
    expect((await shown(sandbox, CONVERSATION.csvExport)).top).toBe('JMP-25');
    // The German password-reset e-mails are JMP-20, read with the German stemmer and stop words.
    expect((await shown(sandbox, CONVERSATION.passwordResetGerman)).top).toBe('JMP-20');
    // Meetings twice in Google Calendar are no ticket: not linked to JMP-27 (recurring tasks on mobile).
    expect((await shown(sandbox, CONVERSATION.calendarDuplicates)).decision).not.toBe('existing');
  });
});
