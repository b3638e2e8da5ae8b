// Capacity search against queueing theory (D/D/1, M/M/1), monotonic SLO rate against load, and option checks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { probeAt, probeLength, searchCapacity, type CapacityOptions } from './capacity';
import { singleTenant } from './test-experiments.test-support';

describe('searchCapacity', () => {
  // D/D/1: evenly spaced arrivals never wait below 1000/S req/s; above it the queue grows without bound.
  it.each([[1], [2.5], [8]])('D/D/1 with S = %s ms: the bracket holds 1000/S req/s', (serviceMs) => {
    const base = 100;
    const exp = singleTenant('constant', base, { kind: 'fixed', ms: serviceMs, perExtraItemMs: 0 }, 3 * serviceMs);
    const searched = searchCapacity(exp);
    if (!searched.ok) throw new Error(JSON.stringify(searched.issues));
    const { holdsFactor, failsFactor, outcome, resolution } = searched.result;
    const capacity = 1000 / serviceMs;
    expect(outcome).toBe('bracketed');
    expect(holdsFactor).not.toBeNull();
    expect(failsFactor).not.toBeNull();
    expect((holdsFactor ?? 0) * base).toBeLessThanOrEqual(capacity * 1.005);
    expect((failsFactor ?? 0) * base).toBeGreaterThanOrEqual(capacity);
    expect((failsFactor ?? 0) / (holdsFactor ?? 1)).toBeLessThanOrEqual(1 + resolution);
  });

  // M/M/1: P(sojourn > t) = exp(-(mu - lambda) t), so P(sojourn <= SLO) >= 0.99 up to lambda = mu - ln(100) / SLO.
  it('M/M/1: the largest rate with P(sojourn <= SLO) >= 0.99 is mu - ln(100)/SLO', () => {
    const sloMs = 20;
    const expected = 1000 - Math.log(100) / (sloMs / 1000);
    const exp = singleTenant('poisson', 500, { kind: 'exponential', meanMs: 1, perExtraItemMs: 0 }, sloMs, 11);
    const searched = searchCapacity(exp, { minSamples: 150_000, resolution: 0.01 });
    if (!searched.ok) throw new Error(JSON.stringify(searched.issues));
    const { holdsFactor, failsFactor } = searched.result;
    const mid = Math.sqrt((holdsFactor ?? 0) * (failsFactor ?? 0)) * 500;
    expect(Math.abs(mid - expected) / expected).toBeLessThan(0.03);
  });

  it('reports fails-at-floor when the SLO is below the service time, and the limiting tenant', () => {
    const searched = searchCapacity(singleTenant('constant', 10, { kind: 'fixed', ms: 5, perExtraItemMs: 0 }, 4), { minSamples: 20 });
    if (!searched.ok) throw new Error(JSON.stringify(searched.issues));
    expect(searched.result.outcome).toBe('fails-at-floor');
    expect(searched.result.holdsFactor).toBeNull();
    expect(searched.result.limitingTenant).toBe('only');
    expect(searched.result.totalAtHoldsPerSec).toBeNull();
  });

  it('reports holds-at-ceiling when even 1024x the load fits', () => {
    const searched = searchCapacity(singleTenant('constant', 0.01, { kind: 'fixed', ms: 1, perExtraItemMs: 0 }, 10), { minSamples: 5 });
    if (!searched.ok) throw new Error(JSON.stringify(searched.issues));
    expect(searched.result.outcome).toBe('holds-at-ceiling');
    expect(searched.result.failsFactor).toBeNull();
    expect(searched.result.holdsFactor).toBe(1024);
  });

  it('reports progress after every probe, ending with every probe counted', () => {
    const seen: number[] = [];
    const searched = searchCapacity(singleTenant('constant', 100, { kind: 'fixed', ms: 2, perExtraItemMs: 0 }, 6), {
      minSamples: 50,
      onProbe: (_p, done, total) => {
        expect(total).toBeGreaterThanOrEqual(done);
        seen.push(done);
      },
    });
    if (!searched.ok) throw new Error(JSON.stringify(searched.issues));
    expect(seen).toEqual(searched.result.probes.map((_, i) => i + 1));
    expect(searched.result.probes.every((p) => p.enoughSamples)).toBe(true);
  });

  it.each([
    [{ sloRate: 1 }, 'sloRate'],
    [{ sloRate: Number.NaN }, 'sloRate'],
    [{ resolution: 0 }, 'resolution'],
    [{ minSamples: 1.5 }, 'minSamples'],
  ] as const)('refuses %j naming %s', (options, field) => {
    const searched = searchCapacity(singleTenant('constant', 100, { kind: 'fixed', ms: 2, perExtraItemMs: 0 }, 6), options);
    expect(searched.ok).toBe(false);
    if (!searched.ok) expect(searched.issues.map((i) => i.path)).toEqual([field]);
  });

  it('refuses an experiment without a service model or without open-loop load', () => {
    const exp = singleTenant('constant', 100, { kind: 'fixed', ms: 2, perExtraItemMs: 0 }, 6);
    const noModel = searchCapacity({ ...exp, serviceModel: undefined });
    expect(noModel.ok ? [] : noModel.issues.map((i) => i.path)).toEqual(['serviceModel']);
    const closed = searchCapacity({ ...exp, tenants: exp.tenants.map((t) => ({ ...t, arrival: { kind: 'closed-loop' as const, outstanding: 1 } })) });
    expect(closed.ok ? [] : closed.issues.map((i) => i.path)).toEqual(['tenants']);
  });

  it('never throws on any options (fuzz): a result or issues naming the option', () => {
    const exp = singleTenant('constant', 100, { kind: 'fixed', ms: 2, perExtraItemMs: 0 }, 6);
    fc.assert(
      fc.property(
        fc.record(
          {
            sloRate: fc.double(),
            resolution: fc.double(),
            minSamples: fc.oneof(fc.integer({ min: 1, max: 80 }), fc.double(), fc.integer({ min: -5, max: 0 })),
            seed: fc.integer({ min: 0, max: 0xffffffff }),
          },
          { requiredKeys: [] },
        ),
        (options: CapacityOptions) => {
          const searched = searchCapacity(exp, options);
          if (searched.ok) expect(searched.result.probes.length).toBeGreaterThan(0);
          else for (const issue of searched.issues) expect(['sloRate', 'resolution', 'minSamples']).toContain(issue.path);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('SLO rate against load', () => {
  // Scaling compresses one request sequence in time; under FCFS every wait can only grow (Lindley's recursion).
  it('never rises as the load factor grows (single FCFS tenant, fixed or exponential service)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.constantFrom('constant' as const, 'poisson' as const),
        fc.boolean(),
        fc.double({ min: 0.5, max: 5, noNaN: true }),
        fc.double({ min: 1.5, max: 10, noNaN: true }),
        fc.double({ min: 0.2, max: 2, noNaN: true }),
        fc.double({ min: 1.01, max: 3, noNaN: true }),
        (seed, kind, exponential, serviceMs, sloOverService, loadLo, step) => {
          const service = exponential ? { kind: 'exponential' as const, meanMs: serviceMs, perExtraItemMs: 0 } : { kind: 'fixed' as const, ms: serviceMs, perExtraItemMs: 0 };
          const exp = singleTenant(kind, 1000 / serviceMs, service, serviceMs * sloOverService, seed);
          const model = exp.serviceModel;
          if (model === undefined) throw new Error('test experiment has a service model');
          const found = probeLength(exp, model, 300);
          if (found === null) throw new Error('open-loop tenant');
          // No minimum duration: each probe is then exactly the same request sequence compressed in time.
          const length = { ...found, minDurationMs: 0 };
          const lo = probeAt(exp, model, loadLo, length, 0.99, 300);
          const hi = probeAt(exp, model, loadLo * step, length, 0.99, 300);
          expect(hi.tenants[0]?.sloRate ?? 0).toBeLessThanOrEqual(lo.tenants[0]?.sloRate ?? 0);
        },
      ),
      { numRuns: 60 },
    );
  });
});
