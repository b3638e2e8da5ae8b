// Tests of the CDF curves -> uPlot columns conversion: merged x, steps carried forward, null before a curve starts (tables and a property over random curves).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CdfCurve } from '../../app/run/latency-cdf';
import { cdfColumns } from './cdf-columns';

const curve = (tenant: string, points: readonly [number, number][]): CdfCurve => ({
  tenant, count: points.length, points: points.map(([latencyMs, fraction]) => ({ latencyMs, fraction })),
});

describe('cdfColumns', () => {
  it.each<[string, CdfCurve[], unknown[]]>([
    ['no curves', [], [[]]],
    ['curves without points', [curve('a', []), curve('b', [])], [[], [], []]],
    ['one curve: its own points', [curve('a', [[1, 0.25], [2, 1]])], [[1, 2], [0.25, 1]]],
    ['disjoint points: each held between its own and past its last, null before its first',
      [curve('a', [[1, 0.5], [4, 1]]), curve('b', [[2, 0.1], [3, 0.6], [8, 1]])],
      [[1, 2, 3, 4, 8], [0.5, 0.5, 0.5, 1, 1], [null, 0.1, 0.6, 0.6, 1]]],
    ['shared points appear once', [curve('a', [[1, 0.5], [2, 1]]), curve('b', [[2, 0.3], [5, 1]])], [[1, 2, 5], [0.5, 1, 1], [null, 0.3, 1]]],
    ['a tenant without points beside one with', [curve('a', []), curve('b', [[3, 1]])], [[3], [null], [1]]],
  ])('%s', (_name, curves, columns) => {
    expect(cdfColumns(curves)).toEqual(columns);
  });

  /** 0-4 curves on a shared grid of bucket edges (so that curves share some points): ascending latency, non-decreasing fractions up to 1. */
  const curves = fc.array(
    fc.record({
      edges: fc.uniqueArray(fc.integer({ min: 0, max: 80 }), { maxLength: 30 }),
      counts: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 30, maxLength: 30 }),
    }).map(({ edges, counts }) => {
      const ks = [...edges].sort((a, b) => a - b);
      const total = ks.reduce((sum, _k, i) => sum + (counts[i] ?? 1), 0);
      let seen = 0;
      return curve('t', ks.map((k, i): [number, number] => {
        seen += counts[i] ?? 1;
        return [0.01 * 10 ** ((k + 1) / 10), seen / total];
      }));
    }),
    { maxLength: 4 },
  );

  it('x strictly ascending, a column per curve as long as x, each non-decreasing, null only before its first point, its own value at its own points', () => {
    fc.assert(fc.property(curves, (cs) => {
      const [xs, ...columns] = cdfColumns(cs);
      expect(columns).toHaveLength(cs.length);
      for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1] ?? -Infinity);
      expect(new Set(xs)).toEqual(new Set(cs.flatMap((c) => c.points.map((p) => p.latencyMs))));
      cs.forEach((c, k) => {
        const column = columns[k] ?? [];
        expect(column).toHaveLength(xs.length);
        const first = c.points[0];
        const drawn = column.filter((v): v is number => v !== null);
        // Nulls exactly before the curve's first point.
        const start = first === undefined ? -1 : xs.indexOf(first.latencyMs);
        expect(column.findIndex((v) => v !== null)).toBe(start);
        expect(column.filter((v) => v === null)).toHaveLength(start === -1 ? xs.length : start);
        for (let i = 1; i < drawn.length; i++) expect(drawn[i]).toBeGreaterThanOrEqual(drawn[i - 1] ?? 0);
        for (const p of c.points) expect(column[xs.indexOf(p.latencyMs)]).toBe(p.fraction);
      });
    }));
  });
});
