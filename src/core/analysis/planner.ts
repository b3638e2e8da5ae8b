// The planner (iGniter): batch policies, weights, policy, granularity and lane mode meeting every SLO with the least lane time.
import type { BatchPolicy } from '../experiment/arrival-schema';
import type { ConfigIssue } from '../experiment/parse';
import { POLICIES, type Experiment, type Tenant } from '../experiment/schema';
import type { ServiceModel } from '../experiment/service-model-schema';
import { minSamplesForQuantile } from '../metrics/min-samples';
import { createRng } from '../rng';
import { createServiceTimeModel } from '../sim/service-time';
import { DEFAULT_SLO_RATE, probeAt, probeLength, searchCapacity, type TenantProbe } from './capacity';
import { compareVariants, withVariant, type Variant } from './compare';
import { baseRatesPerSec } from './scale-load';

/** Dynamic-batching sizes tried per tenant (each only when one batch fits in SLO/2). */
const DYNAMIC_BATCHES = [2, 4, 8] as const;
/** Largest batch an adaptive (SLO/2) policy may form. */
const ADAPTIVE_MAX_BATCH = 32;
/** Block counts tried for layer-block granularity. */
const PLAN_BLOCKS = [2, 4, 8] as const;
/** Candidates kept after the first stage for the per-tenant batch search. */
const FINALISTS = 3;

/** One evaluated plan. */
export interface PlanCandidate {
  readonly label: string;
  readonly experiment: Experiment;
  /** Every tenant met the SLO rate at the experiment's load. */
  readonly meetsEverySlo: boolean;
  /**
   * Lane time charged per second of measured run, ms/s (service time per request summed; with layer
   * blocks a batch is charged from its first block's start to its last block's end, so blocked plans
   * are charged conservatively; with concurrent lanes contention slowdowns are charged).
   */
  readonly laneMsPerSec: number;
  /** Predicted by the simulator, per tenant: SLO rate and p99 latency. */
  readonly predicted: readonly TenantProbe[];
  /** Lowest SLO rate minus the target over tenants (negative: a tenant misses). */
  readonly slack: number;
}

/** The planner's answer. */
export interface PlanOutcome {
  readonly sloRate: number;
  readonly figures: 'simulated';
  /** Candidates simulated. */
  readonly evaluated: number;
  /** The plan meeting every SLO with the least lane time; null when none does. */
  readonly plan: PlanCandidate | null;
  /** When none fits: the closest candidate, the largest load factor it holds and the tenant that fails first. */
  readonly noFit: {
    readonly closest: PlanCandidate;
    /** Load factor the closest plan holds (null: it fails even at 1/1024 of the load). */
    readonly holdsFactor: number | null;
    /** How many times the offered load exceeds what fits: 1 / holdsFactor (null when nothing fits at all). */
    readonly loadExceedsBy: number | null;
    readonly limitingTenant: string | null;
  } | null;
  /** The best few candidates, best first. */
  readonly ranking: readonly PlanCandidate[];
}

/** Settings of the planner. */
export interface PlannerOptions {
  readonly sloRate?: number;
  readonly minSamples?: number;
  /** Fraction done, in [0, 1]. */
  readonly onProgress?: (fraction: number) => void;
}

const better = (a: PlanCandidate, b: PlanCandidate): boolean => {
  if (a.meetsEverySlo !== b.meetsEverySlo) return a.meetsEverySlo;
  if (a.meetsEverySlo) return a.laneMsPerSec < b.laneMsPerSec;
  return a.slack > b.slack;
};

/** Batch policies tried for a tenant: none, adaptive against SLO/2, and dynamic batches whose service fits in SLO/2. */
export function batchCandidates(tenant: Tenant, serviceModel: ServiceModel): BatchPolicy[] {
  const spec = serviceModel.byModel[tenant.model];
  const out: BatchPolicy[] = [{ kind: 'none' }, { kind: 'adaptive', maxBatch: ADAPTIVE_MAX_BATCH }];
  if (spec === undefined) return out;
  const model = createServiceTimeModel(spec, createRng(0));
  for (const b of DYNAMIC_BATCHES) {
    const waitMs = tenant.sloMs / 2 - model.medianMs(b);
    if (waitMs >= 0) out.push({ kind: 'dynamic', maxBatch: b, maxQueueDelayMs: Number(waitMs.toPrecision(3)) });
  }
  return out;
}

const batchLabel = (b: BatchPolicy): string => (b.kind === 'none' ? 'no batching' : b.kind === 'adaptive' ? `adaptive <= ${String(b.maxBatch)}` : `dynamic ${String(b.maxBatch)}/${String(b.maxQueueDelayMs)} ms`);

const variantText = (v: Variant): string =>
  v.laneMode === 'concurrent' ? 'concurrent lanes' : `${v.policy}, ${v.blocks === null ? 'whole inference' : `${String(v.blocks)} blocks`}`;

/**
 * Searches plans for the experiment's tenants at their own rates: first every policy x granularity
 * (whole, 2/4/8 blocks) x lane mode with the tenants' own batch policies and with adaptive batches,
 * then, for the best few, each tenant's batch policy in turn (none, adaptive, dynamic 2/4/8 sized to
 * SLO/2), then demand-proportional weights under weighted-fair. A plan fits when every tenant's SLO
 * rate is met in simulation; among fitting plans the least lane time wins. When none fits, the closest
 * plan's capacity search says by how much the load exceeds this device.
 */
