import { describe, expect, it } from 'vitest';
import { DONE_RANK_FACTOR, HELD_DESCRIPTION_CHARS, INDEXED_DESCRIPTION_CHARS, TicketIndex } from '../../../src/domain/triage/ticket-index.js';
import { makeTicket } from './make-ticket.js';

const saml = () =>
  makeTicket({
    title: 'SAML SSO login loops back to the sign-in page with Okta',
    description: 'Users authenticating through Okta are sent back to /login after the IdP assertion succeeds.',
  });
const certificate = () =>
  makeTicket({
    title: 'SAML signing certificate expiry breaks SSO',
    description: 'When the IdP certificate expires, assertions fail with "Invalid signature" and nobody can log in.',
  });
const csv = () => makeTicket({ title: 'CSV export garbles accented characters in Excel', description: 'Exported files show mojibake for é and ü.' });

function indexOf(...tickets: ReturnType<typeof makeTicket>[]): TicketIndex {
  const index = new TicketIndex();
  index.upsert(tickets);
  return index;
}

describe('TicketIndex bookkeeping', () => {
  it('holds each ticket once by page id, however often it is upserted', () => {
    const ticket = saml();
    const index = indexOf(ticket);
    index.upsert([ticket, ticket]);
    expect(index.size).toBe(1);
    expect(index.get(ticket.pageId)).toBe(ticket);
    expect(index.pageIds()).toEqual([ticket.pageId]);
  });

  it('replaces a ticket with a newer edit and ignores an older one', () => {
    const v1 = makeTicket({ title: 'Old title', lastEditedTime: '2025-03-01T10:00:00.000Z' });
    const v2 = { ...v1, title: 'New title', lastEditedTime: '2025-03-01T11:00:00.000Z' };
    const index = indexOf(v1);
    index.upsert([v2]);
    index.upsert([v1]);
    expect(index.get(v1.pageId)?.title).toBe('New title');
  });

  it('replaces on an equal edit time, because Notion rounds edit times to the minute', () => {
    const v1 = makeTicket({ conversationIds: ['1'] });
    const v2 = { ...v1, conversationIds: ['1', '2'] };
    const index = indexOf(v1);
    index.upsert([v2]);
    expect(index.get(v1.pageId)?.conversationIds).toEqual(['1', '2']);
  });

  it('searches the new text after an edit and no longer the old one', () => {
    const v1 = makeTicket({ title: 'Webhook retries missing', lastEditedTime: '2025-03-01T10:00:00.000Z' });
    const v2 = { ...v1, title: 'Calendar sync duplicates events', lastEditedTime: '2025-03-02T10:00:00.000Z' };
    const index = indexOf(v1);
    index.upsert([v2]);
    expect(index.search('webhook retries')).toEqual([]);
    expect(index.search('calendar duplicates').map((c) => c.ticket.pageId)).toEqual([v1.pageId]);
  });

  it('removes a ticket from every lookup', () => {
    const ticket = makeTicket({ ticketId: 'JMP-9', title: 'Invoice address wrong', conversationIds: ['77'] });
    const index = indexOf(ticket);
    index.remove(ticket.pageId);
    index.remove('no-such-page');
    expect(index.size).toBe(0);
    expect(index.get(ticket.pageId)).toBeUndefined();
    expect(index.getByTicketId('JMP-9')).toBeUndefined();
    expect(index.findByConversation('77')).toEqual([]);
    expect(index.search('invoice address')).toEqual([]);
  });

  it('finds a ticket by its ticket id, whatever the case', () => {
    const ticket = makeTicket({ ticketId: 'JMP-12' });
    const index = indexOf(ticket);
    expect(index.getByTicketId('jmp-12')).toBe(ticket);
    expect(index.getByTicketId(' JMP-12 ')).toBe(ticket);
    expect(index.getByTicketId('JMP-13')).toBeUndefined();
  });

  it('follows a ticket id that moves when the ticket is edited', () => {
    const unnumbered = makeTicket({ ticketId: null, lastEditedTime: '2025-03-01T10:00:00.000Z' });
    const numbered = { ...unnumbered, ticketId: 'JMP-40', lastEditedTime: '2025-03-01T10:05:00.000Z' };
    const index = indexOf(unnumbered);
    index.upsert([numbered]);
    expect(index.getByTicketId('JMP-40')?.pageId).toBe(unnumbered.pageId);
  });

  it('lists tickets created in the same minute (Notion shows no finer) in the order Notion numbered them', () => {
    const minute = '2025-01-01T10:00:00.000Z';
    const first = makeTicket({ ticketId: 'JMP-9', conversationIds: ['6'], createdTime: minute });
    const second = makeTicket({ ticketId: 'JMP-10', conversationIds: ['6'], createdTime: minute });
    expect(indexOf(second, first).findByConversation('6').map((t) => t.ticketId)).toEqual(['JMP-9', 'JMP-10']);
    expect(indexOf(first, second).findByConversation('6').map((t) => t.ticketId)).toEqual(['JMP-9', 'JMP-10']);
  });

  it('lists the tickets linking a conversation, oldest first, and keeps links current', () => {
    const older = makeTicket({ conversationIds: ['5', '6'], createdTime: '2025-01-01T00:00:00.000Z' });
    const newer = makeTicket({ conversationIds: ['6'], createdTime: '2025-02-01T00:00:00.000Z' });
    const index = indexOf(newer, older);
    expect(index.findByConversation('6').map((t) => t.pageId)).toEqual([older.pageId, newer.pageId]);
    index.upsert([{ ...older, conversationIds: ['5'], lastEditedTime: '2025-04-01T00:00:00.000Z' }]);
    expect(index.findByConversation('6').map((t) => t.pageId)).toEqual([newer.pageId]);
    expect(index.findByConversation('unknown')).toEqual([]);
  });

  it('knows which ticket a conversation was filed as: the one it is the first conversation of', () => {
    const filed = makeTicket({ conversationIds: ['100', '101'] });
    const linkedLater = makeTicket({ conversationIds: ['99', '100'] });
    const index = indexOf(linkedLater, filed);
    expect(index.createdFrom('100')).toBe(filed);
    expect(index.createdFrom('101')).toBeUndefined();
  });

  it('reports the newest edit it has seen, for incremental refresh', () => {
    const index = new TicketIndex();
    expect(index.newestEdit()).toBeNull();
    index.upsert([makeTicket({ lastEditedTime: '2025-03-02T00:00:00.000Z' }), makeTicket({ lastEditedTime: '2025-03-05T00:00:00.000Z' })]);
    index.upsert([makeTicket({ lastEditedTime: '2025-03-03T00:00:00.000Z' })]);
    expect(index.newestEdit()).toBe('2025-03-05T00:00:00.000Z');
  });

  it('is incomplete until the sync says the full load is done', () => {
    const index = new TicketIndex();
    expect(index.complete).toBe(false);
    index.markComplete();
    expect(index.complete).toBe(true);
  });
});

