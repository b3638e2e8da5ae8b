// Tests for Compare's latency CDFs from measured latencies: point counts, shape, the bounded seeded sample, and the controller's per-variant CDFs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateExperiment } from '../../core/sim';
import { CompareController } from './compare-controller';
import { simulatedEngine, TWO_TENANTS } from './compare-test-fixture';
import { viewOf } from './compare-view';
import { CDF_MAX_POINTS, CDF_QUANTILES, CDF_SAMPLE_LIMIT, empiricalCdf, LatencySample } from './latency-cdf-points';
import { memoryPinStore } from './pin-store';
import { variantsOf } from './variants';

const ascending = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => 1 + i * 0.5);

describe('empiricalCdf', () => {
  it.each([
    [0, 0],
    [1, 1],
    [10, 10],
    [CDF_SAMPLE_LIMIT, CDF_SAMPLE_LIMIT],
    [CDF_SAMPLE_LIMIT + 1, CDF_QUANTILES + 1],
    [5_000, CDF_QUANTILES + 1],
    [200_000, CDF_QUANTILES + 1],
  ])('%d latencies give %d points', (n, points) => {
    const cdf = empiricalCdf(ascending(n));
    expect(cdf).toHaveLength(points);
    expect(points === 0 || points >= Math.min(n, 200)).toBe(true);
    if (n === 0) return;
    // From the smallest to the largest latency, ending at 1; never going back.
    expect(cdf.at(-1)).toEqual({ latencyMs: 1 + (n - 1) * 0.5, fraction: 1 });
    expect(cdf[0]?.latencyMs).toBe(1);
    for (let i = 1; i < cdf.length; i++) {
      expect(cdf[i]!.latencyMs).toBeGreaterThanOrEqual(cdf[i - 1]!.latencyMs);
      expect(cdf[i]!.fraction).toBeGreaterThan(cdf[i - 1]!.fraction);
    }
  });

  it('past the sample limit, each point is the nearest-rank quantile at k / CDF_QUANTILES', () => {
    const cdf = empiricalCdf(ascending(1000));
    expect(cdf[CDF_QUANTILES / 2]).toEqual({ latencyMs: 1 + 499 * 0.5, fraction: 0.5 });
    expect(cdf[0]).toEqual({ latencyMs: 1, fraction: 0 });
  });
});

describe('LatencySample', () => {
  it('keeps every latency under its cap, a fixed-size seeded sample past it, and skips what is not a latency', () => {
    const under = new LatencySample(100);
    for (const x of [3, 1, 2, NaN, -1, Infinity]) under.add(x);
    expect([...under.sorted()]).toEqual([1, 2, 3]);
    expect(under.count).toBe(3);
    const fill = (s: LatencySample) => {
      for (let i = 0; i < 10_000; i++) s.add(i);
      return s.sorted();
    };
    const a = fill(new LatencySample(500, 7));
    expect(a).toHaveLength(500);
    expect(fill(new LatencySample(500, 7))).toEqual(a);
    // A uniform sample of 0..9999: its median near 5000.
    expect(Math.abs((a[250] ?? 0) - 5000)).toBeLessThan(1000);
  });

  it('fuzz: any latencies give a CDF of at most CDF_MAX_POINTS points, ascending, ending at 1', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { maxLength: 2000 }), (xs) => {
      const s = new LatencySample(1000, 3);
      for (const x of xs) s.add(x);
      const cdf = empiricalCdf(s.sorted());
      expect(cdf.length).toBeLessThanOrEqual(CDF_MAX_POINTS);
      if (xs.length > 0) expect(cdf.at(-1)?.fraction).toBe(1);
      for (let i = 1; i < cdf.length; i++) expect(cdf[i]!.latencyMs).toBeGreaterThanOrEqual(cdf[i - 1]!.latencyMs);
    }), { seed: 14, numRuns: 200 });
  });
});

describe('Compare CDFs', () => {
  it.each([[1, 300], [2, 600]])('with %d repeat(s), each variant draws every tenant from its %d measured latencies (warm-up left out)', async (repeats, count) => {
    const variants = variantsOf(TWO_TENANTS, { kind: 'policy' }, ['fcfs', 'priority']);
    if (!variants.ok) throw new Error('variants');
    const controller = new CompareController({
      createEngine: () => simulatedEngine().engine, simulate: (e) => Promise.resolve(simulateExperiment(e)), pins: memoryPinStore(),
      nowIso: () => '2026-12-02T02:00:00Z', newId: () => 'c1',
    });
    await controller.compare({ title: 'x', variants: variants.variants, lesson: null, repeats, engine: { backend: 'wasm' } });
    const view = viewOf(controller.store.getSnapshot().comparison!);
    for (const v of view.variants) {
      expect(v.cdf.map((c) => [c.tenant, c.from, c.count])).toEqual([['camera', 'samples', count], ['heavy', 'samples', count]]);
      for (const c of v.cdf) {
        expect(c.points).toHaveLength(count > CDF_SAMPLE_LIMIT ? CDF_QUANTILES + 1 : count);
        // The warm-up request (1e6 ms) is not among them.
        expect(c.points.at(-1)!.latencyMs).toBeLessThan(100);
      }
    }
  });
});
