// Tests for rate resolution: absolute rates, capacity fractions, the error that names the tenant, tenant sources.
import { describe, expect, it } from 'vitest';
import { exampleExperiment } from '../experiment/example';
import { modelKey, type Experiment, type Tenant } from '../experiment/schema';
import { createRng } from '../rng';
import { createTenantArrivals, runEndMs } from './create';
import { CapacityUnknownError, capacitiesNeeded, meanRatePerSec, resolveArrival } from './rates';
import type { ArrivalSource } from './source';

const base = exampleExperiment();
const tenant = (arrival: Tenant['arrival']): Tenant => ({ ...(base.tenants[0] as Tenant), arrival });

describe('resolveArrival', () => {
  it.each([
    [{ kind: 'poisson', rate: { unit: 'per-sec', value: 12 } }, 12],
    [{ kind: 'constant', rate: { unit: 'capacity-fraction', value: 0.5 } }, 40],
    [{ kind: 'gamma', rate: { unit: 'capacity-fraction', value: 1.25 }, cv: 2 }, 100],
    [{ kind: 'mmpp', rates: [{ unit: 'capacity-fraction', value: 1 }, { unit: 'per-sec', value: 0 }], meanDwellMs: [100, 300] }, 20],
    [{ kind: 'trace', timestampsMs: [0, 250, 500, 1000] }, 4],
  ] as const)('%j has mean rate %d req/s when resnet18@224 does 80 req/s solo', (arrival, expected) => {
    const resolved = resolveArrival(tenant(arrival as Tenant['arrival']), { [modelKey('resnet18', 224)]: 80 });
    expect(meanRatePerSec(resolved)).toBeCloseTo(expected, 9);
  });

  it('names the tenant and the missing capacity', () => {
    const resolve = (): unknown => resolveArrival(tenant({ kind: 'poisson', rate: { unit: 'capacity-fraction', value: 0.4 } }), { 'resnet18@112': 80 });
    expect(resolve).toThrow(CapacityUnknownError);
    expect(resolve).toThrow("tenant 'camera'");
    expect(resolve).toThrow('resnet18@224');
  });

  it('needs no capacity for absolute rates, closed loops or traces', () => {
    expect(resolveArrival(tenant({ kind: 'closed-loop', outstanding: 4 }), {})).toEqual({ kind: 'closed-loop', outstanding: 4 });
    expect(meanRatePerSec(resolveArrival(tenant({ kind: 'poisson', rate: { unit: 'per-sec', value: 3 } }), {}))).toBe(3);
  });
});

describe('capacitiesNeeded', () => {
  it('lists each model@resolution whose capacity a rate depends on, once', () => {
    const experiment: Experiment = {
      ...base,
      tenants: [
        ...base.tenants,
        { ...(base.tenants[0] as Tenant), id: 'twin' },
        { ...(base.tenants[0] as Tenant), id: 'abs', model: 'vgg16', arrival: { kind: 'poisson', rate: { unit: 'per-sec', value: 1 } } },
      ],
    };
    expect(capacitiesNeeded(experiment)).toEqual(['resnet18@224']);
  });
});

describe('createTenantArrivals', () => {
  const firstTimes = (sources: ArrivalSource[]): unknown[] =>
    sources.map((s) => (s.mode === 'open' ? Array.from({ length: 5 }, () => s.next()) : s.start()));

  it('gives each tenant its own reproducible stream', () => {
    const experiment: Experiment = { ...base, tenants: [base.tenants[0] as Tenant, { ...(base.tenants[0] as Tenant), id: 'other' }] };
    const a = firstTimes(createTenantArrivals(experiment, { 'resnet18@224': 80 }, createRng(1)));
    expect(firstTimes(createTenantArrivals(experiment, { 'resnet18@224': 80 }, createRng(1)))).toEqual(a);
    expect(a[0]).not.toEqual(a[1]);
  });

  it('throws before generating anything when a capacity is missing', () => {
    expect(() => createTenantArrivals(base, {}, createRng(1))).toThrow(CapacityUnknownError);
  });

  it('bounds arrivals by warm-up plus duration', () => {
    expect(runEndMs(base)).toBe(22_000);
  });
});