describe('TicketIndex.search', () => {
  it('finds the ticket a customer describes in other words', () => {
    const wanted = saml();
    const index = indexOf(certificate(), csv(), wanted);
    const [best] = index.search('Our users click the Okta tile and end up back on your sign in screen in a loop');
    expect(best?.ticket).toBe(wanted);
  });

  it('tells near-duplicates in the same area apart', () => {
    const loop = saml();
    const expiry = certificate();
    const index = indexOf(loop, expiry);
    expect(index.search('SSO broken: invalid signature since our IdP certificate expired')[0]?.ticket).toBe(expiry);
    expect(index.search('After Okta login we are sent back to the login page again and again')[0]?.ticket).toBe(loop);
  });

  it('matches through accents, case, plural forms and typos', () => {
    const wanted = csv();
    const index = indexOf(saml(), wanted);
    expect(index.search('EXPORTED FILE with Mojibäke')[0]?.ticket).toBe(wanted);
    expect(index.search('accentd charactres garbeld')[0]?.ticket).toBe(wanted);
  });

  it('matches exact error codes', () => {
    const wanted = makeTicket({ title: 'Gmail sync stops', description: 'Sync fails with invalid_grant after a password change.' });
    const index = indexOf(wanted, makeTicket({ title: 'Gmail sync slow', description: 'Takes minutes to sync.' }));
    expect(index.search('error: invalid_grant')[0]?.ticket).toBe(wanted);
  });

  it('returns at most `limit` candidates, 10 by default', () => {
    const index = indexOf(...Array.from({ length: 15 }, (_, i) => makeTicket({ title: `Export problem number ${i}` })));
    expect(index.search('export problem')).toHaveLength(10);
    expect(index.search('export problem', { limit: 3 })).toHaveLength(3);
  });

  it('returns nothing for a query without words, or with no matching ticket', () => {
    const index = indexOf(saml());
    expect(index.search('hi, thanks!')).toEqual([]);
    expect(index.search('kanban board')).toEqual([]);
  });

  it('ranks a Done ticket after an open one with a comparable score, but still returns it', () => {
    const done = makeTicket({ title: 'Daily digest email sent twice', done: true, status: 'Done' });
    const open = makeTicket({ title: 'Daily digest email sent twice to some users', done: false });
    const index = indexOf(done, open);
    const ranked = index.search('I get the daily digest email twice');
    expect(ranked.map((c) => c.ticket)).toEqual([open, done]);
  });

  it('still puts a Done ticket first when it matches clearly better', () => {
    const done = makeTicket({ title: 'Webhook HMAC signature mismatch for non-ASCII payloads', done: true, status: 'Done' });
    const open = makeTicket({ title: 'Webhook deliveries delayed' });
    const index = indexOf(open, done);
    expect(index.search('HMAC signature mismatch on webhooks with non-ASCII characters')[0]?.ticket).toBe(done);
    expect(DONE_RANK_FACTOR).toBeLessThan(1);
  });

  it('gives a similarity between 0 and 1 that is high for the same issue and low for a stray word', () => {
    const wanted = saml();
    const index = indexOf(wanted, certificate(), csv());
    const same = index.search(`${wanted.title}. ${wanted.description}`)[0]!;
    const stray = index.search('I have a question about our Excel add-in')[0]!;
    expect(same.ticket).toBe(wanted);
    expect(same.similarity).toBeGreaterThan(0.8);
    expect(same.similarity).toBeLessThanOrEqual(1);
    expect(stray.similarity).toBeGreaterThan(0);
    expect(stray.similarity).toBeLessThan(0.3);
  });

  it('names the words that matched, most distinctive first', () => {
    const index = indexOf(saml(), certificate(), csv());
    const [best] = index.search('okta saml loop');
    // "saml" is in two tickets, "okta" and "loop" in one each.
    expect(best?.terms).toHaveLength(3);
    expect(best?.terms.slice(0, 2).sort()).toEqual(['loop', 'okta']);
    expect(best?.terms[2]).toBe('saml');
  });

  it('indexes only the start of a long description', () => {
    const filler = 'Steps to reproduce are in the attached recording. '.repeat(Math.ceil(INDEXED_DESCRIPTION_CHARS / 40));
    const ticket = makeTicket({ title: 'Board view lags', description: `${filler} Mentions zeppelin at the end.` });
    const index = indexOf(ticket);
    expect(index.search('zeppelin')).toEqual([]);
    expect(index.search('recording')).toHaveLength(1);
  });

  it('still finds the right ticket for a long conversation full of other words', () => {
    const wanted = saml();
    const index = indexOf(certificate(), csv(), wanted, ...Array.from({ length: 30 }, (_, i) => makeTicket({ title: `Unrelated topic ${i} about billing and seats` })));
    const chatter = Array.from({ length: 80 }, (_, i) => `word${i}x`).join(' ');
    const text = `Okta users loop back to the login page. ${chatter} Thanks for looking into the Okta loop.`;
    expect(index.search(text)[0]?.ticket).toBe(wanted);
  });
});