export function planExperiment(
  experiment: Experiment,
  options: PlannerOptions = {},
  serviceModel: ServiceModel | undefined = experiment.serviceModel,
): { readonly ok: true; readonly outcome: PlanOutcome } | { readonly ok: false; readonly issues: readonly ConfigIssue[] } {
  if (serviceModel === undefined) return { ok: false, issues: [{ path: 'serviceModel', message: 'expected a service model: the planner simulates' }] };
  const sloRate = options.sloRate ?? DEFAULT_SLO_RATE;
  if (!(sloRate > 0 && sloRate < 1)) return { ok: false, issues: [{ path: 'sloRate', message: 'expected a number in (0, 1), e.g. 0.99' }] };
  const minSamples = options.minSamples ?? minSamplesForQuantile(sloRate);
  const length = probeLength(experiment, serviceModel, minSamples);
  if (length === null) return { ok: false, issues: [{ path: 'tenants', message: 'expected at least one open-loop tenant with a rate above 0' }] };

  const variants: Variant[] = [];
  for (const v of compareVariants(POLICIES, 4)) {
    if (v.blocks === null) variants.push(v);
    else for (const k of PLAN_BLOCKS) variants.push({ ...v, blocks: k });
  }
  const perTenant = experiment.tenants.map((t) => batchCandidates(t, serviceModel));
  const total = variants.length * 2 + FINALISTS * perTenant.reduce((s, c) => s + c.length, 0) + 1;
  let evaluated = 0;
  const evaluate = (exp: Experiment, label: string): PlanCandidate => {
    const probe = probeAt(exp, serviceModel, 1, length, sloRate, minSamples);
    evaluated++;
    options.onProgress?.(Math.min(1, evaluated / total));
    const charged = probe.tenants.reduce((s, t) => s + t.chargedMs, 0);
    const slack = Math.min(...probe.tenants.map((t) => (t.sloRate ?? 0) - sloRate));
    return { label, experiment: exp, meetsEverySlo: probe.holds, laneMsPerSec: charged / (probe.durationMs / 1000), predicted: probe.tenants, slack };
  };

  const adaptive = experiment.tenants.map((t) => ({ ...t, batch: { kind: 'adaptive', maxBatch: ADAPTIVE_MAX_BATCH } as const }));
  const firstStage: PlanCandidate[] = [];
  for (const v of variants) {
    firstStage.push(evaluate(withVariant(experiment, v), `${variantText(v)}; batches as given`));
    firstStage.push(evaluate(withVariant({ ...experiment, tenants: adaptive }, v), `${variantText(v)}; adaptive batches`));
  }
  const ranked = (list: PlanCandidate[]): PlanCandidate[] => [...list].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  const all: PlanCandidate[] = [...firstStage];
  for (const finalist of ranked(firstStage).slice(0, FINALISTS)) {
    let best = finalist;
    experiment.tenants.forEach((_, ti) => {
      for (const batch of perTenant[ti] ?? []) {
        const tenants = best.experiment.tenants.map((t, i) => (i === ti ? { ...t, batch } : t));
        const label = `${finalist.label.split(';')[0] ?? ''}; ${tenants.map((t) => `${t.id}: ${batchLabel(t.batch)}`).join(', ')}`;
        const candidate = evaluate({ ...best.experiment, tenants }, label);
        all.push(candidate);
        if (better(candidate, best)) best = candidate;
      }
    });
    if (best.experiment.scheduler.policy === 'weighted-fair') {
      const rates = baseRatesPerSec(experiment, serviceModel);
      const demand = best.experiment.tenants.map((t) => {
        const spec = serviceModel.byModel[t.model];
        const meanMs = spec === undefined ? 1 : createServiceTimeModel(spec, createRng(0)).meanMs(1);
        return Math.max(1e-6, (rates.get(t.id) ?? 1) * meanMs);
      });
      const least = Math.min(...demand);
      const tenants = best.experiment.tenants.map((t, i) => ({ ...t, weight: Number(((demand[i] ?? least) / least).toPrecision(3)) }));
      all.push(evaluate({ ...best.experiment, tenants }, `${best.label}; weights by demand`));
    }
  }
  options.onProgress?.(1);
  const ranking = ranked(all);
  const top = ranking[0] as PlanCandidate;
  if (top.meetsEverySlo) return { ok: true, outcome: { sloRate, figures: 'simulated', evaluated, plan: top, noFit: null, ranking: ranking.slice(0, 5) } };
  const capacity = searchCapacity(top.experiment, { sloRate, minSamples }, serviceModel);
  const holds = capacity.ok ? capacity.result.holdsFactor : null;
  return {
    ok: true,
    outcome: {
      sloRate,
      figures: 'simulated',
      evaluated,
      plan: null,
      noFit: { closest: top, holdsFactor: holds, loadExceedsBy: holds === null ? null : 1 / holds, limitingTenant: capacity.ok ? capacity.result.limitingTenant : null },
      ranking: ranking.slice(0, 5),
    },
  };
}
