import { describe, expect, it } from 'vitest';
import type { Conversation, ConversationPart } from '../../../src/domain/conversation.js';
import { conversationText } from '../../../src/domain/conversation-text.js';
import { draftTicket } from '../../../src/domain/triage/draft.js';
import { cleanTitle } from '../../../src/domain/triage/draft-title.js';

const APP_ADMIN = '7001';
let partId = 0;

function part(kind: 'customer' | 'reply' | 'note' | 'app note', body: string): ConversationPart {
  partId += 1;
  const admin = kind !== 'customer';
  return {
    id: String(partId),
    partType: kind === 'customer' ? (partId === 1 ? 'source' : 'comment') : kind === 'reply' ? 'comment' : 'note',
    authorType: admin ? 'admin' : 'user',
    authorId: kind === 'app note' ? APP_ADMIN : admin ? '42' : null,
    authorName: null,
    body,
    createdAt: partId,
    viaApi: kind === 'app note' ? true : null,
  };
}

/** A conversation as the app reads it (conversationText), its own notes left out. */
function draftOf(title: string | null, parts: ConversationPart[], ticketLanguage?: 'en' | 'de') {
  const conversation: Conversation = { id: '1', title, createdAt: 0, state: 'open', assigneeAdminId: null, teammateAdminIds: [], parts };
  return draftTicket(conversationText(conversation, { ownAdminId: APP_ADMIN }), ticketLanguage ? { ticketLanguage } : {});
}

describe('draftTicket: the title names the problem', () => {
  it('picks the sentence with the symptom, not the customer\'s first sentence ("We rotated the webhook signing secret…")', () => {
    const draft = draftOf(null, [
      part(
        'customer',
        'We rotated the webhook signing secret yesterday in your dashboard. Since then our endpoint rejects every delivery because the signature does not match.\n\nIf I verify with the old secret the signature matches. Looks like you still sign with the previous one?',
      ),
      part('reply', 'Thanks for the detailed report, Ravi. Can you confirm the endpoint URL and the time you rotated the secret?'),
    ]);
    expect(draft.title).toBe('Endpoint rejects every delivery because the signature does not match');
    expect(draft.titleLanguage).toBeUndefined();
  });

  it('drops "Small thing:" and fits 80 characters by dropping the consequence and articles, not by cutting a word', () => {
    const draft = draftOf(null, [
      part('customer', 'Small thing: in dark mode the axis labels and legends on dashboard charts are dark grey on black, so I can barely read them.'),
    ]);
    expect(draft.title).toBe('In dark mode axis labels and legends on dashboard charts are dark grey on black');
    expect(draft.title.length).toBeLessThanOrEqual(80);
  });

  it('strips greetings, dates and the customer\'s "my"/"we"', () => {
    const okta = draftOf(null, [
      part('customer', 'Hi! Since this morning none of my team can get in through Okta. We click "Sign in with Okta", the page flashes, and we land back on your login screen.'),
    ]);
    expect(okta.title).toBe('None of the team can get in through Okta');
    expect(draftOf(null, [part('customer', "Hi team, we can't log in with Google SSO on Safari 17 since last Tuesday. Could you please take a look?")]).title).toBe(
      "Can't log in with Google SSO on Safari 17",
    );
    expect(draftOf(null, [part('customer', 'Good morning! Our Salesforce sync creates duplicate contacts.')]).title).toBe('Salesforce sync creates duplicate contacts');
    expect(draftOf(null, [part('customer', 'I get a 502 Bad Gateway when uploading files larger than 10 MB.')]).title).toBe('A 502 Bad Gateway when uploading files larger than 10 MB');
  });

  it('keeps a bare weekday that is part of the problem', () => {
    expect(draftOf(null, [part('customer', 'The date picker starts weeks on Sunday although our locale is en-GB.')]).title).toBe(
      'The date picker starts weeks on Sunday although the locale is en-GB',
    );
  });

  it('titles with the email subject, without Re:/Fwd: prefixes or a date, unless it names nothing', () => {
    expect(draftOf('RE: Fwd: [Jumpline] Invoices missing VAT', [part('customer', 'Hi, our invoices have no VAT.')]).title).toBe('Invoices missing VAT');
    expect(draftOf('Charged twice this month', [part('customer', 'We upgraded on the 3rd and were charged for both plans.')]).title).toBe('Charged twice');
    expect(
      draftOf('Help', [part('customer', 'Hi team, I hope you are well. Quick question. the CSV export breaks rows when a description has line breaks. It started Monday.')]).title,
    ).toBe('The CSV export breaks rows when a description has line breaks');
  });

  it('does not mistake a sentence that starts with a greeting word for a greeting', () => {
    expect(draftTicket('Customer: Hello the export is broken, rows are split.').title).toBe('Hello the export is broken, rows are split');
  });

  it('cuts on a word with "…" only when nothing shorter says it', () => {
    const draft = draftTicket(`Customer: ${'The dashboard takes very long to load when many widgets are configured '.repeat(3)}`);
    expect(draft.title.length).toBeLessThanOrEqual(80);
    expect(draft.title.endsWith('…')).toBe(true);
  });

  it('works on plain text that never went through conversationText', () => {
    expect(draftTicket('hey, search ignores accents so Müller is not found').title).toBe('Search ignores accents so Müller is not found');
  });

  it('still produces a title when the conversation has no words', () => {
    expect(draftTicket('')).toEqual({ title: 'Issue reported by a customer', description: 'Issue reported by a customer' });
  });
});

