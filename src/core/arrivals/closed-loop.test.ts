// Tests for the closed loop: N initial arrivals, one new arrival per completion or drop until the end.
import { describe, expect, it } from 'vitest';
import { ms } from '../units';
import { closedLoopArrivals } from './closed-loop';

describe('closedLoopArrivals', () => {
  it('starts N requests at 0 and replaces each finished one at its completion time', () => {
    const loop = closedLoopArrivals(3, ms(100));
    expect(loop.start()).toEqual([0, 0, 0]);
    expect(loop.onDone(ms(12.5))).toBe(12.5);
    expect(loop.onDone(ms(99.9))).toBe(99.9);
    expect(loop.onDone(ms(100))).toBeUndefined();
  });

  it('issues nothing for an empty run', () => {
    expect(closedLoopArrivals(2, ms(0)).start()).toEqual([]);
  });

  it.each([
    ['start twice', () => { const l = closedLoopArrivals(1, ms(10)); l.start(); l.start(); }],
    ['completion before start', () => closedLoopArrivals(1, ms(10)).onDone(ms(1))],
    ['completions out of order', () => { const l = closedLoopArrivals(2, ms(10)); l.start(); l.onDone(ms(5)); l.onDone(ms(4)); }],
    ['zero outstanding', () => closedLoopArrivals(0, ms(10))],
  ])('throws on %s', (_name, misuse) => {
    expect(misuse).toThrow(/Invariant violated/);
  });
});
