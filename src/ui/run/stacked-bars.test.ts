// Tests of the stacked bars' geometry: round linear ticks from 0 past the largest value, segments stacked over missing parts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearTicks, stackSegments } from './stacked-bars';

describe('linearTicks', () => {
  it.each<[number, number[]]>([
    [37, [0, 10, 20, 30, 40]],
    [40, [0, 10, 20, 30, 40]],
    [104, [0, 25, 50, 75, 100, 125]],
    [11, [0, 2.5, 5, 7.5, 10, 12.5]],
    [0.3, [0, 0.1, 0.2, 0.3]],
    [1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, [0, 1]],
    [Number.NaN, [0, 1]],
  ])('%d -> %j', (max, ticks) => {
    expect(linearTicks(max)).toEqual(ticks);
  });

  it('from 0 in equal steps, at most 5 of them, the last at or above max', () => {
    fc.assert(fc.property(fc.double({ min: 1e-3, max: 1e7, noNaN: true }), (max) => {
      const ticks = linearTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max * (1 - 1e-6));
      const step = ticks[1] ?? 0;
      ticks.forEach((tick, i) => expect(tick).toBeCloseTo(i * step, 6));
    }));
  });
});

describe('stackSegments', () => {
  it.each<[string, (number | null)[], unknown[]]>([
    ['each on the ones before it', [3, 4], [{ from: 0, to: 3 }, { from: 3, to: 7 }]],
    ['a missing part has no segment and adds nothing', [null, 4], [null, { from: 0, to: 4 }]],
    ['nothing', [], []],
  ])('%s', (_name, parts, segments) => {
    expect(stackSegments(parts)).toEqual(segments);
  });
});
