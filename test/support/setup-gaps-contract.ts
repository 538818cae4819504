import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';

/** The failed set-up steps the panel lists, whatever store holds them (memory, PGlite, PostgreSQL). */
export function setupGapsContract(name: string, fresh: () => Promise<Store>): void {
  describe(`set-up gaps on ${name}`, () => {
    it('keeps the last attempt’s failed steps per conversation and ticket, and forgets them when none failed', async () => {
      const { setupGaps } = await fresh();
      await setupGaps.set('c1', 'p1', ['Setting the Slack channel topic', 'Adding a note to the Intercom conversation']);
      await setupGaps.set('c1', 'p2', ['Inviting teammates to the Slack channel']);
      await setupGaps.set('c2', 'p1', ['Setting the Slack channel topic']);
      await setupGaps.set('c1', 'p2', []);

      const gaps = await setupGaps.get('c1', ['p1', 'p2', 'p3']);
      expect([...gaps]).toEqual([['p1', ['Setting the Slack channel topic', 'Adding a note to the Intercom conversation']]]);
      await setupGaps.set('c1', 'p1', ['Setting the Slack channel topic']);
      expect((await setupGaps.get('c1', ['p1'])).get('p1')).toEqual(['Setting the Slack channel topic']);
      expect((await setupGaps.get('c1', [])).size).toBe(0);
    });
  });
}