describe('TicketIndex memory', () => {
  it('keeps a long description only up to HELD_DESCRIPTION_CHARS, and still finds the ticket by it', () => {
    const ticket = makeTicket({ title: 'Reports time out', description: `Nightly exports of the billing ledger stall. ${'filler '.repeat(2000)}` });
    const index = indexOf(ticket);
    expect(index.get(ticket.pageId)!.description.length).toBe(HELD_DESCRIPTION_CHARS);
    expect(index.search('billing ledger exports stall')[0]!.ticket.pageId).toBe(ticket.pageId);
  });
});

describe("TicketIndex and the customers' own words (Customer Reports)", () => {
  const gantt = () => makeTicket({ title: 'Gantt view freezes with more than 2,000 tasks', description: 'Rendering blocks the main thread.' });
  const query = 'Our roadmap timeline hangs and the browser tab goes unresponsive';

  it('finds a ticket by words only its Customer Reports hold, and forgets them when the report leaves', () => {
    const ticket = gantt();
    const index = indexOf(ticket, saml(), csv());
    expect(index.search(query)).toEqual([]);

    const reported = { ...ticket, customerReports: '[201] The roadmap timeline hangs; the tab becomes unresponsive.', lastEditedTime: '2025-03-02T10:00:00.000Z' };
    index.upsert([reported]);
    const [first] = index.search(query);
    expect(first?.ticket.pageId).toBe(ticket.pageId);
    expect(first!.similarity).toBeGreaterThan(0.3);

    index.upsert([{ ...reported, customerReports: '', lastEditedTime: '2025-03-03T10:00:00.000Z' }]);
    expect(index.search(query)).toEqual([]);
  });

  it('ranks a ticket whose title names the words above one that only heard them from a customer', () => {
    const titled = makeTicket({ title: 'Roadmap timeline hangs', description: '' });
    const reported = { ...gantt(), customerReports: '[201] roadmap timeline hangs' };
    expect(indexOf(reported, titled).search('roadmap timeline hangs')[0]?.ticket.pageId).toBe(titled.pageId);
  });
});
