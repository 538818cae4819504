import { describe, expect, it } from 'vitest';
import type { LabelledQuery, LabelledTicket } from '../../../src/domain/triage/eval-fixtures.js';
import { evaluateTriage } from '../../../src/domain/triage/evaluate.js';

const tickets: LabelledTicket[] = [
  { id: 'JMP-1', title: 'Webhook deliveries rejected', description: 'Signature verification fails for webhook deliveries to customer endpoints.', status: 'open' },
  { id: 'JMP-2', title: 'CSV export breaks rows', description: 'Line breaks in a description split one record over two rows.', status: 'open' },
  { id: 'JMP-3', title: 'SAML login loop with Okta', description: 'After signing in at Okta users land back on the login page.', status: 'open' },
  { id: 'JMP-4', title: 'Invoices missing VAT number', description: 'PDF invoices for EU customers do not show the VAT number.', status: 'done' },
  { id: 'JMP-5', title: 'Calendar sync creates duplicate events', description: 'With two Google accounts connected every meeting appears twice.', status: 'open' },
];

const queries: LabelledQuery[] = [
  // Says what the ticket says, and more: found either way; online, its words join JMP-1's Customer Reports.
  { text: 'Our webhook deliveries are rejected and signature verification fails since we rotated the signing secret in the dashboard.', expected: ['JMP-1'] },
  // Shares no word with JMP-1's own title or description, only with the first query.
  { text: 'Rotated the signing secret in the dashboard yesterday, now nothing arrives.', expected: ['JMP-1'] },
  // A new problem: online, it becomes a ticket of its own…
  { text: 'The pie chart legend is invisible in dark mode.', expected: [] },
  // …which the next report of it finds.
  { text: 'In dark mode I cannot read the legend of pie charts.', expected: [] },
];

describe('evaluateTriage --online', () => {
  it('finds a ticket by the words of an earlier query linked to it, which the batch mode cannot', async () => {
    const batch = await evaluateTriage({ tickets, queries, model: null, timeoutMs: 1000 });
    const online = await evaluateTriage({ tickets, queries, model: null, timeoutMs: 1000, mode: 'online' });
    expect(batch.mode).toBe('batch');
    expect(online.mode).toBe('online');
    expect(batch.cases[0]!.ranked[0]).toBe('JMP-1');
    expect(online.cases[0]!.ranked[0]).toBe('JMP-1');
    expect(batch.cases[1]!.ranked).not.toContain('JMP-1');
    expect(online.cases[1]!.ranked[0]).toBe('JMP-1');
    expect(online.metrics.recall_at_1).toBe(1);
    expect(batch.metrics.recall_at_1).toBe(0.5);
  });

  it('creates a ticket from the draft for a query that should be new, and later queries search it', async () => {
    const batch = await evaluateTriage({ tickets, queries, model: null, timeoutMs: 1000 });
    const online = await evaluateTriage({ tickets, queries, model: null, timeoutMs: 1000, mode: 'online' });
    expect(batch.cases[3]!.ranked).not.toContain('EVAL-NEW-3');
    expect(online.cases[3]!.ranked[0]).toBe('EVAL-NEW-3');
  });

  it('counts a confident link to a ticket made by an earlier query as a false link when the query should be new', async () => {
    const again = [queries[2]!, { ...queries[2]!, text: `${queries[2]!.text} Please fix.` }];
    const online = await evaluateTriage({ tickets, queries: again, model: null, timeoutMs: 1000, mode: 'online' });
    expect(online.cases[1]).toMatchObject({ decision: 'existing', suggested: 'EVAL-NEW-1' });
    expect(online.metrics.false_link_rate).toBe(0.5);
  });
});
