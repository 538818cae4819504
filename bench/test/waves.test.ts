import { describe, expect, it } from 'vitest';
import { groupWaves, maxRatePerSecond } from '../lib/waves.js';

const req = (start: number, end: number, name = `${start}-${end}`) => ({ start, end, name });

describe('groupWaves', () => {
  it('counts a chain of dependent requests one wave each', () => {
    expect(groupWaves([req(0, 50), req(51, 100), req(101, 150)])).toHaveLength(3);
  });

  it('puts requests sent while another is in flight in the same wave', () => {
    const waves = groupWaves([req(0, 50, 'page'), req(52, 100, 'channel'), req(101, 160, 'topic'), req(102, 150, 'invite'), req(103, 155, 'note')]);
    expect(waves.map((w) => w.map((r) => r.name))).toEqual([['page'], ['channel'], ['topic', 'invite', 'note']]);
  });

  it('keeps a wave open until its slowest request has answered', () => {
    // The third request starts after the first answered but while the second is still in flight.
    expect(groupWaves([req(0, 50), req(1, 200), req(120, 170)])).toHaveLength(1);
  });

  it('opens a new wave for a request sent exactly when the last one answered', () => {
    expect(groupWaves([req(0, 50), req(50, 90)])).toHaveLength(2);
  });

  it('does not depend on the order the requests were recorded in', () => {
    expect(groupWaves([req(101, 150), req(0, 50), req(51, 100)])).toHaveLength(3);
  });

  it('finds no wave when nothing was sent', () => {
    expect(groupWaves([])).toEqual([]);
  });
});

describe('maxRatePerSecond', () => {
  it('is the busiest window, as requests per second', () => {
    expect(maxRatePerSecond([0, 100, 200, 1200, 1300, 1400, 1500], 1000)).toBe(4);
  });

  it('does not count a request sent a full window after the first', () => {
    expect(maxRatePerSecond([0, 300, 600, 1000], 1000)).toBe(3);
  });

  it('averages over long windows', () => {
    const everyThird = Array.from({ length: 30 }, (_, i) => i * 334);
    expect(maxRatePerSecond(everyThird, 10_000)).toBe(3);
  });

  it('forgives the tolerance at the window edge, and only that', () => {
    const starts = [0, 100, 200, 999.6];
    expect(maxRatePerSecond(starts, 1000)).toBe(4);
    expect(maxRatePerSecond(starts, 1000, 5)).toBe(3);
    expect(maxRatePerSecond([0, 100, 200, 990], 1000, 5)).toBe(4);
  });

  it('is zero without requests', () => {
    expect(maxRatePerSecond([], 1000)).toBe(0);
  });
});
