import { describe, expect, it } from 'vitest';
import { formatDate } from '../../canvases/format-date.js';

describe('formatDate', () => {
  it.each([
    ['2019-01-08T13:05:00Z', 'Jan 8, 2019 at 1:05 PM UTC'],
    ['2019-01-08T00:00:00Z', 'Jan 8, 2019 at 12:00 AM UTC'],
    ['2019-01-08T12:00:00Z', 'Jan 8, 2019 at 12:00 PM UTC'],
    ['2024-12-31T23:59:59.999Z', 'Dec 31, 2024 at 11:59 PM UTC'],
    ['2025-03-09T09:07:00Z', 'Mar 9, 2025 at 9:07 AM UTC'],
    // Offsets are converted to UTC, whatever the server's zone.
    ['2025-07-01T01:30:00+02:00', 'Jun 30, 2025 at 11:30 PM UTC'],
  ])('formats %s as %j', (iso, expected) => {
    expect(formatDate(iso)).toBe(expected);
  });

  it.each(['', 'yesterday', '2025-13-45T99:00:00Z'])('returns null for %j', (text) => {
    expect(formatDate(text)).toBeNull();
  });
});
