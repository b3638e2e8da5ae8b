// LoadGen's early stopping checked against its published figures: 459 requests with none over the bound, 662 (LoadGen's p99 minimum) with one, p90's 64.
import { describe, expect, it } from 'vitest';
import { earlyStoppingOf, minPassingRequests, overBoundOdds } from './early-stopping';

/** Metrics with `completed` requests (`within` of them within the SLO), `dropped` dropped (`stopped` of those by Stop), and a p99. */
const metrics = (completed: number, within: number, dropped: number, p99Ms: number | null, stopped = 0) =>
  ({ latencyMs: { p99: { value: p99Ms } }, measured: { completed, completedWithinSlo: within, dropped, droppedByReason: { 'queue-full': dropped - stopped, 'slo-unreachable': 0, 'lane-error': 0, stopped } } }) as unknown as Parameters<typeof earlyStoppingOf>[0];

describe('LoadGen early stopping', () => {
  it.each([
    // h_min(t = 0, p99) = 459: 0.99^459 < 0.01 <= 0.99^458.
    [0, 0.99, 459],
    // One over the bound: 661 within, 662 in all (LoadGen's minimum query count for p99).
    [1, 0.99, 661],
    // p90's SingleStream floor: 63 + 1 = 64.
    [1, 0.9, 63],
  ])('t = %i at p%s: %i requests within the bound', (t, p, h) => {
    expect(minPassingRequests(t, p)).toBe(h);
    expect(overBoundOdds(h, t, p)).toBeLessThan(0.01);
    expect(overBoundOdds(h - 1, t, p)).toBeGreaterThanOrEqual(0.01);
  });

  it('needs more requests for each one over the bound (about 100 more each at p99), and the odds do not underflow', () => {
    let last = minPassingRequests(0);
    for (const t of [1, 2, 5, 10, 50]) {
      const h = minPassingRequests(t);
      expect(h).toBeGreaterThan(last);
      last = h;
    }
    expect(minPassingRequests(50) / 50).toBeGreaterThan(99);
    expect(overBoundOdds(1_000_000, 3, 0.99)).toBe(0);
    expect(overBoundOdds(0, 0, 0.99)).toBe(1);
  });

  it.each<[string, ReturnType<typeof metrics>, string, number, RegExp]>([
    ['178 requests all within: 281 more needed', metrics(178, 178, 0, 40), 'INVALID', 459, /^0 of 178 requests over the bound; LoadGen's early stopping needs 459: 281 more all within the bound$/],
    ['500 all within: enough below 662', metrics(500, 500, 0, 40), 'PASS', 459, /enough; p99 within the bound$/],
    ['a drop counts over the bound', metrics(499, 499, 1, 40), 'INVALID', 662, /^1 of 500 requests over the bound/],
    ['cancelled by Stop: not counted', metrics(500, 500, 50, 40, 50), 'PASS', 459, /^0 of 500/],
    // Within the bound by count but over it by the sketch's p99 (within 1%): the p99 decides, as LoadGen's perf constraint does.
    ['enough requests but p99 over the bound', metrics(500, 500, 0, 50.4), 'FAIL', 459, /enough; p99 over the bound$/],
    ['ten over the bound of 600: far too few', metrics(600, 590, 0, 80), 'INVALID', minPassingRequests(10) + 10, /more all within the bound$/],
  ])('%s', (_name, m, kind, needed, reason) => {
    const estimate = earlyStoppingOf(m, 50);
    expect(estimate?.kind).toBe(kind);
    expect(estimate?.neededSamples).toBe(needed);
    expect(estimate?.reason).toMatch(reason);
  });
});
