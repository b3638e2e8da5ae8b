// Cost of sharing (Perseus): cost per 1M inferences with a device per model against one shared device.
import type { ConfigIssue } from '../experiment/parse';
import type { Experiment } from '../experiment/schema';
import type { ServiceModel } from '../experiment/service-model-schema';
import { searchCapacity, type CapacityOptions, type CapacityResult } from './capacity';

/** The default device price, with where it comes from (an assumption until the user types their own). */
export const DEFAULT_PRICE = {
  perHour: 0.526,
  source:
    'assumed: AWS EC2 on-demand g4dn.xlarge (1x NVIDIA T4), us-east-1, Linux, USD 0.526 per hour as listed on aws.amazon.com/ec2/pricing/on-demand; edit it for your device',
} as const;

const SECONDS_PER_HOUR = 3600;

/** One tenant's share of the mix and its capacity alone on a device. */
export interface DedicatedTenant {
  readonly tenant: string;
  /** Offered rate in the mix at factor 1, req/s. */
  readonly basePerSec: number;
  /** Largest rate this tenant alone holds at its SLO rate, req/s; null when it fails even at the lowest load. */
  readonly capacityPerSec: number | null;
}

/** The cost figures, all in the price's currency. */
export interface CostFigures {
  readonly pricePerHour: number;
  readonly dedicated: readonly (DedicatedTenant & { readonly costPerMillion: number | null })[];
  /** Per 1M inferences of the mix (in its rate proportions), a device per model, each at its own capacity; null if one fails alone. */
  readonly dedicatedCostPerMillion: number | null;
  /** Total rate the shared device holds, req/s; null when the mix holds at no load. */
  readonly sharedCapacityPerSec: number | null;
  readonly sharedCostPerMillion: number | null;
  /** (dedicated - shared) / dedicated * 100; positive: sharing saves. */
  readonly savingPercent: number | null;
  /** Shared throughput at which both cost the same, req/s: 1 / sum(share_i / capacity_i). */
  readonly breakEvenPerSec: number | null;
  /** Devices a device-per-model fleet needs for the shared device's load (fractional: billed by use). */
  readonly dedicatedDevicesForSharedLoad: number | null;
}

/** Pure arithmetic of the cost comparison from capacities (see CostFigures). */
export function costFigures(pricePerHour: number, tenants: readonly DedicatedTenant[], sharedCapacityPerSec: number | null): CostFigures {
  const perMillion = (ratePerSec: number | null): number | null => (ratePerSec === null || !(ratePerSec > 0) ? null : (pricePerHour * 1e6) / (ratePerSec * SECONDS_PER_HOUR));
  const totalBase = tenants.reduce((sum, t) => sum + t.basePerSec, 0);
  const allServed = tenants.length > 0 && tenants.every((t) => t.capacityPerSec !== null && t.capacityPerSec > 0) && totalBase > 0;
  // Device-seconds per inference of the mix: sum over tenants of share_i / capacity_i.
  const secondsPerInference = allServed ? tenants.reduce((sum, t) => sum + t.basePerSec / totalBase / (t.capacityPerSec ?? 1), 0) : null;
  const breakEven = secondsPerInference === null ? null : 1 / secondsPerInference;
  const dedicatedCost = perMillion(breakEven);
  const sharedCost = perMillion(sharedCapacityPerSec);
  return {
    pricePerHour,
    dedicated: tenants.map((t) => ({ ...t, costPerMillion: perMillion(t.capacityPerSec) })),
    dedicatedCostPerMillion: dedicatedCost,
    sharedCapacityPerSec,
    sharedCostPerMillion: sharedCost,
    savingPercent: dedicatedCost === null || sharedCost === null ? null : ((dedicatedCost - sharedCost) / dedicatedCost) * 100,
    breakEvenPerSec: breakEven,
    dedicatedDevicesForSharedLoad: sharedCapacityPerSec === null || breakEven === null ? null : sharedCapacityPerSec / breakEven,
  };
}

/** The cost comparison with the searches behind it. */
export interface CostOfSharing extends CostFigures {
  /** 'simulated' (service model) or 'live' (measured on lanes). */
  readonly figures: 'simulated' | 'live';
  readonly priceSource: string;
  /** The tenant whose SLO rate fails first when the shared load grows. */
  readonly limitingTenant: string | null;
  /** Closed-loop tenants: they run in the shared searches but have no rate to price. */
  readonly excluded: readonly string[];
  readonly shared: CapacityResult;
  readonly dedicatedSearches: readonly CapacityResult[];
}

/** Settings: the price (default DEFAULT_PRICE) and the capacity searches'. */
export interface CostOptions extends CapacityOptions {
  readonly pricePerHour?: number;
  readonly priceSource?: string;
}

/**
 * Searches the shared capacity of the whole experiment and each open-loop tenant's capacity alone
 * (same scheduler, lane mode and seed), and prices both at `pricePerHour` per device-hour.
 */
export function costOfSharing(
  experiment: Experiment,
  options: CostOptions = {},
  serviceModel: ServiceModel | undefined = experiment.serviceModel,
): { readonly ok: true; readonly cost: CostOfSharing } | { readonly ok: false; readonly issues: readonly ConfigIssue[] } {
  const price = options.pricePerHour ?? DEFAULT_PRICE.perHour;
  if (!(Number.isFinite(price) && price > 0)) return { ok: false, issues: [{ path: 'pricePerHour', message: 'expected a price per device-hour above 0' }] };
  const shared = searchCapacity(experiment, options, serviceModel);
  if (!shared.ok) return shared;
  const dedicated: DedicatedTenant[] = [];
  const searches: CapacityResult[] = [];
  const excluded: string[] = [];
  for (const [i, tenant] of experiment.tenants.entries()) {
    const base = shared.result.rates[i]?.basePerSec ?? null;
    if (base === null || base <= 0) {
      excluded.push(tenant.id);
      continue;
    }
    const alone = searchCapacity({ ...experiment, tenants: [tenant] }, options, serviceModel);
    if (!alone.ok) return alone;
    searches.push(alone.result);
    const holds = alone.result.holdsFactor;
    dedicated.push({ tenant: tenant.id, basePerSec: base, capacityPerSec: holds === null ? null : holds * base });
  }
  const figures = costFigures(price, dedicated, shared.result.totalAtHoldsPerSec);
  return {
    ok: true,
    cost: {
      ...figures,
      figures: 'simulated',
      priceSource: options.priceSource ?? (options.pricePerHour === undefined ? DEFAULT_PRICE.source : 'given by the user'),
      limitingTenant: shared.result.limitingTenant,
      excluded,
      shared: shared.result,
      dedicatedSearches: searches,
    },
  };
}
