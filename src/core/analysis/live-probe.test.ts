// A live probe's experiment (scaled, seeded, no simulated service model) and its verdict from measured metrics.
import { describe, expect, it } from 'vitest';
import type { MetricsSnapshot } from '../metrics/snapshot';
import { probeLength } from './capacity';
import { judgeLiveProbe, liveProbeExperiment } from './live-probe';
import { lightAndHeavy } from './test-experiments.test-support';

type Tenants = Pick<MetricsSnapshot, 'tenants'>;
/** A tenant's metrics; `stopped` of the `dropped` were cancelled by Stop (left out of the SLO rate, as the recorder does). */
const tenant = (id: string, completed: number, within: number, dropped: number, stopped = 0) =>
  ({
    id,
    measured: { completed, completedWithinSlo: within, dropped, droppedByReason: { 'queue-full': dropped - stopped, 'slo-unreachable': 0, 'lane-error': 0, stopped } },
    sloSatisfaction: completed + dropped - stopped === 0 ? null : within / (completed + dropped - stopped),
    latencyMs: { p99: { value: 5 } },
    gpuMs: 1,
  });
const metrics = (...ts: ReturnType<typeof tenant>[]): Tenants => ({ tenants: ts }) as unknown as Tenants;
const run = { factor: 2, warmupMs: 100, durationMs: 1000, phase: 'finished' };

describe('liveProbeExperiment', () => {
  it('scales rates to req/s x factor, keeps the seed given, and leaves the simulated service model out', () => {
    const exp = lightAndHeavy(3);
    const serviceModel = exp.serviceModel;
    if (serviceModel === undefined) throw new Error('fixture has a service model');
    const length = probeLength(exp, serviceModel, 662, 0.1);
    if (length === null) throw new Error('open loop');
    const probe = liveProbeExperiment(exp, serviceModel, 2, length, 9);
    expect(probe.seed).toBe(9);
    expect(probe.serviceModel).toBeUndefined();
    expect(probe.tenants.map((t) => t.arrival)).toEqual([
      { kind: 'poisson', rate: { unit: 'per-sec', value: 200 } },
      { kind: 'poisson', rate: { unit: 'per-sec', value: 60 } },
    ]);
    // LoadGen's 662 (x 1.2) for the slower tenant at 60 req/s, and at least 2 x 200 ms / 0.1.
    expect(probe.durationMs).toBeCloseTo(Math.max((1.2 * 662 * 1000) / 30 / 2, 4000), 6);
  });
});

describe('judgeLiveProbe', () => {
  const exp = lightAndHeavy();
  it.each<[string, Tenants | null, string, boolean, string | null, boolean]>([
    ['both within', metrics(tenant('light', 700, 700, 0), tenant('heavy', 700, 699, 1)), 'finished', true, 'heavy', true],
    ['heavy below 99%', metrics(tenant('light', 700, 700, 0), tenant('heavy', 700, 680, 0)), 'finished', false, 'heavy', true],
    ['few samples still judged', metrics(tenant('light', 10, 10, 0), tenant('heavy', 10, 10, 0)), 'finished', true, 'light', false],
    ['a tenant with nothing finished fails', metrics(tenant('light', 700, 700, 0), tenant('heavy', 0, 0, 0)), 'finished', false, 'heavy', false],
    ['a run that failed fails', metrics(tenant('light', 700, 700, 0), tenant('heavy', 700, 700, 0)), 'failed', false, 'light', true],
    ['no metrics at all', null, 'failed', false, null, false],
    ['requests cancelled by Stop are no samples', metrics(tenant('light', 600, 600, 100, 100), tenant('heavy', 700, 700, 0)), 'stopped', false, 'light', false],
  ])('%s', (_name, m, phase, holds, worst, enough) => {
    const judged = judgeLiveProbe(exp, m, { ...run, phase }, 0.99, 662);
    expect(judged).toMatchObject({ holds, worstTenant: worst, enoughSamples: enough, factor: 2, durationMs: 1000 });
  });

  it.each([
    [0, 700],
    [50, 650],
    [100, 600],
  ])('%i of 100 drops cancelled by Stop: %i samples', (stopped, samples) => {
    const judged = judgeLiveProbe(exp, metrics(tenant('light', 600, 600, 100, stopped), tenant('heavy', 700, 700, 0)), { ...run, phase: 'stopped' }, 0.99, 662);
    expect(judged.tenants[0]?.samples).toBe(samples);
    expect(judged.minTenantSamples).toBe(samples);
  });
});
