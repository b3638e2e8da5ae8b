// Tests for latency statistics: nearest-rank quantiles (the one definition, core/metrics/sample-stats.ts), order independence, empty input.
import { describe, expect, it } from 'vitest';
import { latencyStats } from './latency-stats';

describe('latencyStats', () => {
  it('summarizes unsorted latencies', () => {
    expect(latencyStats([5, 1, 4, 2, 3])).toEqual({ count: 5, medianMs: 3, p90Ms: 5, minMs: 1, maxMs: 5, meanMs: 3 });
  });

  it.each([
    [[1, 2, 3, 4], 2, 4],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 50, 90],
    [[7], 7, 7],
  ])('%j: median %d, p90 %d (nearest rank: always one of the samples)', (values, medianMs, p90Ms) => {
    expect(latencyStats(values)).toMatchObject({ medianMs, p90Ms });
  });

  it('gives NaN everywhere but the count for no samples', () => {
    const stats = latencyStats([]);
    expect(stats.count).toBe(0);
    expect([stats.medianMs, stats.p90Ms, stats.minMs, stats.maxMs, stats.meanMs].every(Number.isNaN)).toBe(true);
  });
});
