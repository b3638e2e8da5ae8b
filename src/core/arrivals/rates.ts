// Resolving tenant rates to req/s: absolute rates as given, capacity fractions against measured solo capacities.
import type { Arrival, Rate } from '../experiment/arrival-schema';
import { modelKey, type Experiment, type Tenant } from '../experiment/schema';
import { assertUnreachable } from '../assert';
import { gapsAtScaleMs, scaledGapsMs, scaledStartMs, windowScaleMsPerUs, type BuiltinTraceId } from './builtin-traces';
import { ms, perSec, type Ms, type PerSec } from '../units';

/**
 * Measured solo capacity (req/s) of the device, keyed by `modelKey(model, resolution)`
 * (e.g. `resnet18@224`). Plain data, so it can travel in JSON and between workers.
 */
export type SoloCapacities = Readonly<Record<string, number>>;

/** A tenant's rate is a capacity fraction but the device's solo capacity for its model is unknown. */
export class CapacityUnknownError extends Error {
  constructor(
    readonly tenantId: string,
    readonly key: string,
  ) {
    super(`tenant '${tenantId}': its rate is a fraction of solo capacity, but the solo capacity of ${key} is unknown (measure it first)`);
    this.name = 'CapacityUnknownError';
  }
}

/** An arrival process with every rate in req/s and every time in ms. */
export type ResolvedArrival =
  | { readonly kind: 'closed-loop'; readonly outstanding: number }
  | { readonly kind: 'constant' | 'poisson'; readonly ratePerSec: PerSec }
  | { readonly kind: 'gamma'; readonly ratePerSec: PerSec; readonly cv: number }
  | { readonly kind: 'mmpp'; readonly ratesPerSec: readonly [PerSec, PerSec]; readonly meanDwellMs: readonly [Ms, Ms] }
  | { readonly kind: 'trace'; readonly timestampsMs: readonly Ms[] }
  /** A built-in trace time-scaled to `ratePerSec`: its gaps, replayed in a loop from `startMs` into it (scaled too). */
  | { readonly kind: 'replay'; readonly trace: BuiltinTraceId; readonly ratePerSec: PerSec; readonly gapsMs: readonly number[]; readonly startMs: Ms };

/** The solo-capacity keys an experiment needs (capacity-fraction rates above 0), unique, in tenant order. */
export function capacitiesNeeded(experiment: Experiment): string[] {
  const keys = experiment.tenants.filter((t) => ratesOf(t.arrival).some((r) => r.unit === 'capacity-fraction' && r.value > 0));
  return [...new Set(keys.map((t) => modelKey(t.model, t.resolution)))];
}

function ratesOf(arrival: Arrival): readonly Rate[] {
  switch (arrival.kind) {
    case 'constant':
    case 'poisson':
    case 'gamma':
    case 'replay':
      return [arrival.rate];
    case 'mmpp':
      return arrival.rates;
    case 'closed-loop':
    case 'trace':
      return [];
    default:
      return assertUnreachable(arrival);
  }
}

/** One rate in req/s. Throws {@link CapacityUnknownError} (naming the tenant) when a needed capacity is missing. */
export function resolveRate(rate: Rate, tenant: Tenant, capacities: SoloCapacities): PerSec {
  switch (rate.unit) {
    case 'per-sec':
      return perSec(rate.value);
    case 'capacity-fraction': {
      if (rate.value === 0) return perSec(0);
      const key = modelKey(tenant.model, tenant.resolution);
      const capacity = Object.hasOwn(capacities, key) ? capacities[key] : undefined;
      if (capacity === undefined || !(capacity > 0)) throw new CapacityUnknownError(tenant.id, key);
      return perSec(rate.value * capacity);
    }
    default:
      return assertUnreachable(rate);
  }
}

/**
 * The tenant's arrival process with rates in req/s. Throws {@link CapacityUnknownError} as {@link resolveRate}.
 * A replay that starts into its trace (`startAtS`) with the run's `window` given is lined up so that `startAtS`
 * of the trace is where the measured window begins (the warm-up replays what comes just before it), and time-scaled
 * so that it brings its rate over the measured window (see windowScaleMsPerUs); without `window`, or from the trace's
 * start, it is scaled so that the whole trace has that mean and starts at the run's instant 0.
 */
export function resolveArrival(tenant: Tenant, capacities: SoloCapacities, window?: { readonly warmupMs: number; readonly durationMs: number }): ResolvedArrival {
  const arrival = tenant.arrival;
  switch (arrival.kind) {
    case 'closed-loop':
      return { kind: 'closed-loop', outstanding: arrival.outstanding };
    case 'constant':
    case 'poisson':
      return { kind: arrival.kind, ratePerSec: resolveRate(arrival.rate, tenant, capacities) };
    case 'gamma':
      return { kind: 'gamma', ratePerSec: resolveRate(arrival.rate, tenant, capacities), cv: arrival.cv };
    case 'mmpp': {
      const [r0, r1] = arrival.rates;
      return {
        kind: 'mmpp',
        ratesPerSec: [resolveRate(r0, tenant, capacities), resolveRate(r1, tenant, capacities)],
        meanDwellMs: [ms(arrival.meanDwellMs[0]), ms(arrival.meanDwellMs[1])],
      };
    }
    case 'trace':
      return { kind: 'trace', timestampsMs: arrival.timestampsMs.map(ms) };
    case 'replay': {
      const ratePerSec = resolveRate(arrival.rate, tenant, capacities);
      const startAtS = arrival.startAtS ?? 0;
      if (startAtS > 0 && window !== undefined) {
        const scale = windowScaleMsPerUs(arrival.trace, ratePerSec, startAtS, window.durationMs);
        const gapsMs = gapsAtScaleMs(arrival.trace, scale);
        const loopMs = gapsMs.reduce((sum, g) => sum + g, 0);
        // The warm-up replays the trace just before startAtS (from the end of the loop when that is before its start).
        const startMs = (((startAtS * 1e6 * scale - window.warmupMs) % loopMs) + loopMs) % loopMs;
        return { kind: 'replay', trace: arrival.trace, ratePerSec, gapsMs, startMs: ms(startMs) };
      }
      return { kind: 'replay', trace: arrival.trace, ratePerSec, gapsMs: scaledGapsMs(arrival.trace, ratePerSec), startMs: ms(scaledStartMs(arrival.trace, ratePerSec, startAtS)) };
    }
    default:
      return assertUnreachable(arrival);
  }
}

/**
 * Long-run mean offered rate in req/s of an open-loop process (MMPP: dwell-weighted mean of the state
 * rates; trace: count over the span from 0 to the last timestamp). Undefined for a closed loop, whose
 * rate depends on the server.
 */
export function meanRatePerSec(arrival: ResolvedArrival): PerSec | undefined {
  switch (arrival.kind) {
    case 'closed-loop':
      return undefined;
    case 'constant':
    case 'poisson':
    case 'gamma':
    case 'replay':
      return arrival.ratePerSec;
    case 'mmpp': {
      const [d0, d1] = arrival.meanDwellMs;
      return perSec((arrival.ratesPerSec[0] * d0 + arrival.ratesPerSec[1] * d1) / (d0 + d1));
    }
    case 'trace': {
      const last = arrival.timestampsMs[arrival.timestampsMs.length - 1] ?? 0;
      return last > 0 ? perSec((arrival.timestampsMs.length * 1000) / last) : undefined;
    }
    default:
      return assertUnreachable(arrival);
  }
}
