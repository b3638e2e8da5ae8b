// Tests of the perf_analyzer stability rule and the knee of a solo sweep: table-driven.
import { describe, expect, it } from 'vitest';
import { kneeBatch, sweepSaturated } from './knee';
import { relativeSpread, settledWindows, stabilityVerdict, type WindowFigures } from './stability';

const w = (...xs: number[]): WindowFigures => xs;

describe('stabilityVerdict', () => {
  it.each<[string, WindowFigures[], string]>([
    ['no windows yet', [], 'measuring'],
    ['two agreeing windows', [w(100), w(101)], 'measuring'],
    ['three within 10%', [w(100), w(105), w(109)], 'stable'],
    ['three at exactly 10% spread', [w(95), w(100), w(105)], 'stable'],
    ['three past 10%', [w(100), w(105), w(112)], 'measuring'],
    ['the last three agree after a warm start', [w(50), w(80), w(100), w(102), w(101)], 'stable'],
    ['one figure stable, the other not', [w(100, 5), w(101, 9), w(100, 5)], 'measuring'],
    ['both figures stable', [w(100, 5), w(101, 5.2), w(100, 5.1)], 'stable'],
    ['a zero window', [w(0), w(0), w(0)], 'measuring'],
    ['a NaN figure', [w(1), w(NaN), w(1)], 'measuring'],
    ['cap reached, never stable', [w(1), w(2), w(1), w(2), w(1), w(2), w(1), w(2), w(1), w(2)], 'unstable'],
    ['stable on the capping window', [w(1), w(2), w(1), w(2), w(1), w(2), w(1), w(2), w(2), w(2)], 'stable'],
  ])('%s -> %s', (_name, history, verdict) => {
    expect(stabilityVerdict(history)).toBe(verdict);
  });

  it('takes its window count, tolerance and cap from the rule', () => {
    const rule = { windows: 2, tolerance: 0.02, maxWindows: 3 };
    expect(stabilityVerdict([w(100), w(101)], rule)).toBe('stable');
    expect(stabilityVerdict([w(100), w(105)], rule)).toBe('measuring');
    expect(stabilityVerdict([w(100), w(105), w(110)], rule)).toBe('unstable');
  });

  it('reads figures from the last windows', () => {
    expect(settledWindows([w(1), w(2), w(3), w(4)])).toEqual([w(2), w(3), w(4)]);
    expect(settledWindows([w(1)])).toEqual([w(1)]);
  });

  it.each([
    [[1, 1], 0],
    [[90, 110], 0.2],
    [[], Infinity],
    [[-1, 1], Infinity],
  ])('relativeSpread(%j) = %f', (xs, spread) => {
    expect(relativeSpread(xs)).toBeCloseTo(spread, 12);
  });
});

const sweep = (...ys: number[]) => ys.map((throughputPerSec, i) => ({ batch: 2 ** i, throughputPerSec }));

describe('kneeBatch and sweepSaturated', () => {
  it.each<[string, number[], number | null, boolean]>([
    ['empty', [], null, false],
    ['one point', [100], 1, false],
    ['still growing', [100, 180, 300], 4, false],
    ['flattens at 4', [100, 180, 300, 310, 305], 4, true],
    ['flattens, then one more step up', [100, 180, 300, 310, 400], 16, false],
    ['flat from the start', [100, 101, 99], 1, true],
    ['a dip that recovers past the gain', [100, 90, 200], 4, false],
  ])('%s', (_name, ys, knee, saturated) => {
    expect(kneeBatch(sweep(...ys))).toBe(knee);
    expect(sweepSaturated(sweep(...ys))).toBe(saturated);
  });
});
