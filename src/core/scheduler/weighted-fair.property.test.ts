// Property tests of weighted fair sharing: GPU-time shares converge to the weights, nobody starves.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ms } from '../units';
import { NO_BATCHING } from '../batching/batch-plan';
import { createRng } from '../rng';
import { createScheduler } from './scheduler';
import type { TenantSchedConfig } from './types';

const scenarioArb = fc.record({
  weights: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 2, maxLength: 8 }),
  /** Mean service time per tenant, ms: shares must hold in GPU time, not in slice counts. */
  serviceMs: fc.array(fc.constantFrom(0.5, 1, 2, 5), { minLength: 8, maxLength: 8 }),
  seed: fc.nat(),
});

describe('weighted-fair sharing over many seeds', () => {
  it('gives every always-backlogged tenant a GPU-time share within 2 percentage points of its weight share, with a bounded gap', () => {
    fc.assert(
      fc.property(scenarioArb, ({ weights, serviceMs, seed }) => {
        const n = weights.length;
        const tenants: TenantSchedConfig[] = weights.map((weight) => ({
          sloMs: ms(1e9), weight, priorityRank: 1, queueLimit: Infinity, overflow: 'drop-newest', batching: NO_BATCHING,
        }));
        const scheduler = createScheduler({
          policy: 'weighted-fair', admission: 'none', laneMode: 'time-sliced', blocks: 1, tenants,
          estimateServiceMs: (t) => ms(serviceMs[t] ?? 1),
          onDrop: () => { throw new Error('no drops expected'); },
        });
        const rng = createRng(seed);
        let id = 0;
        const refill = (t: number, nowMs: number): void => {
          while (scheduler.queuedCount(t) < 2) scheduler.enqueue({ id: id++, tenant: t, arrivalMs: ms(nowMs), deadlineMs: ms(1e12) }, ms(nowMs));
        };
        for (let t = 0; t < n; t++) refill(t, 0);
        const gpuMs = new Float64Array(n);
        const lastServedEndMs = new Float64Array(n);
        const maxGapMs = new Float64Array(n);
        const totalWeight = weights.reduce((a, b) => a + b, 0);
        const longestMs = 2 * Math.max(...serviceMs.slice(0, n));
        let nowMs = 0;
        while (nowMs < 20_000) {
          const pick = scheduler.pick(ms(nowMs), 0);
          if (pick?.kind !== 'dispatch') throw new Error('backlogged tenants always have work');
          const t = pick.tenant;
          // Service jitter: uniform in [0.5, 1.5] x the tenant's mean.
          const took = (serviceMs[t] ?? 1) * (0.5 + rng.next());
          maxGapMs[t] = Math.max(maxGapMs[t] as number, nowMs - (lastServedEndMs[t] as number));
          nowMs += took;
          lastServedEndMs[t] = nowMs;
          gpuMs[t] = (gpuMs[t] as number) + took;
          scheduler.onComplete(pick, ms(took), ms(nowMs));
          refill(t, nowMs);
        }
        weights.forEach((w, t) => {
          expect(Math.abs((gpuMs[t] as number) / nowMs - w / totalWeight)).toBeLessThan(0.02);
          // Start-time fair queueing: a backlogged tenant waits at most about one longest slice per other
          // tenant plus its weight ratio's worth of the others' service.
          expect(maxGapMs[t]).toBeLessThanOrEqual((totalWeight / w + n) * longestMs);
        });
      }),
      { numRuns: 60, seed: 42 },
    );
  });
});
