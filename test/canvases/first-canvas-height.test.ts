import { describe, expect, it } from 'vitest';
import { initializeCanvas } from '../../canvases/initialize-canvas.js';
import { ticketCanvas } from '../../canvases/ticket-canvas.js';
import type { TicketView } from '../../canvases/view-models.js';
import { FIRST_CANVAS_MAX_PX, canvasHeight, componentHeight, lines } from './canvas-height.js';
import { pageId, ticketView } from './helpers.js';

/**
 * Intercom's rule for inbox apps: the first canvas stays under 400 px. Measured with the
 * conservative estimate in canvas-height.ts, on the tallest rows the canvas can draw: long
 * ticket ids and titles, a long status, and a note on every row.
 */
function tallest(n: number): TicketView {
  return ticketView({
    pageId: pageId(n),
    ticketId: `SUPPORTENG-${100_000 + n}`,
    title: 'Customers on the EU cluster cannot export their invoices as PDF after the May release '.repeat(3),
    status: 'Waiting on a third party vendor',
    conversationCount: 12_345,
    done: true,
    resolution: { announcedAt: null, pendingTargets: 2, failingTargets: 1, announceInSeconds: null, toldAt: null },
    missingSetup: ['the Slack channel', 'the bookmark', 'the Intercom note'],
  });
}

describe('the first canvas', () => {
  it.each([1, 2, 3, 10])('stays under 400 px with %i linked tickets', (n) => {
    const response = initializeCanvas({ conversationId: '42', linked: Array.from({ length: n }, (_, i) => tallest(i + 1)) });

    expect(canvasHeight(response)).toBeLessThan(FIRST_CANVAS_MAX_PX);
  });

  it('would not with the ticket details on it (the estimate tells the two apart)', () => {
    // What the first canvas used to draw for three tickets: each ticket's details in full.
    const details = [1, 2, 3].flatMap((n) => ticketCanvas({ conversationId: '42', ticket: tallest(n) }).canvas.content.components);
    expect(details.reduce((sum, c) => sum + componentHeight(c), 0)).toBeGreaterThan(FIRST_CANVAS_MAX_PX);
  });
});

describe('the height estimate', () => {
  it('counts a wrapped line for every 32 characters, and each paragraph on its own line', () => {
    expect(lines('a'.repeat(32))).toBe(1);
    expect(lines('a'.repeat(33))).toBe(2);
    expect(lines('one\ntwo')).toBe(2);
  });

  it('refuses to call a component it does not know small', () => {
    expect(componentHeight({ type: 'image' } as never)).toBe(Number.POSITIVE_INFINITY);
  });
});
