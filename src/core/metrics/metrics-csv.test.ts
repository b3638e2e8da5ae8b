// CSV cells: numbers at full precision (they read back as the same double), nulls empty, text quoted when needed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './metrics-csv';

describe('csvCell', () => {
  it.each([
    [null, ''],
    [1000125.5, '1000125.5'],
    [1800000.001, '1800000.001'],
    [0.1 + 0.2, '0.30000000000000004'],
    [Infinity, ''],
    [NaN, ''],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "x"', '"say ""x"""'],
  ] as const)('%j -> %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('every finite number reads back as the same double', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      expect(Number(csvCell(x))).toBe(x === 0 ? 0 : x);
    }));
  });

  it('a table is a header and one line per row', () => {
    expect(toCsv(['a', 'b'], [[1, null], ['x,y', 2.5]])).toBe('a,b\n1,\n"x,y",2.5\n');
  });
});
