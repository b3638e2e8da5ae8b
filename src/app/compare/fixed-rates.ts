// Compare's arrivals: capacity-fraction rates turned into fixed req/s once per comparison, so every variant sees the same arrival sequence.
import type { Rate } from '../../core/experiment/arrival-schema';
import { modelKey, parseExperiment, type ConfigIssue, type Experiment, type Tenant } from '../../core/experiment';
import { resolveRate, type SoloCapacities } from '../../core/arrivals/rates';
import { toCapacities, type MeasuredSoloPoint } from '../../core/metrics/solo-profile';
import { errorMessage } from '../../core/error-message';
import type { FixedRate } from './compare-file';

export type { FixedRate };

export type FixedRatesResult =
  | { readonly ok: true; readonly experiment: Experiment; readonly rates: readonly FixedRate[] }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** The rate as req/s, computed as the engine resolves it (so a run with either gives the same arrivals). */
function fixed(rate: Rate, tenant: Tenant, capacities: SoloCapacities): Rate {
  return rate.unit === 'per-sec' ? rate : { unit: 'per-sec', value: resolveRate(rate, tenant, capacities) };
}

/** The tenant with every capacity-fraction rate in req/s, and what was fixed (null: its rates were already req/s, or it is closed-loop). */
function fixTenant(tenant: Tenant, capacities: SoloCapacities, variant: string): { readonly tenant: Tenant; readonly rate: FixedRate | null } {
  const arrival = tenant.arrival;
  let fractions: Rate[];
  let next: Tenant;
  switch (arrival.kind) {
    case 'constant':
    case 'poisson':
    case 'gamma':
    case 'replay':
      fractions = [arrival.rate];
      next = { ...tenant, arrival: { ...arrival, rate: fixed(arrival.rate, tenant, capacities) } };
      break;
    case 'mmpp':
      fractions = [...arrival.rates];
      next = { ...tenant, arrival: { ...arrival, rates: [fixed(arrival.rates[0], tenant, capacities), fixed(arrival.rates[1], tenant, capacities)] } };
      break;
    case 'closed-loop':
    case 'trace':
      return { tenant, rate: null };
  }
  if (!fractions.some((r) => r.unit === 'capacity-fraction')) return { tenant, rate: null };
  const key = modelKey(tenant.model, tenant.resolution);
  const ratesPerSec = 'rate' in next.arrival ? [next.arrival.rate.value] : next.arrival.kind === 'mmpp' ? next.arrival.rates.map((r) => r.value) : [];
  return {
    tenant: next,
    rate: { variant, tenant: tenant.id, modelKey: key, fractions: fractions.map((r) => r.value), capacityPerSec: capacities[key] ?? NaN, ratesPerSec },
  };
}

/**
 * The variant's experiment with every capacity-fraction rate replaced by the req/s it resolves to
 * against `profiles` (the solo profiles measured for the comparison's first run), and the rates fixed.
 * Every variant fixed against the same profiles gets the same req/s for a tenant whose fraction is the
 * same, so with the same seed its arrival times are identical in every variant; the `rate` axis, which
 * changes one tenant's fraction, gets that tenant's own rate per variant from the same capacities.
 * Issues (field-named) when a needed capacity is missing or a fixed rate is out of the schema's bounds.
 */
export function fixRates(experiment: Experiment, variant: string, profiles: readonly MeasuredSoloPoint[]): FixedRatesResult {
  const capacities = toCapacities(profiles);
  const tenants: Tenant[] = [];
  const rates: FixedRate[] = [];
  for (const [i, tenant] of experiment.tenants.entries()) {
    try {
      const result = fixTenant(tenant, capacities, variant);
      tenants.push(result.tenant);
      if (result.rate !== null) rates.push(result.rate);
    } catch (error) {
      return { ok: false, issues: [{ path: `tenants[${String(i)}].arrival`, message: `${variant}: ${errorMessage(error)}` }] };
    }
  }
  if (rates.length === 0) return { ok: true, experiment, rates };
  const checked = parseExperiment({ ...experiment, tenants });
  if (!checked.ok) return { ok: false, issues: checked.issues.map((i) => ({ path: i.path, message: `${variant}, its rate fixed in req/s: ${i.message}` })) };
  return { ok: true, experiment: checked.experiment, rates };
}

/** One line per fixed rate, e.g. `camera: 12.3 req/s (0.4 × 30.8 req/s solo capacity of light@32)`. */
export function rateLine(rate: FixedRate): string {
  const perSec = rate.ratesPerSec.map((r) => r.toFixed(r >= 100 ? 0 : 1)).join(' / ');
  const fractions = rate.fractions.map((f) => String(f)).join(' / ');
  return `${rate.tenant}: ${perSec} req/s (${fractions} × ${rate.capacityPerSec.toFixed(1)} req/s solo capacity of ${rate.modelKey})`;
}
