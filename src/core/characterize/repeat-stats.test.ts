// Tests of repeat statistics: t quantiles against published tables, mean / CV / CI on known samples.
import { describe, expect, it } from 'vitest';
import { repeatStats, tQuantile975 } from './repeat-stats';

describe('tQuantile975', () => {
  it.each([
    [1, 12.706],
    [2, 4.303],
    [4, 2.776],
    [9, 2.262],
    [29, 2.045],
    [30, 2.042],
    [500, 1.96],
  ])('df %i -> %f', (df, t) => {
    expect(tQuantile975(df)).toBeCloseTo(t, 3);
  });

  it.each([0, -1, 1.5, NaN])('refuses df %f', (df) => {
    expect(() => tQuantile975(df)).toThrow(/df/);
  });
});

describe('repeatStats', () => {
  it('gives mean, sd, CV and the Student t interval for three repeats', () => {
    const s = repeatStats([10, 12, 14]);
    expect(s.n).toBe(3);
    expect(s.mean).toBe(12);
    expect(s.sd).toBeCloseTo(2, 12);
    expect(s.cv).toBeCloseTo(2 / 12, 12);
    // half-width = t(0.975, 2) * 2 / sqrt(3) = 4.303 * 1.1547 = 4.9687
    expect(s.ci95Low).toBeCloseTo(12 - 4.9687, 3);
    expect(s.ci95High).toBeCloseTo(12 + 4.9687, 3);
  });

  it.each([
    [[], 0, null],
    [[5], 1, 5],
    [[5, NaN, Infinity], 1, 5],
  ])('with too few values (%j) leaves what it cannot give null', (values, n, mean) => {
    const s = repeatStats(values);
    expect(s.n).toBe(n);
    expect(s.mean).toBe(mean);
    expect(s.ci95Low).toBeNull();
    expect(s.cv).toBeNull();
  });

  it('has a zero-width interval for identical repeats', () => {
    const s = repeatStats([7, 7, 7, 7]);
    expect(s.ci95Low).toBe(7);
    expect(s.ci95High).toBe(7);
    expect(s.cv).toBe(0);
  });
});
