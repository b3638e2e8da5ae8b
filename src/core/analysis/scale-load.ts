// Scaling an experiment's open-loop load by a factor: rates up, the same request sequence compressed in time.
import { meanRatePerSec, resolveArrival, type SoloCapacities } from '../arrivals/rates';
import type { Arrival, Rate } from '../experiment/arrival-schema';
import { modelKey, type Experiment, type Tenant } from '../experiment/schema';
import type { ServiceModel } from '../experiment/service-model-schema';
import { assertUnreachable } from '../assert';
import { createRng } from '../rng';
import { createServiceTimeModel } from '../sim/service-time';

/**
 * Solo capacity of each model under the service model, req/s, keyed by modelKey: 1000 / mean service
 * time of a batch of 1 (the simulator's own rule for capacity-fraction rates).
 */
export function serviceModelCapacities(experiment: Experiment, serviceModel: ServiceModel): SoloCapacities {
  const capacities = new Map<string, number>();
  for (const tenant of experiment.tenants) {
    const spec = serviceModel.byModel[tenant.model];
    if (spec === undefined) continue;
    capacities.set(modelKey(tenant.model, tenant.resolution), 1000 / createServiceTimeModel(spec, createRng(0)).meanMs(1));
  }
  return Object.fromEntries(capacities);
}

const perSecRate = (rate: Rate, tenant: Tenant, capacities: SoloCapacities, factor: number): Rate => {
  const resolved = resolveArrival({ ...tenant, arrival: { kind: 'constant', rate } }, capacities);
  return { unit: 'per-sec', value: (resolved.kind === 'constant' ? resolved.ratePerSec : 0) * factor };
};

/** The arrival with every rate in req/s times `factor` and every time divided by it (closed loops unchanged). */
function scaleArrival(tenant: Tenant, capacities: SoloCapacities, factor: number): Arrival {
  const arrival = tenant.arrival;
  switch (arrival.kind) {
    case 'closed-loop':
      return arrival;
    case 'constant':
    case 'poisson':
      return { kind: arrival.kind, rate: perSecRate(arrival.rate, tenant, capacities, factor) };
    case 'gamma':
      return { kind: 'gamma', cv: arrival.cv, rate: perSecRate(arrival.rate, tenant, capacities, factor) };
    case 'replay':
      // startAtS is in the original trace's seconds: the time-scaling of a new rate keeps it where it was.
      return { ...arrival, rate: perSecRate(arrival.rate, tenant, capacities, factor) };
    case 'mmpp':
      return {
        kind: 'mmpp',
        rates: [perSecRate(arrival.rates[0], tenant, capacities, factor), perSecRate(arrival.rates[1], tenant, capacities, factor)],
        meanDwellMs: [arrival.meanDwellMs[0] / factor, arrival.meanDwellMs[1] / factor],
      };
    case 'trace':
      return { kind: 'trace', timestampsMs: arrival.timestampsMs.map((t) => t / factor) };
    default:
      return assertUnreachable(arrival);
  }
}

/** Base length of a probe at factor 1, ms (a probe at factor f lasts these divided by f). */
export interface ProbeLength {
  readonly warmupMs: number;
  readonly durationMs: number;
  /** Least measured duration at any factor, ms (0: none); a probe past it is no longer the same sequence compressed. */
  readonly minDurationMs: number;
}

/**
 * The experiment at `factor` times its open-loop load: rates in req/s times factor; trace timestamps,
 * MMPP dwell times, warm-up and duration divided by it (the duration no shorter than `minDurationMs`).
 * With the same seed the open-loop arrivals are then the same request sequence compressed in time
 * (closed-loop tenants keep their outstanding count), extended when the minimum applies.
 */
export function scaleLoad(experiment: Experiment, serviceModel: ServiceModel, factor: number, length: ProbeLength): Experiment {
  const capacities = serviceModelCapacities(experiment, serviceModel);
  return {
    ...experiment,
    serviceModel,
    tenants: experiment.tenants.map((tenant) => ({ ...tenant, arrival: scaleArrival(tenant, capacities, factor) })),
    warmupMs: length.warmupMs / factor,
    durationMs: Math.max(length.durationMs / factor, length.minDurationMs),
  };
}

/** Each tenant's mean offered rate at factor 1, req/s; null for a closed loop. */
export function baseRatesPerSec(experiment: Experiment, serviceModel: ServiceModel): ReadonlyMap<string, number | null> {
  const capacities = serviceModelCapacities(experiment, serviceModel);
  const rates = new Map<string, number | null>();
  for (const tenant of experiment.tenants) rates.set(tenant.id, meanRatePerSec(resolveArrival(tenant, capacities)) ?? null);
  return rates;
}
