import { access, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeliveryJournal } from '../../src/delivery/journal.js';
import { importJsonlJournal } from '../../src/delivery/jsonl-import.js';
import { memoryStore } from '../../src/store/memory-store.js';

/** What the JSONL journal wrote before the store existed. */
const OLD_JOURNAL = [
  { t: 'header', created_at: '2026-01-01T00:00:00.000Z' },
  { t: 'told', page: 'page-0', target: 'intercom:7', at: '2026-01-02T00:00:00.000Z' },
  { t: 'round', round: 'page-1@2026-01-03T00:00:00.000Z', page: 'page-1', at: '2026-01-03T00:00:00.000Z' },
  { t: 'intent', round: 'page-1@2026-01-03T00:00:00.000Z', target: 'intercom:1', at: '2026-01-03T00:00:01.000Z', fingerprint: 'hi' },
  { t: 'sent', round: 'page-1@2026-01-03T00:00:00.000Z', target: 'intercom:1', at: '2026-01-03T00:00:02.000Z' },
  { t: 'intent', round: 'page-1@2026-01-03T00:00:00.000Z', target: 'slack:C1', at: '2026-01-03T00:00:03.000Z', fingerprint: null },
  { t: 'round', round: 'page-2@2026-01-04T00:00:00.000Z', page: 'page-2', at: '2026-01-04T00:00:00.000Z' },
  { t: 'sent', round: 'page-2@2026-01-04T00:00:00.000Z', target: 'intercom:2', at: '2026-01-04T00:00:01.000Z' },
  { t: 'closed', round: 'page-2@2026-01-04T00:00:00.000Z', at: '2026-01-04T00:00:02.000Z', outcome: 'announced' },
];

describe('importing the JSONL delivery journal', () => {
  it('carries open rounds, in-doubt targets, when each target was told and the start date into the store, once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jsonl-import-'));
    const path = join(dir, 'deliveries.jsonl');
    // The last line was torn by a crash mid-write: its record was never acknowledged.
    await writeFile(path, OLD_JOURNAL.map((r) => JSON.stringify(r)).join('\n') + '\n{"t":"sent","round":"pag');
    const store = memoryStore();

    expect(await importJsonlJournal(path, store.journal)).toEqual({ rounds: 1, told: 3 });
    const journal = await DeliveryJournal.open(store.journal);
    expect(journal.createdAt).toBe('2026-01-01T00:00:00.000Z');
    const round = journal.current('page-1')!;
    expect(round.id).toBe('page-1@2026-01-03T00:00:00.000Z');
    expect(journal.target(round, 'intercom:1').status).toBe('sent');
    expect(journal.target(round, 'slack:C1')).toMatchObject({ status: 'in_doubt', intentAt: '2026-01-03T00:00:03.000Z' });
    expect(journal.current('page-2')).toBeUndefined();
    expect(journal.lastSent('page-2', 'intercom:2')).toBe('2026-01-04T00:00:01.000Z');
    expect(journal.lastSent('page-0', 'intercom:7')).toBe('2026-01-02T00:00:00.000Z');

    // Renamed, so the next start does not import it again.
    await access(`${path}.imported`);
    expect(await importJsonlJournal(path, store.journal)).toBeNull();
  });
});
