// Builds each tenant's arrival source from an experiment: rates resolved, one forked rng per tenant.
import type { Experiment } from '../experiment/schema';
import type { Rng } from '../rng';
import { assertUnreachable } from '../assert';
import { ms, type Ms } from '../units';
import { closedLoopArrivals } from './closed-loop';
import { constantArrivals, gammaArrivals, mmppArrivals, poissonArrivals, replayArrivals, traceArrivals } from './open-loop';
import { resolveArrival, type ResolvedArrival, type SoloCapacities } from './rates';
import type { ArrivalSource } from './source';

/** An arrival source for a resolved process; arrivals fall in [0, endMs). */
export function createArrivalSource(arrival: ResolvedArrival, rng: Rng, endMs: Ms): ArrivalSource {
  switch (arrival.kind) {
    case 'closed-loop':
      return closedLoopArrivals(arrival.outstanding, endMs);
    case 'constant':
      return constantArrivals(arrival.ratePerSec, rng, endMs);
    case 'poisson':
      return poissonArrivals(arrival.ratePerSec, rng, endMs);
    case 'gamma':
      return gammaArrivals(arrival.ratePerSec, arrival.cv, rng, endMs);
    case 'mmpp':
      return mmppArrivals(arrival.ratesPerSec, arrival.meanDwellMs, rng, endMs);
    case 'trace':
      return traceArrivals(arrival.timestampsMs, endMs);
    case 'replay':
      return replayArrivals(arrival.gapsMs, endMs, arrival.startMs);
    default:
      return assertUnreachable(arrival);
  }
}

/** End of a run, ms: warm-up plus the measured duration. */
export function runEndMs(experiment: Experiment): Ms {
  return ms(experiment.warmupMs + experiment.durationMs);
}

/**
 * One arrival source per tenant (same order as `experiment.tenants`), each driven by
 * `rng.fork('arrivals/<tenant id>')`, so equal seeds give equal arrivals. Throws
 * CapacityUnknownError naming the tenant when a capacity fraction cannot be resolved.
 */
export function createTenantArrivals(experiment: Experiment, capacities: SoloCapacities, rng: Rng): ArrivalSource[] {
  const endMs = runEndMs(experiment);
  // Resolve every tenant first, so a missing capacity throws before any rng is consumed.
  const resolved = experiment.tenants.map((tenant) => ({ id: tenant.id, arrival: resolveArrival(tenant, capacities, experiment) }));
  return resolved.map(({ id, arrival }) => createArrivalSource(arrival, rng.fork(`arrivals/${id}`), endMs));
}