describe('draftTicket: the ticket database\'s language', () => {
  const german = [
    part(
      'customer',
      'Hallo, mehrere Kollegen mit Outlook-Adressen (Microsoft 365) bekommen keine E-Mail zum Zurücksetzen des Passworts. Im Spam-Ordner ist auch nichts.\n\nKollegen mit Gmail bekommen die Mail sofort. Können Sie das prüfen?',
    ),
    part('reply', 'Hallo Herr Schäfer, danke für die Meldung. Wir prüfen die Zustellung an Microsoft 365.'),
  ];

  it('keeps a German conversation German offline, whole and within 80 characters, and flags it for an English database', () => {
    const draft = draftOf(null, german);
    expect(draft.title).toBe('Outlook-Adressen bekommen keine E-Mail zum Zurücksetzen des Passworts');
    expect(draft.title).not.toContain('…');
    expect(draft.titleLanguage).toBe('German');
  });

  it('does not flag it when the tickets are kept in German, and flags an English one instead', () => {
    expect(draftOf(null, german, 'de').titleLanguage).toBeUndefined();
    expect(draftOf(null, [part('customer', 'The CSV export times out for reports over 100k rows.')], 'de').titleLanguage).toBe('English');
  });

  it('keeps a German date that starts the sentence (the verb would lead without it) and removes one inside it', () => {
    expect(draftTicket('Customer: Guten Tag, seit gestern funktioniert der Export nach Excel nicht mehr.').title).toBe(
      'Seit gestern funktioniert der Export nach Excel nicht mehr',
    );
    expect(draftTicket('Customer: Der Export nach Excel funktioniert seit gestern nicht mehr.').title).toBe('Der Export nach Excel funktioniert nicht mehr');
  });
});

describe('draftTicket: the description', () => {
  it("gives the customer's key facts, not their messages as written, and teammates' findings from internal notes", () => {
    const draft = draftOf('Activity report export never finishes', [
      part(
        'customer',
        'Hi there! Hope you are well. When I export the full activity report to CSV the spinner keeps going for several minutes and then I get "Something went wrong".\n\nIf I pick only the last week it downloads fine. We need the whole year for an audit, our auditors arrive on Monday and my manager is not happy about it at all. Thanks so much!',
      ),
      part('reply', 'Thanks Tom. How many records does the full report have roughly?'),
      part('customer', 'About 180,000 rows. Could you please speed this up?'),
      part('note', 'Reproduced: the export job is killed by the 60 s worker timeout above ~100k rows.'),
      part('app note', 'Linked to Notion ticket JMP-40: Dashboard slow'),
    ]);
    expect(draft.description).toBe(
      [
        'What the customer reports:',
        '- When I export the full activity report to CSV the spinner keeps going for several minutes and then I get "Something went wrong".',
        '- If I pick only the last week it downloads fine.',
        '- About 180,000 rows.',
        '',
        'What teammates found (internal notes):',
        '- Reproduced: the export job is killed by the 60 s worker timeout above ~100k rows.',
      ].join('\n'),
    );
    // Not the customer's text pasted: greetings, requests and the rest of the story left out.
    expect(draft.description).not.toMatch(/Hope you are well|Could you|auditors|Thanks so much/);
    // The teammate's reply is not a finding; the app's own note is never read.
    expect(draft.description).not.toMatch(/How many records|JMP-40/);
  });

  it("leaves out the app's own sentences even when a teammate's note quotes them", () => {
    const draft = draftOf(null, [
      part('customer', 'Two-factor SMS codes arrive 10 minutes late in Brazil.'),
      part('note', 'Linked to Notion ticket JMP-40: Dashboard slow'),
      part('note', 'Carrier Claro delays our sender id; Vivo is fine.'),
    ]);
    expect(draft.description).toContain('- Carrier Claro delays our sender id; Vivo is fine.');
    expect(draft.description).not.toContain('JMP-40');
  });

  it('is bounded however long the customer writes', () => {
    const long = Array.from({ length: 40 }, (_, i) => `Step ${i + 1} of the import fails with error ERR_IMPORT_${i + 100} on row ${i * 1000}.`).join(' ');
    const draft = draftOf(null, [part('customer', long)]);
    expect(draft.description.length).toBeLessThanOrEqual(600);
    expect(draft.description.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(3);
  });
});

describe('cleanTitle', () => {
  it('removes lead-ins, dates and politeness but keeps what the problem is', () => {
    expect(cleanTitle('FYI - it seems that the invoice PDF is blank since yesterday')).toBe('The invoice PDF is blank');
    expect(cleanTitle('Unfortunately we are unable to just connect our HubSpot account as of this week.')).toBe('Unable to connect the HubSpot account');
    expect(cleanTitle('The export is empty since the last update, please help')).toBe('The export is empty, help');
  });
});
