// Capacity of a default mix of the characterized models, per policy: the analysis capacity search on the measured solo profiles.
import { searchCapacity, type CapacityResult } from '../analysis/capacity';
import type { CustomModel } from '../experiment/custom-model-schema';
import type { Experiment, PolicyName } from '../experiment/schema';
import type { ServiceModel } from '../experiment/service-model-schema';
import type { CharacterizeReport } from './report-schema';

/** Policies the report compares (those that differ on an equal-share mix). */
export const MIX_POLICIES: readonly PolicyName[] = ['fcfs', 'round-robin', 'edf', 'slo-aware'];

/** A model's solo service at batch 1 (means over repeats), ms. */
export interface MixModel {
  /** Zoo model id (or custom:name). */
  readonly model: string;
  readonly resolution: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The entry of a `custom:` model (its file, hash and chosen dims): the mix's experiment carries it in `customModels`. */
  readonly custom?: CustomModel;
}

/** A tenant id from a model id: the characters a tenant id allows, the rest as '_'. */
const tenantId = (model: string, i: number): string => `${model.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60)}-${String(i)}`;

/**
 * The default mix: one Poisson tenant per model on one time-sliced lane, each offered an equal share
 * (1 / models) of its solo capacity, SLO = 10 x its solo p50 (at least 5 ms).
 */
export function defaultMix(models: readonly MixModel[], policy: PolicyName): { experiment: Experiment; serviceModel: ServiceModel } {
  const byModel = Object.create(null) as Record<string, ServiceModel['byModel'][string]>;
  const share = 1 / Math.max(1, models.length);
  const tenants = models.map((m, i) => {
    byModel[m.model] = { kind: 'distribution', shape: 'lognormal', medianMs: m.p50Ms, p99Ms: Math.min(Math.max(m.p99Ms, m.p50Ms), m.p50Ms * 1000), perExtraItemMs: 0 };
    return {
      id: tenantId(m.model, i), model: m.model, resolution: m.resolution, batch: { kind: 'none' as const },
      arrival: { kind: 'poisson' as const, rate: { unit: 'capacity-fraction' as const, value: share } },
      sloMs: Math.max(5, 10 * m.p50Ms), weight: 1, priority: 'best-effort' as const, queueLimit: 1024, overflow: 'drop-newest' as const,
    };
  });
  const serviceModel: ServiceModel = { byModel, contentionPerExtraLane: 1 };
  const customModels = [...new Map(models.flatMap((m) => (m.custom === undefined ? [] : [[m.custom.name, m.custom] as const]))).values()];
  const experiment: Experiment = {
    schemaVersion: 1, name: 'characterization default mix', tenants, scheduler: { policy, granularity: 'inference' }, lanes: { mode: 'time-sliced', dispatchDepth: 1 },
    warmupMs: 0, durationMs: 1000, seed: 1, serviceModel, ...(customModels.length === 0 ? {} : { customModels }),
  };
  return { experiment, serviceModel };
}

/** The policy whose simulated capacity is confirmed live. */
export const LIVE_POLICY: PolicyName = 'fcfs';

/** The capacity searches of the default mix: the report's rows, and the FCFS search in full (what a live confirmation starts from). */
export interface MixCapacitySearch {
  readonly rows: CharacterizeReport['capacity'];
  /** The FCFS search's result; null when FCFS was not searched or the search was refused. */
  readonly fcfs: CapacityResult | null;
}

/** The capacity search of every policy on the default mix (simulated). Pure and JSON-serialisable (it runs in a worker). */
export function mixCapacitySearch(models: readonly MixModel[], policies: readonly PolicyName[] = MIX_POLICIES): MixCapacitySearch {
  if (models.length === 0) return { rows: [], fcfs: null };
  let fcfs: CapacityResult | null = null;
  const rows = policies.map((policy) => {
    const { experiment, serviceModel } = defaultMix(models, policy);
    const found = searchCapacity(experiment, { minSamples: 300, resolution: 0.05 }, serviceModel);
    if (!found.ok) {
      return { policy, outcome: 'invalid' as const, holdsFactor: null, failsFactor: null, rates: [], note: found.issues.map((i) => `${i.path}: ${i.message}`).join('; ').slice(0, 2000) };
    }
    const r = found.result;
    if (policy === LIVE_POLICY) fcfs = r;
    return {
      policy, outcome: r.outcome, holdsFactor: r.holdsFactor, failsFactor: r.failsFactor,
      rates: r.rates.map((x) => ({ tenant: x.tenant, atHoldsPerSec: x.atHoldsPerSec })),
      note: r.limitingTenant === null ? null : `limited by ${r.limitingTenant}`,
    };
  });
  return { rows, fcfs };
}

/** The report's `capacity` rows alone (see {@link mixCapacitySearch}). */
export function mixCapacities(models: readonly MixModel[], policies: readonly PolicyName[] = MIX_POLICIES): CharacterizeReport['capacity'] {
  return mixCapacitySearch(models, policies).rows;
}
