import { describe, expect, it } from 'vitest';
import { draftTicket } from '../../../src/domain/triage/draft.js';

describe('draftTicket', () => {
  it('titles the ticket with the subject, without Re:/Fwd: prefixes', () => {
    const draft = draftTicket('Subject: RE: Fwd: [Jumpline] Invoices missing VAT\nCustomer: Hi, our invoices have no VAT.');
    expect(draft.title).toBe('Invoices missing VAT');
  });

  it('falls back to the first customer sentence that says something, greeting and filler removed', () => {
    const draft = draftTicket(
      'Subject: Help\nCustomer: Hi team, I hope you are well. Quick question. the CSV export breaks rows when a description has line breaks. It started Monday.',
    );
    expect(draft.title).toBe('The CSV export breaks rows when a description has line breaks');
  });

  it('cleans greetings like "Hello Jumpline Support -" and "Good morning!"', () => {
    expect(draftTicket('Customer: Hello Jumpline Support - webhooks are not retried after a 503 error').title).toBe(
      'Webhooks are not retried after a 503 error',
    );
    expect(draftTicket('Customer: Good morning! Our Salesforce sync creates duplicate contacts.').title).toBe(
      'Our Salesforce sync creates duplicate contacts',
    );
  });

  it('does not mistake a sentence that starts with a greeting word for a greeting', () => {
    expect(draftTicket('Customer: Hello the export is broken, rows are split.').title).toBe('Hello the export is broken, rows are split');
  });

  it('keeps the title within 80 characters, cut on a word', () => {
    const draft = draftTicket(`Customer: ${'The dashboard takes very long to load when many widgets are configured '.repeat(3)}`);
    expect(draft.title.length).toBeLessThanOrEqual(80);
    expect(draft.title.endsWith('…')).toBe(true);
  });

  it('describes the problem with the first few customer sentences, not the teammates', () => {
    const draft = draftTicket(
      [
        'Customer: Hi! The iOS app crashes on launch. It happens since 5.2. Reinstalling did not help. We have 40 users affected. More details later.',
        'Teammate: Thanks, we are looking into it.',
      ].join('\n'),
    );
    expect(draft.description).toBe('The iOS app crashes on launch. It happens since 5.2. Reinstalling did not help. We have 40 users affected.');
  });

  it('works on plain text that never went through conversationText', () => {
    expect(draftTicket('hey, search ignores accents so Müller is not found').title).toBe('Search ignores accents so Müller is not found');
  });

  it('still produces a title when the conversation has no words', () => {
    expect(draftTicket('')).toEqual({ title: 'Issue reported by a customer', description: 'Issue reported by a customer' });
  });
});
