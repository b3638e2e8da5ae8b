// Tests for Compare's fixed rates: every variant gets the same arrival times for the tenants its axis does not change.
import { describe, expect, it } from 'vitest';
import { createTenantArrivals } from '../../core/arrivals/create';
import type { SoloCapacities } from '../../core/arrivals/rates';
import type { Experiment, Tenant } from '../../core/experiment';
import { toCapacities } from '../../core/metrics/solo-profile';
import { createRng } from '../../core/rng';
import { SOLO, TWO_TENANTS } from './compare-test-fixture';
import { fixRates, rateLine } from './fixed-rates';
import { variantsOf, type CompareAxis } from './variants';

/** Three open-loop tenants with capacity-fraction rates (one MMPP) beside the fixture's closed loop. */
const FRACTIONS: Experiment = {
  ...TWO_TENANTS,
  tenants: [
    { ...(TWO_TENANTS.tenants[0] as Tenant), arrival: { kind: 'poisson', rate: { unit: 'capacity-fraction', value: 0.3 } } },
    TWO_TENANTS.tenants[1] as Tenant,
    { ...(TWO_TENANTS.tenants[1] as Tenant), id: 'batchy', batch: { kind: 'dynamic', maxBatch: 4, maxQueueDelayMs: 5 }, arrival: { kind: 'gamma', rate: { unit: 'capacity-fraction', value: 0.2 }, cv: 2 } },
    { ...(TWO_TENANTS.tenants[0] as Tenant), id: 'bursty', arrival: { kind: 'mmpp', rates: [{ unit: 'capacity-fraction', value: 0.05 }, { unit: 'capacity-fraction', value: 0.5 }], meanDwellMs: [200, 50] } },
  ],
};

/** Per tenant id, its first `n` open-loop arrival instants (closed loops: none) when run with `capacities`. */
function arrivalsOf(experiment: Experiment, capacities: SoloCapacities, n = 200): Map<string, number[]> {
  const sources = createTenantArrivals(experiment, capacities, createRng(experiment.seed).fork('arrivals'));
  const out = new Map<string, number[]>();
  experiment.tenants.forEach((t, i) => {
    const source = sources[i];
    const times: number[] = [];
    if (source?.mode === 'open') for (let at = source.next(); at !== undefined && times.length < n; at = source.next()) times.push(at);
    out.set(t.id, times);
  });
  return out;
}

const NONE: SoloCapacities = {};

describe('fixRates', () => {
  it.each<[string, CompareAxis, unknown[], string | null]>([
    ['policy', { kind: 'policy' }, ['fcfs', 'priority', 'edf'], null],
    ['batching', { kind: 'batching' }, [1, 4], null],
    ['lane mode', { kind: 'lane-mode' }, ['time-sliced', 'concurrent'], null],
    ['rate of camera', { kind: 'rate', tenant: 'camera' }, [0.1, 0.3, 0.6], 'camera'],
  ])('along %s: every variant has the same arrival times for each tenant the axis does not change, equal to the first run\'s', (_name, axis, values, changed) => {
    const variants = variantsOf(FRACTIONS, axis, values);
    if (!variants.ok) throw new Error(variants.issues.map((i) => i.message).join('; '));
    const fixed = variants.variants.map((v) => fixRates(v.experiment, v.label, SOLO));
    const experiments = fixed.map((f) => {
      if (!f.ok) throw new Error(f.issues.map((i) => i.message).join('; '));
      return f.experiment;
    });
    // Fixed experiments need no capacity any more: every open-loop rate is in req/s.
    for (const e of experiments) for (const t of e.tenants) if ('rate' in t.arrival) expect(t.arrival.rate.unit).toBe('per-sec');
    const byVariant = experiments.map((e) => arrivalsOf(e, NONE));
    // The first run resolved the fractions itself, against the same solo profiles: the same arrivals.
    const firstRun = arrivalsOf(variants.variants[0]!.experiment, toCapacities(SOLO));
    for (const tenant of ['camera', 'batchy', 'bursty']) {
      const first = byVariant[0]!.get(tenant)!;
      expect(first.length, `${tenant} has arrivals`).toBeGreaterThan(5);
      expect(first).toEqual(firstRun.get(tenant));
      for (const other of byVariant.slice(1)) {
        if (tenant === changed) expect(other.get(tenant)).not.toEqual(first);
        else expect(other.get(tenant)).toEqual(first);
      }
    }
  });

  it('says which rates were used: fraction x solo capacity of which model, per variant', () => {
    const variants = variantsOf(FRACTIONS, { kind: 'rate', tenant: 'camera' }, [0.1, 0.3]);
    if (!variants.ok) throw new Error('variants');
    const fixed = fixRates(variants.variants[1]!.experiment, variants.variants[1]!.label, SOLO);
    if (!fixed.ok) throw new Error('fixed');
    expect(fixed.rates.map((r) => [r.variant, r.tenant, r.modelKey, r.fractions, r.capacityPerSec, r.ratesPerSec])).toEqual([
      ['camera at 0.3', 'camera', 'light@32', [0.3], 500, [0.3 * 500]],
      ['camera at 0.3', 'batchy', 'heavy@32', [0.2], 50, [0.2 * 50]],
      ['camera at 0.3', 'bursty', 'light@32', [0.05, 0.5], 500, [0.05 * 500, 0.5 * 500]],
    ]);
    expect(rateLine(fixed.rates[0]!)).toBe('camera: 150 req/s (0.3 × 500.0 req/s solo capacity of light@32)');
  });

  it('leaves an experiment whose rates are all req/s as it is, and names the tenant whose capacity is unknown', () => {
    const same = fixRates(TWO_TENANTS, 'fcfs', SOLO);
    expect(same.ok && same.experiment === TWO_TENANTS && same.rates.length === 0).toBe(true);
    const missing = fixRates(FRACTIONS, 'fcfs', SOLO.filter((p) => p.modelKey !== 'heavy@32'));
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.issues[0]?.path).toBe('tenants[2].arrival');
      expect(missing.issues[0]?.message).toContain("tenant 'batchy'");
    }
  });
});
