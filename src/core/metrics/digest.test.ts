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

  it.each([-1, NaN, Infinity])('rejects the value %d', (v) => {
    expect(() => new Digest().add(v)).toThrow(/finite and >= 0/);
  });
});
