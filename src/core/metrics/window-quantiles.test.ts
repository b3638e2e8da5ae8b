// Tests for WindowQuantiles: nearest-rank within the relative accuracy after any sequence of adds and removes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WindowQuantiles } from './window-quantiles';

/** Exact nearest-rank quantile of the values. */
function exact(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1] ?? null;
}

describe('WindowQuantiles', () => {
  it.each([
    [[5], 0.5, 5],
    [[1, 2, 3, 4], 0.5, 2],
    [[0, 0, 7], 0.99, 7],
    [[0, 0, 7], 0.5, 0],
  ])('quantile of %j at %f is about %f', (values, q, want) => {
    const w = new WindowQuantiles();
    for (const v of values) w.add(v);
    const got = w.quantile(q) ?? NaN;
    expect(Math.abs(got - want)).toBeLessThanOrEqual(want * 0.01 + 1e-12);
  });

  it('is empty (null) after every value is removed', () => {
    const w = new WindowQuantiles();
    w.add(3);
    w.remove(3);
    expect([w.count, w.quantile(0.5)]).toEqual([0, null]);
  });

  it('matches the exact nearest rank within 1% over a sliding window (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1e-5, max: 1e6, noNaN: true }), { maxLength: 300 }), fc.integer({ min: 1, max: 50 }), fc.constantFrom(0.5, 0.95, 0.99), (values, width, q) => {
        const w = new WindowQuantiles();
        values.forEach((v, i) => {
          w.add(v);
          if (i >= width) w.remove(values[i - width] as number);
          const want = exact(values.slice(Math.max(0, i - width + 1), i + 1), q) ?? NaN;
          expect(Math.abs((w.quantile(q) ?? NaN) - want)).toBeLessThanOrEqual(want * 0.0101);
        });
      }),
      { numRuns: 200, seed: 15 },
    );
  });
});
