// One analysis report for an experiment: its capacity, the policy comparison, SLO-vs-load curves and the cost of sharing.
import type { ConfigIssue } from '../experiment/parse';
import type { Experiment, PolicyName } from '../experiment/schema';
import type { ServiceModel } from '../experiment/service-model-schema';
import { DEFAULT_RESOLUTION, searchCapacity, type CapacityResult } from './capacity';
import { comparePolicies, type PolicyComparison } from './compare';
import { costOfSharing, type CostOfSharing } from './cost';
import { curveFactors, sloCurves, type TenantCurve } from './curves';
import { planExperiment, type PlanOutcome } from './planner';

/** What to analyse and with which service times. */
export interface AnalyzeRequest {
  readonly experiment: Experiment;
  /** Service times used; default the experiment's own. */
  readonly serviceModel?: ServiceModel;
  /** Where the service times come from, for the report's label (e.g. "assumed: the file's service model"). */
  readonly serviceTimeSource: string;
  readonly sloRate: number;
  readonly policies: readonly PolicyName[];
  readonly pricePerHour?: number | undefined;
  /** Also run the planner (iGniter). */
  readonly plan?: boolean;
  /** Fraction done in [0, 1] and the step running. */
  readonly onProgress?: (fraction: number, step: string) => void;
}

/** The report: plain, JSON-serialisable data. Every figure here is simulated from `serviceTimeSource`. */
export interface AnalysisReport {
  readonly experiment: { readonly name: string | null; readonly tenants: readonly string[]; readonly policy: PolicyName; readonly seed: number };
  readonly figures: 'simulated';
  readonly serviceTimeSource: string;
  readonly sloRate: number;
  readonly resolution: number;
  /** The experiment as given (its own policy, granularity and lanes). */
  readonly capacity: CapacityResult;
  readonly comparison: PolicyComparison;
  readonly curves: readonly TenantCurve[];
  readonly cost: CostOfSharing;
  /** The planner's answer, when asked for. */
  readonly plan: PlanOutcome | null;
}

/** Shares of the whole run each step takes (by rough cost), for one determinate progress bar. */
const STEPS = [
  ['capacity', 0.05],
  ['policy comparison', 0.3],
  ['SLO-vs-load curves', 0.15],
  ['cost of sharing', 0.1],
  ['planner', 0.4],
] as const;

/** Runs every analysis in turn; issues name the field (e.g. `serviceModel`, `tenants`, `pricePerHour`). */
export function analyzeExperiment(
  request: AnalyzeRequest,
): { readonly ok: true; readonly report: AnalysisReport } | { readonly ok: false; readonly issues: readonly ConfigIssue[] } {
  const { experiment, sloRate, policies } = request;
  const serviceModel = request.serviceModel ?? experiment.serviceModel;
  let before = 0;
  const stepProgress = (index: number): ((fraction: number) => void) => {
    const [name, share] = STEPS[index] as (typeof STEPS)[number];
    const start = before;
    before += share;
    request.onProgress?.(start, name);
    return (fraction) => request.onProgress?.(start + share * Math.min(1, Math.max(0, fraction)), name);
  };
  const onCapacity = stepProgress(0);
  const capacity = searchCapacity(experiment, { sloRate, onProbe: (_p, done, total) => onCapacity(done / total) }, serviceModel);
  if (!capacity.ok) return capacity;
  const compared = comparePolicies(experiment, { sloRate, policies, onProgress: stepProgress(1) }, serviceModel);
  if (!compared.ok) return compared;
  const center = capacity.result.holdsFactor ?? capacity.result.failsFactor ?? 1;
  const curves = sloCurves(experiment, policies, curveFactors(center), { sloRate, onProgress: stepProgress(2) }, serviceModel);
  const onCost = stepProgress(3);
  let costProbes = 0;
  const cost = costOfSharing(
    experiment,
    { sloRate, pricePerHour: request.pricePerHour, onProbe: () => onCost(1 - 1 / (1 + ++costProbes / 10)) },
    serviceModel,
  );
  if (!cost.ok) return cost;
  let plan: PlanOutcome | null = null;
  if (request.plan === true) {
    const planned = planExperiment(experiment, { sloRate, onProgress: stepProgress(4) }, serviceModel);
    if (!planned.ok) return planned;
    plan = planned.outcome;
  }
  request.onProgress?.(1, 'done');
  return {
    ok: true,
    report: {
      experiment: { name: experiment.name ?? null, tenants: experiment.tenants.map((t) => t.id), policy: experiment.scheduler.policy, seed: experiment.seed },
      figures: 'simulated',
      serviceTimeSource: request.serviceTimeSource,
      sloRate,
      resolution: DEFAULT_RESOLUTION,
      capacity: capacity.result,
      comparison: compared.comparison,
      curves,
      cost: cost.cost,
      plan,
    },
  };
}
