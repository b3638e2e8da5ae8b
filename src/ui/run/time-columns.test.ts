// Tests of the run points -> uPlot columns conversion: lengths, gaps kept, stacked sums and their inverse (property tests over random series).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stackColumns, stackedValue, timeColumns, type Column } from './time-columns';

interface Point {
  readonly tS: number;
  readonly values: readonly (number | null | undefined)[];
}

/** 0-40 points with 1-4 values each: finite numbers, gaps (null, undefined) and non-finite values. */
const points = fc.integer({ min: 1, max: 4 }).chain((lines) =>
  fc.array(fc.record({
    tS: fc.double({ min: 0, max: 1e4, noNaN: true }),
    values: fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(null), fc.constant(undefined), fc.constant(Number.NaN), fc.constant(Infinity)), { minLength: lines, maxLength: lines }),
  }), { maxLength: 40 }).map((ps) => ({ lines, ps })));

const columnsOf = (lines: number) => Array.from({ length: lines }, (_, k) => (p: Point) => p.values[k]);

describe('timeColumns', () => {
  it('keeps every point: x is tS, each column as long as x, gaps (and non-finite values) null, the rest unchanged', () => {
    fc.assert(fc.property(points, ({ lines, ps }) => {
      const [xs, ...columns] = timeColumns(ps, columnsOf(lines));
      expect(xs).toEqual(ps.map((p) => p.tS));
      expect(columns).toHaveLength(lines);
      columns.forEach((column, k) => {
        expect(column).toHaveLength(xs.length);
        column.forEach((value, i) => {
          const raw = ps[i]?.values[k];
          expect(value).toBe(raw === null || raw === undefined || !Number.isFinite(raw) ? null : raw);
        });
      });
    }));
  });

  it('no points: an empty x column and empty columns', () => {
    expect(timeColumns([], [(p: Point) => p.values[0]])).toEqual([[], []]);
  });
});

describe('stackColumns', () => {
  it.each<[string, Column[], Column[]]>([
    ['running sums', [[1, 2], [3, 4], [5, 6]], [[1, 2], [4, 6], [9, 12]]],
    ['a gap stays a gap and adds nothing above it', [[1, null], [null, 4], [5, 6]], [[1, null], [null, 4], [6, 10]]],
    ['no columns', [], []],
  ])('%s', (_name, columns, stacked) => {
    expect(stackColumns(columns)).toEqual(stacked);
  });

  it('stackedValue undoes it: each line\'s own value back (gaps null), lengths kept', () => {
    fc.assert(fc.property(points, ({ lines, ps }) => {
      const [, ...columns] = timeColumns(ps, columnsOf(lines));
      const stacked = stackColumns(columns);
      expect(stacked.map((c) => c.length)).toEqual(columns.map((c) => c.length));
      columns.forEach((column, k) => column.forEach((value, i) => {
        const back = stackedValue(stacked, k, i);
        if (value === null) expect(back).toBeNull();
        else expect(back).toBeCloseTo(value, 3);
      }));
    }));
  });
});
