// SLO satisfaction against load: a curve per tenant per policy (VELTAIR's QoS-vs-QPS figure), with the knee marked.
import { minSamplesForQuantile } from '../metrics/min-samples';
import type { Experiment, PolicyName } from '../experiment/schema';
import type { ServiceModel } from '../experiment/service-model-schema';
import { DEFAULT_SLO_RATE, probeAt, probeLength } from './capacity';
import { withVariant } from './compare';
import { baseRatesPerSec } from './scale-load';

/** Points per curve by default. */
export const DEFAULT_CURVE_POINTS = 12;

/** `points` load factors spaced geometrically from `center / 4` to `center * 2` (center: a capacity factor). */
export function curveFactors(center: number, points = DEFAULT_CURVE_POINTS): number[] {
  const lo = center / 4;
  const hi = center * 2;
  return Array.from({ length: points }, (_, i) => lo * Math.pow(hi / lo, points === 1 ? 0 : i / (points - 1)));
}

/** One tenant's SLO rate along the load axis under one policy. */
export interface TenantCurve {
  readonly policy: PolicyName;
  readonly tenant: string;
  /** factor: load factor; totalPerSec: all open-loop rates together at it, req/s; sloRate: null when nothing finished. */
  readonly points: readonly { readonly factor: number; readonly totalPerSec: number; readonly sloRate: number | null }[];
  /** The knee: the last factor before the SLO rate first falls below the target (null: it fails at the first point). */
  readonly kneeFactor: number | null;
  /** The first factor at which it is below the target (null: it never is on this grid). */
  readonly firstFailFactor: number | null;
}

/** Settings of the curves: the target, samples per probe, seed. */
export interface CurveOptions {
  readonly sloRate?: number;
  readonly minSamples?: number;
  readonly seed?: number;
  /** Fraction done, in [0, 1]. */
  readonly onProgress?: (fraction: number) => void;
}

/**
 * Simulates the experiment under each policy (its own granularity and lane mode) at every factor and
 * returns one curve per tenant per policy. Needs a service model and an open-loop tenant (else []).
 */
export function sloCurves(
  experiment: Experiment,
  policies: readonly PolicyName[],
  factors: readonly number[],
  options: CurveOptions = {},
  serviceModel: ServiceModel | undefined = experiment.serviceModel,
): TenantCurve[] {
  if (serviceModel === undefined) return [];
  const sloRate = options.sloRate ?? DEFAULT_SLO_RATE;
  const minSamples = options.minSamples ?? minSamplesForQuantile(sloRate);
  const length = probeLength(experiment, serviceModel, minSamples);
  if (length === null) return [];
  let totalBase = 0;
  for (const rate of baseRatesPerSec(experiment, serviceModel).values()) totalBase += rate ?? 0;
  const seeded = { ...experiment, seed: options.seed ?? experiment.seed };
  const curves: TenantCurve[] = [];
  policies.forEach((policy, pi) => {
    const variant = withVariant(seeded, {
      policy,
      granularity: experiment.scheduler.granularity,
      blocks: experiment.scheduler.blocks ?? null,
      laneMode: experiment.lanes.mode,
    });
    const probes = factors.map((factor, fi) => {
      const probe = probeAt(variant, serviceModel, factor, length, sloRate, minSamples);
      options.onProgress?.((pi * factors.length + fi + 1) / (policies.length * factors.length));
      return probe;
    });
    experiment.tenants.forEach((tenant, ti) => {
      const points = probes.map((p) => ({ factor: p.factor, totalPerSec: p.factor * totalBase, sloRate: p.tenants[ti]?.sloRate ?? null }));
      const failAt = points.findIndex((p) => p.sloRate === null || p.sloRate < sloRate);
      curves.push({
        policy,
        tenant: tenant.id,
        points,
        kneeFactor: failAt === -1 ? (points[points.length - 1]?.factor ?? null) : failAt === 0 ? null : (points[failAt - 1]?.factor ?? null),
        firstFailFactor: failAt === -1 ? null : (points[failAt]?.factor ?? null),
      });
    });
  });
  return curves;
}
