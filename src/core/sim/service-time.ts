// The simulator's service-time model: per model and batch size, fixed, random or a measured profile.
import type { ServiceTime } from '../experiment/service-model-schema';
import type { Rng } from '../rng';
import { assertUnreachable, invariant } from '../assert';
import { sampleExponential, sampleStandardNormal } from '../arrivals/samplers';
import { ms, type Ms } from '../units';

/** z of the normal 0.99 quantile: a log-normal's sigma = ln(p99 / median) / Z99. */
const Z99 = 2.326347874;

/** Largest batch the model tabulates (the schema's maxBatch ceiling). */
export const MAX_BATCH = 256;

/** A service time as the experiment file gives it (`exponential` is for queueing-theory checks such as M/M/1). */
export type SimServiceTime = ServiceTime;

/** How long one batch takes on an otherwise idle GPU. */
export interface ServiceTimeModel {
  /** Typical (median) service time of a batch, ms: the scheduler's estimate. */
  medianMs(batch: number): Ms;
  /** Mean service time of a batch, ms. */
  meanMs(batch: number): Ms;
  /** One random service time of a batch, ms (> 0). */
  sampleMs(batch: number): Ms;
}

type Noise = 'none' | 'lognormal' | 'exponential';

/**
 * Builds a model from its spec and a dedicated rng. Per batch b (1..256) it
 * tabulates a median and a log-normal sigma: `fixed` and `distribution` grow by
 * `perExtraItemMs` per extra request; `profile` interpolates linearly between
 * measured batch sizes and extends the last segment's slope beyond them (the
 * first point's per-request time below them). A profile point without p99 is
 * deterministic; sigma is interpolated like the median.
 */
export function createServiceTimeModel(spec: SimServiceTime, rng: Rng): ServiceTimeModel {
  const median = new Float64Array(MAX_BATCH + 1);
  const sigma = new Float64Array(MAX_BATCH + 1);
  let noise: Noise = 'none';
  switch (spec.kind) {
    case 'fixed':
      for (let b = 1; b <= MAX_BATCH; b++) median[b] = spec.ms + spec.perExtraItemMs * (b - 1);
      break;
    case 'exponential':
      noise = 'exponential';
      for (let b = 1; b <= MAX_BATCH; b++) median[b] = (spec.meanMs + spec.perExtraItemMs * (b - 1)) * Math.LN2;
      break;
    case 'distribution': {
      noise = 'lognormal';
      const s = Math.log(spec.p99Ms / spec.medianMs) / Z99;
      for (let b = 1; b <= MAX_BATCH; b++) {
        median[b] = spec.medianMs + spec.perExtraItemMs * (b - 1);
        sigma[b] = s;
      }
      break;
    }
    case 'profile':
      noise = spec.byBatch.some((p) => p.p99Ms !== undefined) ? 'lognormal' : 'none';
      tabulateProfile(spec.byBatch, median, sigma);
      break;
    default:
      assertUnreachable(spec);
  }
  const at = (table: Float64Array, batch: number): number => {
    if (!(Number.isInteger(batch) && batch >= 1 && batch <= MAX_BATCH)) invariant(false, `batch ${batch} in 1..${MAX_BATCH}`);
    return table[batch] as number;
  };
  return {
    // Hot path (per dispatch): branded by cast rather than a call to ms().
    medianMs: (batch) => at(median, batch) as Ms,
    meanMs: (batch) => {
      const m = at(median, batch);
      if (noise === 'exponential') return ms(m / Math.LN2);
      const s = sigma[batch] as number;
      return ms(m * Math.exp((s * s) / 2));
    },
    sampleMs: (batch) => {
      const m = at(median, batch);
      switch (noise) {
        case 'none':
          return m as Ms;
        case 'exponential':
          return ms(sampleExponential(rng, m / Math.LN2));
        case 'lognormal': {
          const s = sigma[batch] as number;
          return ms(s === 0 ? m : m * Math.exp(s * sampleStandardNormal(rng)));
        }
        default:
          return assertUnreachable(noise);
      }
    },
  };
}

interface ProfilePoint {
  readonly batch: number;
  readonly medianMs: number;
  readonly p99Ms?: number | undefined;
}

function tabulateProfile(points: readonly ProfilePoint[], median: Float64Array, sigma: Float64Array): void {
  invariant(points.length > 0, 'a profile has at least one point');
  const sigmaOf = (p: ProfilePoint): number => (p.p99Ms === undefined ? 0 : Math.log(p.p99Ms / p.medianMs) / Z99);
  const first = points[0] as ProfilePoint;
  const last = points[points.length - 1] as ProfilePoint;
  const beforeLast = points[points.length - 2];
  const tailSlope = beforeLast === undefined ? first.medianMs / first.batch : (last.medianMs - beforeLast.medianMs) / (last.batch - beforeLast.batch);
  let seg = 0;
  for (let b = 1; b <= MAX_BATCH; b++) {
    if (b <= first.batch) {
      median[b] = (first.medianMs * b) / first.batch;
      sigma[b] = sigmaOf(first);
      continue;
    }
    if (b >= last.batch) {
      median[b] = last.medianMs + Math.max(0, tailSlope) * (b - last.batch);
      sigma[b] = sigmaOf(last);
      continue;
    }
    while ((points[seg + 1] as ProfilePoint).batch < b) seg++;
    const lo = points[seg] as ProfilePoint;
    const hi = points[seg + 1] as ProfilePoint;
    const f = (b - lo.batch) / (hi.batch - lo.batch);
    median[b] = lo.medianMs + f * (hi.medianMs - lo.medianMs);
    sigma[b] = sigmaOf(lo) + f * (sigmaOf(hi) - sigmaOf(lo));
  }
}
