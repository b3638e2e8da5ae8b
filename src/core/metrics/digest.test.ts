// Tests for the quantile digest: the relative error bound against exact sorted percentiles, validity flags.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../rng';
import { sampleExponential, sampleStandardNormal } from '../arrivals/samplers';
import { Digest } from './digest';

/** The exact q-quantile under the digest's documented definition: sorted[floor(q * (n - 1))]. */
function exactQuantile(sorted: readonly number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))] ?? NaN;
}

const QS = [0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

function expectWithinBound(values: readonly number[], accuracy: number): void {
  const digest = new Digest(accuracy);
  for (const v of values) digest.add(v);
  const sorted = [...values].sort((a, b) => a - b);
  for (const q of QS) {
    const exact = exactQuantile(sorted, q);
    const estimate = digest.quantile(q) ?? NaN;
    // Equal (including both 0), or within the relative bound (plus float slack).
    expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(accuracy * exact * (1 + 1e-9) + 1e-12);
  }
}

const generators: [string, (rng: Rng) => number][] = [
  ['lognormal(ln 20, 0.5) ms', (rng) => Math.exp(Math.log(20) + 0.5 * sampleStandardNormal(rng))],
  ['lognormal(ln 5, 1.5) ms, heavy tail', (rng) => Math.exp(Math.log(5) + 1.5 * sampleStandardNormal(rng))],
  ['exponential mean 8 ms', (rng) => sampleExponential(rng, 8)],
  ['uniform 0..1000 ms', (rng) => rng.next() * 1000],
  ['bimodal 3 ms / 300 ms', (rng) => (rng.next() < 0.9 ? 3 : 300) * (1 + 0.05 * rng.next())],
];

describe('Digest', () => {
  it.each(generators)('%s: every quantile within 1 percent of the exact one (50k fixed-seed samples)', (_name, draw) => {
    const rng = createRng(2024);
    expectWithinBound(Array.from({ length: 50_000 }, () => draw(rng)), 0.01);
  });

  it.each([0.005, 0.02, 0.05])('honours relative accuracy %d on lognormal data', (accuracy) => {
    const rng = createRng(99);
    expectWithinBound(Array.from({ length: 20_000 }, () => Math.exp(2 + sampleStandardNormal(rng))), accuracy);
  });

  it('holds the bound on arbitrary non-negative samples (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }), (values) => {
        expectWithinBound(values, 0.01);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('reports exact count, mean, min, max and nulls when empty', () => {
    expect(new Digest().summary()).toMatchObject({ count: 0, mean: null, min: null, max: null, p99: { value: null, valid: false } });
    const d = new Digest();
    [4, 1, 10].forEach((v) => d.add(v));
    expect(d.summary()).toMatchObject({ count: 3, mean: 5, min: 1, max: 10 });
  });

  it.each([
    [10, { p50: false, p90: false, p95: false, p99: false }],
    [11, { p50: true, p90: false, p95: false, p99: false }],
    [63, { p50: true, p90: false, p95: false, p99: false }],
    [64, { p50: true, p90: true, p95: false, p99: false }],
    [130, { p50: true, p90: true, p95: true, p99: false }],
    [661, { p50: true, p90: true, p95: true, p99: false }],
    [662, { p50: true, p90: true, p95: true, p99: true }],
  ])('with %d samples the validity flags are %j', (n, flags) => {
    const d = new Digest();
    for (let i = 1; i <= n; i++) d.add(i);
    const s = d.summary();
    expect({ p50: s.p50.valid, p90: s.p90.valid, p95: s.p95.valid, p99: s.p99.valid }).toEqual(flags);
    expect(s.p99.minSamples).toBe(662);
  });

  // [values, digests, digests fed (the rest stay empty), value of the i-th sample]
  it.each<[string, number, number, (rng: Rng, i: number) => number]>([
    ['lognormal latencies', 4, 4, (rng) => Math.exp(Math.log(20) + 0.5 * sampleStandardNormal(rng))],
    ['service times of 0.5 / 1.0 ms', 5, 5, (_rng, i) => (i % 7 < 3 ? 1.0 : 0.5)],
    // A part topping out at exactly 1 (DDSketch key 0) between parts far below 1: sketches-js's own
    // DDSketch.merge (`secondKey || key` treats key 0 as absent) loses the top bin here (max 0.9, not 1).
    ['tiny values around a part at 0.9 / 1.0', 3, 3, (rng, i) => [0.001 + rng.next() * 0.009, rng.next() < 0.5 ? 1.0 : 0.9, 0.0005 + rng.next() * 0.0015][i % 3] ?? NaN],
    ['queue times with many zeros', 16, 16, (rng) => (rng.next() < 0.4 ? 0 : sampleExponential(rng, 3))],
    ['wide-ranging values', 3, 2, (rng, i) => (i % 2 === 0 ? rng.next() * 1000 : rng.next() * 0.01)],
  ])('merging %s from %d digests (%d fed) equals one digest fed every value', (_name, parts, fed, draw) => {
    const rng = createRng(7);
    const digests = Array.from({ length: parts }, () => new Digest());
    const all = new Digest();
    for (let i = 0; i < 20_000; i++) {
      const v = draw(rng, i);
      digests[i % fed]?.add(v);
      all.add(v);
    }
    const merged = new Digest();
    digests.forEach((d) => merged.merge(d));
    const { mean, ...exact } = merged.summary();
    const { mean: allMean, ...allExact } = all.summary();
    expect(exact).toEqual(allExact);
    for (const q of QS) expect(merged.quantile(q)).toBe(all.quantile(q));
    expect(mean ?? NaN).toBeCloseTo(allMean ?? NaN, 9);
  });

  it('refuses to merge digests of another accuracy', () => {
    expect(() => new Digest(0.01).merge(new Digest(0.02))).toThrow(/same relative accuracy/);
  });

  it.each([-1, NaN, Infinity])('rejects the value %d', (v) => {
    expect(() => new Digest().add(v)).toThrow(/finite and >= 0/);
  });
});
