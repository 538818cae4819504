import { describe, expect, it } from 'vitest';
import { mean, percentile, round } from '../lib/stats.js';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);

  it('is the nearest-rank value, whatever the input order', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 100)).toBe(100);
  });

  it('is the largest sample for p95 of a few samples', () => {
    expect(percentile([3, 1, 2], 95)).toBe(3);
  });

  it('is NaN without samples', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('mean and round', () => {
  it('averages', () => {
    expect(mean([1, 2, 6])).toBe(3);
  });

  it('rounds for the report and turns what JSON cannot hold into null', () => {
    expect(round(2.345, 2)).toBe(2.35);
    expect(round(1234.56, 0)).toBe(1235);
    expect(round(Number.NaN)).toBeNull();
  });
});
