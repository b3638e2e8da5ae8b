// Tests for latency statistics: percentiles by interpolation, order independence, empty input.
import { describe, expect, it } from 'vitest';
import { latencyStats, percentile } from './latency-stats';

describe('percentile', () => {
  it.each([
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9, 91],
    [[7], 0.9, 7],
  ])('percentile(%j, %d) = %d', (values, q, expected) => {
    expect(percentile(values, q)).toBeCloseTo(expected, 9);
  });

  it('is NaN for no values', () => {
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('latencyStats', () => {
  it('summarizes unsorted latencies', () => {
    expect(latencyStats([5, 1, 4, 2, 3])).toEqual({ count: 5, medianMs: 3, p90Ms: 4.6, minMs: 1, maxMs: 5, meanMs: 3 });
  });

  it('gives NaN everywhere but the count for no samples', () => {
    const stats = latencyStats([]);
    expect(stats.count).toBe(0);
    expect([stats.medianMs, stats.p90Ms, stats.minMs, stats.maxMs, stats.meanMs].every(Number.isNaN)).toBe(true);
  });
});
