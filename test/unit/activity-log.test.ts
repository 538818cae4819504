import { describe, expect, it } from 'vitest';
import { MemoryActivityStore } from '../../src/observability/activity-store.js';
import { ActivityLog } from '../../src/observability/activity.js';

describe('the activity log', () => {
  it('lists an operation while it runs, then once from the store when it finished', async () => {
    const store = new MemoryActivityStore();
    const log = new ActivityLog({ store });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = log.run('link', { ticket_id: 'JMP-4' }, () => gate);
    await Promise.resolve();
    expect((await log.list({ limit: 10 })).map((r) => r.outcome)).toEqual(['running']);
    expect(await store.recent({ limit: 10 })).toEqual([]);

    release();
    await running;
    const listed = await log.list({ q: 'jmp-4', limit: 10 });
    expect(listed.map((r) => r.outcome)).toEqual(['ok']);
    expect((await store.recent({ limit: 10 })).map((r) => r.id)).toEqual([listed[0]!.id]);
  });

  it('neither fails nor slows the operation when the store cannot keep it, and reports why', async () => {
    const errors: unknown[] = [];
    const log = new ActivityLog({
      store: { append: () => Promise.reject(new Error('store down')), recent: () => Promise.resolve([]) },
      onError: (err) => errors.push(err),
    });
    await expect(log.run('done', {}, () => Promise.resolve('told'))).resolves.toBe('told');
    await new Promise((r) => setImmediate(r));
    expect(errors).toEqual([new Error('store down')]);
  });
});
