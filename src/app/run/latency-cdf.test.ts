// Tests for the per-tenant latency CDFs: warm-up excluded, monotone, ends at 1, within a bucket's width of the exact quantiles, bounded.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng';
import { CDF_BUCKETS_PER_DECADE, LatencyCdf } from './latency-cdf';
import { ms } from '../../core/units';

describe('LatencyCdf', () => {
  it('counts only measured requests of known tenants, and rises to 1', () => {
    const cdf = new LatencyCdf(['a', 'b'], 1000);
    cdf.add({ tenant: 'a', arrivalMs: ms(500), latencyMs: ms(5) });
    cdf.add({ tenant: 'a', arrivalMs: ms(1500), latencyMs: ms(10) });
    cdf.add({ tenant: 'a', arrivalMs: ms(1600), latencyMs: ms(1000) });
    cdf.add({ tenant: 'zz', arrivalMs: ms(1600), latencyMs: ms(1000) });
    const [a, b] = cdf.curves();
    expect(a?.count).toBe(2);
    expect(a?.points.map((p) => p.fraction)).toEqual([0.5, 1]);
    expect(b).toEqual({ tenant: 'b', count: 0, points: [] });
  });

  it.each([1, 7, 42])('seed %d: the median read off the curve is within one bucket of the exact one; points stay bounded', (seed) => {
    const rng = createRng(seed);
    const cdf = new LatencyCdf(['t'], 0);
    const values: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const v = Math.exp(rng.next() * 8) * 0.5;
      values.push(v);
      cdf.add({ tenant: 't', arrivalMs: ms(i), latencyMs: ms(v) });
    }
    values.sort((x, y) => x - y);
    const exact = values[values.length / 2] ?? NaN;
    const points = cdf.curves()[0]?.points ?? [];
    const read = points.find((p) => p.fraction >= 0.5)?.latencyMs ?? NaN;
    expect(read / exact).toBeGreaterThanOrEqual(1);
    expect(read / exact).toBeLessThanOrEqual(10 ** (1 / CDF_BUCKETS_PER_DECADE) + 1e-9);
    expect(points.length).toBeLessThanOrEqual(4 * CDF_BUCKETS_PER_DECADE);
    for (let k = 1; k < points.length; k++) expect(points[k]?.fraction).toBeGreaterThan(points[k - 1]?.fraction ?? 1);
  });
});
