import { describe, expect, it } from 'vitest';
import { editedSinceCursor } from '../../src/domain/edit-cursor.js';

describe('editedSinceCursor', () => {
  it('starts at the minute before, so an edit later in the same minute (shown rounded down) is read', () => {
    const cursor = editedSinceCursor(new Date('2026-12-02T12:00:30.250Z'));
    expect(cursor).toBe('2026-12-02T11:59:00.000Z');
    // An edit at 12:00:45 is shown by Notion as 12:00:00: the query must not start after it.
    expect(Date.parse('2026-12-02T12:00:00.000Z')).toBeGreaterThanOrEqual(Date.parse(cursor));
  });

  it('still overlaps by a minute when the instant is on a minute boundary', () => {
    expect(editedSinceCursor(new Date('2026-12-02T12:00:00.000Z'))).toBe('2026-12-02T11:59:00.000Z');
  });
});
