import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';

/** The conversation → created ticket record, whatever store holds it (memory, PGlite, PostgreSQL). */
export function ticketCreationsContract(name: string, fresh: () => Promise<Store>): void {
  describe(`ticket creations on ${name}`, () => {
    it('records a create as begun, then the page it made; a second begin keeps the page', async () => {
      const { creations } = await fresh();
      expect(await creations.get('c1')).toBeNull();
      await creations.begin('c1');
      expect(await creations.get('c1')).toEqual({ pageId: null });
      await creations.finish('c1', 'page-1');
      await creations.begin('c1');
      expect(await creations.get('c1')).toEqual({ pageId: 'page-1' });
      expect(await creations.get('c2')).toBeNull();
    });

    it('records a page found without a begin, and forgets one that is gone', async () => {
      const { creations } = await fresh();
      await creations.finish('c1', 'page-1');
      expect(await creations.get('c1')).toEqual({ pageId: 'page-1' });
      await creations.forget('c1');
      expect(await creations.get('c1')).toBeNull();
    });
  });
}
