// Arrival lateness: counts, the late share past 1 ms, and a p99 over zeros and positives alike.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatenessTracker } from './lateness';

describe('LatenessTracker', () => {
  it.each([
    ['no arrivals', [], { arrivals: 0, late: 0, lateShare: null, p99Ms: null, maxMs: null }],
    ['all on time', [0, 0, 0], { arrivals: 3, late: 0, lateShare: 0, p99Ms: 0, maxMs: 0 }],
    ['one of two late by 5 ms', [0, 5], { arrivals: 2, late: 1, lateShare: 0.5 }],
    ['late by 1 ms is not late', [1, 0.5], { arrivals: 2, late: 0, lateShare: 0 }],
  ] as const)('%s', (_name, lateness, expected) => {
    const tracker = new LatenessTracker();
    for (const l of lateness) tracker.add(100, 100 + l);
    expect(tracker.summary()).toMatchObject(expected);
  });

  it('p99 matches the exact nearest-rank p99 within the sketch accuracy, over any mix of zeros and positives', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 500, noNaN: true })), { minLength: 1, maxLength: 400 }), (values) => {
        const tracker = new LatenessTracker();
        for (const v of values) tracker.add(10, 10 + v);
        const sorted = [...values].sort((a, b) => a - b);
        const exact = sorted[Math.max(0, Math.ceil(0.99 * sorted.length) - 1)] ?? 0;
        const { p99Ms } = tracker.summary();
        // Within 1% relative, or between neighbouring ranks (the sketch and nearest rank may pick adjacent values).
        const lo = sorted[Math.max(0, Math.ceil(0.99 * sorted.length) - 2)] ?? 0;
        const hi = sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length))] ?? 0;
        expect(p99Ms).toBeGreaterThanOrEqual(Math.min(lo, exact) * 0.99 - 1e-12);
        expect(p99Ms).toBeLessThanOrEqual(Math.max(hi, exact) * 1.01 + 1e-12);
      }),
    );
  });
});
