// Tests for the open-loop processes: empirical rate and burstiness over many fixed-seed samples, bounds, replay.
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { ms, perSec, type Ms } from '../units';
import { constantArrivals, gammaArrivals, mmppArrivals, poissonArrivals, traceArrivals } from './open-loop';
import type { OpenLoopSource } from './source';

function drain(source: OpenLoopSource): Ms[] {
  const out: Ms[] = [];
  for (let t = source.next(); t !== undefined; t = source.next()) out.push(t);
  return out;
}

/** Rate (req/s) over [0, endMs) and the coefficient of variation of the gaps. */
function stats(times: readonly number[], endMs: number): { ratePerSec: number; cv: number } {
  const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const variance = gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length;
  return { ratePerSec: (times.length * 1000) / endMs, cv: Math.sqrt(variance) / mean };
}

const END = ms(2_000_000);

describe('renewal processes', () => {
  it.each([
    ['constant 50/s', () => constantArrivals(perSec(50), createRng(1), END), 50, 0],
    ['poisson 50/s', () => poissonArrivals(perSec(50), createRng(2), END), 50, 1],
    ['gamma 50/s cv 0.5', () => gammaArrivals(perSec(50), 0.5, createRng(3), END), 50, 0.5],
    ['gamma 50/s cv 1', () => gammaArrivals(perSec(50), 1, createRng(4), END), 50, 1],
    ['gamma 50/s cv 3', () => gammaArrivals(perSec(50), 3, createRng(5), END), 50, 3],
    ['gamma 400/s cv 2', () => gammaArrivals(perSec(400), 2, createRng(6), END), 400, 2],
  ] as const)('%s: empirical rate within 2 percent, gap cv within 5 percent', (_name, make, rate, cv) => {
    const s = stats(drain(make()), END);
    expect(Math.abs(s.ratePerSec / rate - 1)).toBeLessThan(0.02);
    expect(Math.abs(s.cv - cv)).toBeLessThan(0.05 * Math.max(cv, 1));
  });

  it('constant arrivals are exactly 1/rate apart', () => {
    const times = drain(constantArrivals(perSec(4), createRng(9), ms(10_000)));
    expect(times).toHaveLength(40);
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeCloseTo(250, 9);
    expect(times[0]).toBeLessThan(250);
  });
});

describe('MMPP', () => {
  it.each([
    [[100, 10], [50, 200]],
    [[200, 0], [20, 80]],
    [[0, 30], [500, 500]],
  ] as const)('rates %j with dwell %j: long-run rate is the dwell-weighted mean (within 3 percent)', (rates, dwell) => {
    const expected = (rates[0] * dwell[0] + rates[1] * dwell[1]) / (dwell[0] + dwell[1]);
    const source = mmppArrivals([perSec(rates[0]), perSec(rates[1])], [ms(dwell[0]), ms(dwell[1])], createRng(11), END);
    expect(Math.abs(stats(drain(source), END).ratePerSec / expected - 1)).toBeLessThan(0.03);
  });

  it('is burstier than Poisson at the same mean rate', () => {
    const source = mmppArrivals([perSec(200), perSec(10)], [ms(100), ms(400)], createRng(12), END);
    expect(stats(drain(source), END).cv).toBeGreaterThan(1.3);
  });
});

describe('trace replay', () => {
  it('replays timestamps exactly and stops at the end of the run', () => {
    const timestamps = [0, 0, 1.5, 10, 999.75, 1000, 2000].map(ms);
    expect(drain(traceArrivals(timestamps, ms(1000)))).toEqual([0, 0, 1.5, 10, 999.75]);
    expect(drain(traceArrivals(timestamps, ms(5000)))).toEqual(timestamps);
  });
});

describe('every open-loop process', () => {
  const makers: [string, (seed: number, endMs: Ms) => OpenLoopSource][] = [
    ['constant', (seed, end) => constantArrivals(perSec(30), createRng(seed), end)],
    ['poisson', (seed, end) => poissonArrivals(perSec(30), createRng(seed), end)],
    ['gamma', (seed, end) => gammaArrivals(perSec(30), 2.5, createRng(seed), end)],
    ['mmpp', (seed, end) => mmppArrivals([perSec(90), perSec(0)], [ms(50), ms(100)], createRng(seed), end)],
  ];

  it.each(makers)('%s: equal seeds give equal sequences, other seeds other ones', (_name, make) => {
    const a = drain(make(77, ms(20_000)));
    expect(drain(make(77, ms(20_000)))).toEqual(a);
    expect(drain(make(78, ms(20_000)))).not.toEqual(a);
  });

  it.each(makers)('%s: non-decreasing, inside [0, end), and done for good', (_name, make) => {
    const source = make(5, ms(3000));
    const times = drain(source);
    expect(times.length).toBeGreaterThan(0);
    times.forEach((t, i) => {
      expect(t).toBeGreaterThanOrEqual(i === 0 ? 0 : (times[i - 1] ?? 0));
      expect(t).toBeLessThan(3000);
    });
    expect(source.next()).toBeUndefined();
  });
});
