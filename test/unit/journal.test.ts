import { mkdtemp, readFile, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeliveryJournal } from '../../src/delivery/journal.js';

async function journalPath(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'journal-')), 'deliveries.jsonl');
}

describe('DeliveryJournal', () => {
  it('remembers, across a restart, which targets of an open round were sent', async () => {
    const path = await journalPath();
    const first = await DeliveryJournal.open(path);
    const round = await first.openRound('page-1');
    await first.intent(round, 'intercom:1', 'hello');
    await first.sent(round, 'intercom:1');
    await first.intent(round, 'intercom:2', 'hello');
    await first.failed(round, 'intercom:2', 'Intercom 500', false, false);
    await first.closeFile();

    const second = await DeliveryJournal.open(path);
    const reopened = second.current('page-1');
    expect(reopened?.id).toBe(round.id);
    expect(second.target(reopened!, 'intercom:1').status).toBe('sent');
    expect(second.target(reopened!, 'intercom:2')).toMatchObject({ status: 'failed', lastError: 'Intercom 500' });
    expect(second.createdAt).toBe(first.createdAt);
  });

  it('remembers when each target was last told, after its round closed and across restarts and compactions', async () => {
    const path = await journalPath();
    let clock = Date.parse('2026-01-05T10:00:00.000Z');
    const first = await DeliveryJournal.open(path, () => new Date(clock));
    const round = await first.openRound('page-1');
    await first.intent(round, 'intercom:1', 'hello');
    await first.sent(round, 'intercom:1');
    await first.close(round, 'announced');
    expect(first.lastSent('page-1', 'intercom:1')).toBe('2026-01-05T10:00:00.000Z');
    expect(first.lastSent('page-1', 'intercom:2')).toBeNull();
    await first.closeFile();

    clock += 60_000;
    const second = await DeliveryJournal.open(path, () => new Date(clock));
    expect(second.current('page-1')).toBeUndefined();
    expect(second.lastSent('page-1', 'intercom:1')).toBe('2026-01-05T10:00:00.000Z');
    await second.closeFile();
    // Opened again: what the compaction kept is still there.
    const third = await DeliveryJournal.open(path, () => new Date(clock));
    expect(third.lastSent('page-1', 'intercom:1')).toBe('2026-01-05T10:00:00.000Z');
    expect(third.lastSent('page-2', 'intercom:1')).toBeNull();
  });

  it('marks a target whose send may have happened as in doubt after a crash', async () => {
    const path = await journalPath();
    const first = await DeliveryJournal.open(path);
    const round = await first.openRound('page-1');
    await first.intent(round, 'slack:C1', null);
    await first.closeFile(); // the process died before recording the result

    const second = await DeliveryJournal.open(path);
    const state = second.target(second.current('page-1')!, 'slack:C1');
    expect(state.status).toBe('in_doubt');
    expect(state.intentAt).not.toBeNull();
  });

  it('keeps an in-doubt failure in doubt, and a permanent one given up', async () => {
    const path = await journalPath();
    const first = await DeliveryJournal.open(path);
    const round = await first.openRound('p');
    await first.intent(round, 'a', null);
    await first.failed(round, 'a', 'timeout', false, true);
    await first.intent(round, 'b', null);
    await first.failed(round, 'b', 'conversation deleted', true, false);
    await first.closeFile();
    const second = await DeliveryJournal.open(path);
    const r = second.current('p')!;
    expect(second.target(r, 'a').status).toBe('in_doubt');
    expect(second.target(r, 'b').status).toBe('gave_up');
  });

  it('forgets closed rounds when it compacts, and starts a new round after one closes', async () => {
    const path = await journalPath();
    const first = await DeliveryJournal.open(path);
    const round = await first.openRound('page-1');
    await first.sent(round, 'intercom:1');
    await first.close(round, 'announced');
    await first.closeFile();

    const second = await DeliveryJournal.open(path);
    expect(second.current('page-1')).toBeUndefined();
    // Only the header, and when intercom:1 was told (one line per conversation, for the panel).
    const kept = (await readFile(path, 'utf8')).trim().split('\n').map((line) => (JSON.parse(line) as { t: string }).t);
    expect(kept).toEqual(['header', 'told']);
    const next = await second.openRound('page-1');
    expect(next.id).not.toBe(round.id);
    expect(second.target(next, 'intercom:1').status).toBe('pending');
  });

  it('survives a torn last line from a crash mid-write', async () => {
    const path = await journalPath();
    const first = await DeliveryJournal.open(path);
    const round = await first.openRound('page-1');
    await first.sent(round, 'x');
    await first.closeFile();
    await appendFile(path, '{"t":"sent","round":"pag');
    const second = await DeliveryJournal.open(path);
    expect(second.target(second.current('page-1')!, 'x').status).toBe('sent');
  });

  it('reuses the open round of a ticket instead of starting another', async () => {
    const journal = await DeliveryJournal.open(null);
    const a = await journal.openRound('p');
    const b = await journal.openRound('p');
    expect(b).toBe(a);
    expect(journal.openRounds()).toHaveLength(1);
  });

  it('starts a journal on a fresh disk', async () => {
    const path = await journalPath();
    await writeFile(path, '');
    const journal = await DeliveryJournal.open(path);
    expect(Date.parse(journal.createdAt)).not.toBeNaN();
  });
});
