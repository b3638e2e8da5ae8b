// The planner: batching rescues an overloaded tenant, an impossible load says by how much it exceeds the device.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchCandidates, planExperiment } from './planner';
import { lightAndHeavy, singleTenant } from './test-experiments.test-support';

describe('batchCandidates', () => {
  it.each([
    // SLO, service ms + per extra item: dynamic sizes whose batch fits in SLO/2
    [100, 10, 1, ['none', 'adaptive', 'dynamic 2', 'dynamic 4', 'dynamic 8']],
    [30, 10, 1, ['none', 'adaptive', 'dynamic 2', 'dynamic 4']],
    [20, 10, 1, ['none', 'adaptive']],
  ] as const)('SLO %s ms, %s ms + %s ms per item: %j', (sloMs, serviceMs, perItem, expected) => {
    const exp = singleTenant('poisson', 10, { kind: 'fixed', ms: serviceMs, perExtraItemMs: perItem }, sloMs);
    const tenant = exp.tenants[0];
    if (tenant === undefined || exp.serviceModel === undefined) throw new Error('fixture');
    const got = batchCandidates(tenant, exp.serviceModel);
    expect(got.map((b) => (b.kind === 'dynamic' ? `dynamic ${String(b.maxBatch)}` : b.kind))).toEqual(expected);
    for (const b of got) if (b.kind === 'dynamic') expect(b.maxQueueDelayMs + serviceMs + perItem * (b.maxBatch - 1)).toBeLessThanOrEqual(sloMs / 2 + 1e-9);
  });
});

describe('planExperiment', () => {
  it('finds a batched plan for a tenant that unbatched needs 1.5x the device', () => {
    // 150 req/s of 10 ms each is 1.5 s of work per second; batches of 8 take 17 ms (470 req/s).
    const exp = singleTenant('poisson', 150, { kind: 'fixed', ms: 10, perExtraItemMs: 1 }, 100);
    const planned = planExperiment(exp, { minSamples: 300 });
    if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
    const { plan, noFit, ranking } = planned.outcome;
    expect(noFit).toBeNull();
    expect(plan).not.toBeNull();
    expect(plan?.meetsEverySlo).toBe(true);
    expect(plan?.experiment.tenants[0]?.batch.kind).not.toBe('none');
    expect(plan?.laneMsPerSec).toBeLessThan(1000);
    expect(plan?.predicted[0]?.sloRate).toBeGreaterThanOrEqual(0.99);
    // Best first: every fitting candidate after it charges at least as much lane time.
    for (const c of ranking.slice(1)) if (c.meetsEverySlo) expect(c.laneMsPerSec).toBeGreaterThanOrEqual(plan?.laneMsPerSec ?? Infinity);
  });

  it('says none fits, and by how much the load exceeds the device, when batching cannot help', () => {
    // 1000 req/s of 10 ms each, batches cost 10 ms per request too: the device holds 100 req/s.
    const exp = singleTenant('constant', 1000, { kind: 'fixed', ms: 10, perExtraItemMs: 10 }, 50);
    const planned = planExperiment(exp, { minSamples: 200 });
    if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
    const { plan, noFit } = planned.outcome;
    expect(plan).toBeNull();
    expect(noFit?.limitingTenant).toBe('only');
    expect(Math.abs((noFit?.loadExceedsBy ?? 0) / 10 - 1)).toBeLessThan(0.05);
  });

  it('keeps a tight light tenant within its SLO beside a heavy one (EDF or blocks, not FCFS whole)', () => {
    const planned = planExperiment(lightAndHeavy(), { minSamples: 300 });
    if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
    const plan = planned.outcome.plan;
    expect(plan?.meetsEverySlo).toBe(true);
    const { scheduler, lanes } = plan?.experiment ?? lightAndHeavy();
    expect(scheduler.policy === 'fcfs' && scheduler.granularity === 'inference' && lanes.mode === 'time-sliced').toBe(false);
  });

  it('refuses bad settings and experiments, naming the field (fuzz over the SLO rate)', () => {
    const exp = singleTenant('constant', 10, { kind: 'fixed', ms: 1, perExtraItemMs: 0 }, 10);
    expect(planExperiment({ ...exp, serviceModel: undefined })).toEqual({ ok: false, issues: [expect.objectContaining({ path: 'serviceModel' })] });
    fc.assert(
      fc.property(fc.double().filter((x) => !(x > 0 && x < 1)), (sloRate) => {
        const planned = planExperiment(exp, { sloRate });
        expect(planned.ok ? [] : planned.issues.map((i) => i.path)).toEqual(['sloRate']);
      }),
    );
  });

  it('always answers with a plan or a no-fit for small random single-tenant loads (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 400, noNaN: true }),
        fc.double({ min: 0.5, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 5, max: 200, noNaN: true }),
        (rate, serviceMs, perItem, sloMs) => {
          const planned = planExperiment(singleTenant('poisson', rate, { kind: 'fixed', ms: serviceMs, perExtraItemMs: perItem }, sloMs), { minSamples: 40 });
          if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
          const { plan, noFit } = planned.outcome;
          expect((plan === null) !== (noFit === null)).toBe(true);
          if (plan !== null) expect(plan.meetsEverySlo).toBe(true);
        },
      ),
      { numRuns: 4 },
    );
  });
});
