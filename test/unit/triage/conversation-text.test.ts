import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationPart } from '../../../src/domain/conversation.js';
import {
  cleanMessage,
  conversationSections,
  conversationText,
  truncateOnWord,
  withoutAppText,
} from '../../../src/domain/conversation-text.js';

let partId = 0;
function part(partType: string, authorType: ConversationPart['authorType'], body: string): ConversationPart {
  partId += 1;
  return { id: String(partId), partType, authorType, authorId: null, authorName: null, body, createdAt: partId };
}

function conversation(title: string | null, parts: ConversationPart[]): Conversation {
  return { id: '1', title, createdAt: 0, state: 'open', assigneeAdminId: null, teammateAdminIds: [], parts };
}

describe('conversationText', () => {
  it('puts the subject and every customer message first, then teammates, skipping bots, events and empty bodies', () => {
    const text = conversationText(
      conversation('Re: SSO broken', [
        part('source', 'user', 'Nobody can log in through Okta since this morning.'),
        part('comment', 'bot', 'Hi! Our team usually replies in a few hours.'),
        part('assignment', 'admin', ''),
        part('comment', 'admin', 'Sorry about that, looking into it now.'),
        part('note', 'admin', 'Looks like the SAML cert expired, see JMP-2.'),
        part('comment', 'user', 'Any news? Still blocked.'),
        part('close', 'admin', 'Closing this out.'),
        part('comment', 'user', '   '),
      ]),
    );
    expect(text.split('\n')).toEqual([
      'Subject: Re: SSO broken',
      'Customer: Nobody can log in through Okta since this morning.',
      'Customer: Any news? Still blocked.',
      'Teammate: Sorry about that, looking into it now.',
      'Teammate note: Looks like the SAML cert expired, see JMP-2.',
    ]);
  });

  it('treats leads and contacts as customers', () => {
    const text = conversationText(conversation(null, [part('source', 'lead', 'Pricing question'), part('comment', 'contact', 'Also SCIM?')]));
    expect(text).toBe('Customer: Pricing question\nCustomer: Also SCIM?');
  });

  it('strips quoted email replies and signatures from a realistic email thread', () => {
    const email = [
      'Hi team,',
      '',
      'The CSV export still cuts rows in half when a description has line breaks.',
      'Can you check?',
      '',
      'Best regards,',
      'Anna Schmidt',
      'Head of Operations',
      '',
      'On Tue, 4 Mar 2025 at 10:02, Jumpline Support <support@jumpline.io> wrote:',
      '> Hi Anna, could you send us an example file?',
      '> Thanks, Tom',
    ].join('\r\n');
    expect(cleanMessage(email)).toBe('Hi team, The CSV export still cuts rows in half when a description has line breaks. Can you check?');
  });

  it('cuts at Outlook headers, "-- " signatures and mobile footers', () => {
    expect(cleanMessage('Still broken.\n\n-----Original Message-----\nFrom: Support\nSent: Monday')).toBe('Still broken.');
    expect(cleanMessage('Still broken.\nFrom: Support <s@x.io>\nSent: Monday')).toBe('Still broken.');
    expect(cleanMessage('Invoices are wrong.\n-- \nTom Becker\n+49 30 1234567')).toBe('Invoices are wrong.');
    expect(cleanMessage('App crashes on launch\n\nSent from my iPhone')).toBe('App crashes on launch');
    expect(cleanMessage('Le export plante.\nLe mar. 4 mars 2025, Support a écrit :\n> Bonjour')).toBe('Le export plante.');
  });

  it('keeps a line starting with "From:" when it is the message itself, and a mid-message "Thanks"', () => {
    expect(cleanMessage('From: our side everything looks fine')).toBe('From: our side everything looks fine');
    const body = 'Thanks!\nThe webhook was disabled without any email.\nWe lost two weeks of events.\nPlease re-enable it.\nAlso, who can we talk to?\nAnd why no alert?';
    expect(cleanMessage(body)).toContain('The webhook was disabled');
  });

  it('collapses whitespace and drops lines quoted with ">"', () => {
    expect(cleanMessage('  Export\t\tfails  \n> quoted\n\n  for   large   files ')).toBe('Export fails for large files');
  });

  it('truncates to the budget on a word boundary, keeping the customer text first', () => {
    const long = 'customer words '.repeat(400);
    const text = conversationText(conversation(null, [part('source', 'user', long), part('comment', 'admin', 'teammate reply')]), { maxChars: 300 });
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text.endsWith('words…') || text.endsWith('customer…')).toBe(true);
    expect(text).not.toContain('teammate reply');
  });

  it("never reads the app's own output: its API-written parts, and its sentences quoted by a teammate", () => {
    const own = (partType: string, body: string, viaApi: boolean | null): ConversationPart => ({ ...part(partType, 'admin', body), authorId: '42', viaApi });
    const text = conversationText(
      conversation(null, [
        part('source', 'user', 'Okta sign-in loops back to the login page.'),
        own('note', 'Linked to Notion ticket JMP-40: Export of invoices to CSV fails · Slack: #jmp-40-export', true),
        own('comment', 'Good news: the issue you reported (JMP-40: Export of invoices) has been resolved.', null),
        own('comment', 'Typed by the teammate who shares the app account.', false),
        part('note', 'admin', 'FYI Linked to Notion ticket JMP-40: Export of invoices to CSV fails\nStill blocked on SAML though.'),
      ]),
      { ownAdminId: '42' },
    );
    expect(text.split('\n')).toEqual([
      'Customer: Okta sign-in loops back to the login page.',
      'Teammate: Typed by the teammate who shares the app account.',
      'Teammate note: FYI Still blocked on SAML though.',
    ]);
    expect(text).not.toMatch(/invoice|export/i);
  });

  it('cuts each of the sentences the app writes, and nothing around them', () => {
    expect(withoutAppText('Before. Unlinked from JMP-7 by Dana\nAfter.')).toBe('Before. \nAfter.');
    expect(withoutAppText('See jmp-7 and the linked ticket')).toBe('See jmp-7 and the linked ticket');
  });

  it('is empty for a conversation with nothing said', () => {
    expect(conversationText(conversation(null, [part('assignment', 'admin', ''), part('comment', 'bot', 'Hello!')]))).toBe('');
  });
});

describe('conversationSections', () => {
  it('reads conversationText back into subject, customer and teammate messages', () => {
    const text = 'Subject: Invoice\nCustomer: First.\nCustomer: Second.\nTeammate: Reply.\nTeammate note: Note.';
    expect(conversationSections(text)).toEqual({ subject: 'Invoice', customer: ['First.', 'Second.'], teammates: ['Reply.', 'Note.'], notes: ['Note.'] });
  });

  it('counts unlabelled text (a highlighted message put in front, or plain text) as the customer', () => {
    expect(conversationSections('The export fails.\n\nCustomer: Since Monday.')).toEqual({
      subject: null,
      customer: ['The export fails.', 'Since Monday.'],
      teammates: [],
      notes: [],
    });
    expect(conversationSections('just a message')).toEqual({ subject: null, customer: ['just a message'], teammates: [], notes: [] });
  });
});

describe('truncateOnWord', () => {
  it('leaves short text alone and ends cut text with an ellipsis within the limit', () => {
    expect(truncateOnWord('short', 10)).toBe('short');
    expect(truncateOnWord('the quick brown fox jumps', 12)).toBe('the quick…');
    expect(truncateOnWord('abcdefghijklmnopqrstuvwxyz', 10)).toBe('abcdefghi…');
  });
});
