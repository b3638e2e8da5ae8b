// Tests for per-tenant statistics: merging tenants' statistics equals recording every request into one.
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { sampleExponential } from '../arrivals/samplers';
import { DROP_REASONS } from './events';
import type { LedgerCounts } from './ledger';
import { TenantStats, type Completion } from './tenant-stats';

const LEDGER: LedgerCounts = { arrivals: 0, completed: 0, dropped: 0, droppedByReason: { 'queue-full': 0, 'slo-unreachable': 0, 'lane-error': 0, stopped: 0 }, queued: 0, running: 0 };

/** Without the means, which may differ in the last bits (sums of sums). */
function withoutMeans(snapshot: ReturnType<TenantStats['snapshot']>): unknown {
  // Means (and the mean batch, a ratio of sums) are summed in another order when merged: compared within rounding below.
  const { latencyMs, queueMs, serviceMs, slowdown, meanBatch: _meanBatch, ...rest } = snapshot;
  const strip = <T extends { mean: number | null }>(d: T): Omit<T, 'mean'> => {
    const { mean: _mean, ...others } = d;
    return others;
  };
  return { ...rest, latencyMs: strip(latencyMs), queueMs: strip(queueMs), serviceMs: strip(serviceMs), slowdown: slowdown === null ? null : strip(slowdown) };
}

describe('TenantStats.merge', () => {
  // [seed, tenants, requests, tenants tracking slowdown, with GPU time]
  it.each([
    [1, 4, 5000, 4, true],
    [2, 16, 20_000, 0, false],
    [3, 3, 3000, 1, false],
  ])('seed %d: %d tenants, %d requests (%d with slowdown, GPU time %s) merge into what one recorder of all would hold', (seed, tenants, requests, withSlowdown, gpu) => {
    const options = { windowMs: 1000, startMs: 500, relativeAccuracy: 0.01 };
    const parts = Array.from({ length: tenants }, (_, i) => new TenantStats({ ...options, trackSlowdown: i < withSlowdown }));
    const all = new TenantStats({ ...options, trackSlowdown: withSlowdown > 0 });
    const rng = createRng(seed);
    let nowMs = 500;
    for (let i = 0; i < requests; i++) {
      const tenant = Math.floor(rng.next() * tenants);
      const part = parts[tenant];
      if (part === undefined) throw new Error('no such tenant');
      nowMs += sampleExponential(rng, 0.5);
      const record = (s: TenantStats, c: Completion | undefined): void => {
        s.onArrival();
        if (c === undefined) s.onDrop(DROP_REASONS[i % DROP_REASONS.length] ?? 'queue-full');
        else s.onComplete(c);
      };
      const serviceMs = 0.2 + rng.next();
      const latencyMs = serviceMs + (rng.next() < 0.3 ? 0 : sampleExponential(rng, 4));
      const completion: Completion | undefined =
        rng.next() < 0.05
          ? undefined
          : {
              endMs: nowMs + (rng.next() - 0.5), // slightly out of order
              latencyMs,
              queueMs: latencyMs - serviceMs,
              serviceMs,
              withinSlo: latencyMs <= 5,
              gpuChargeMs: gpu ? serviceMs * 0.9 : undefined,
              serviceChargeMs: serviceMs,
              slowdown: tenant < withSlowdown ? latencyMs / 0.3 : undefined,
              batch: 1 + (i % 4),
            };
      record(part, completion);
      record(all, completion);
    }
    const merged = new TenantStats({ ...options, trackSlowdown: withSlowdown > 0 });
    parts.forEach((p) => merged.merge(p));
    for (const atMs of [nowMs, nowMs + 300, nowMs - 200]) {
      const got = merged.snapshot('overall', LEDGER, atMs, atMs - 500, 1, 1);
      const want = all.snapshot('overall', LEDGER, atMs, atMs - 500, 1, 1);
      expect(withoutMeans(got)).toEqual(withoutMeans(want));
      expect(got.latencyMs.mean ?? NaN).toBeCloseTo(want.latencyMs.mean ?? NaN, 9);
      expect(got.meanBatch ?? NaN).toBeCloseTo(want.meanBatch ?? NaN, 9);
      expect(got.throughputPerSec).toBeGreaterThan(0);
    }
    expect(merged.gpuMissing).toBe(all.gpuMissing);
    expect(merged.gpuMs).toBeCloseTo(all.gpuMs, 6);
    expect(merged.serviceChargeMs).toBeCloseTo(all.serviceChargeMs, 6);
  });

  it('refuses to merge slowdowns into statistics that do not track them', () => {
    const options = { windowMs: 1000, startMs: 0, relativeAccuracy: 0.01 };
    expect(() => new TenantStats({ ...options, trackSlowdown: false }).merge(new TenantStats({ ...options, trackSlowdown: true }))).toThrow(/tracks slowdown/);
  });
});
