// Predicted against measured: the planner's SLO rate and p99 per tenant beside a live run of the same plan.
import type { PlanCandidate } from '../../core/analysis/planner';
import type { Experiment } from '../../core/experiment';
import type { MetricsSnapshot } from '../../core/metrics';

/** One tenant's predicted (simulated) and measured (live) SLO rate and p99 latency, ms. */
export interface PlanCheckRow {
  readonly tenant: string;
  readonly predictedSloRate: number | null;
  readonly measuredSloRate: number | null;
  readonly predictedP99Ms: number | null;
  readonly measuredP99Ms: number | null;
  /** The measured p99 has LoadGen's minimum samples. */
  readonly measuredP99Valid: boolean;
}

/** True when `run` ran the plan's set-up: same tenants (id, model, resolution, batch, weight, priority), policy, granularity and lanes. */
export function runMatchesPlan(plan: Experiment, run: Experiment): boolean {
  const key = (e: Experiment): string =>
    JSON.stringify([
      e.scheduler,
      e.lanes.mode,
      e.tenants.map((t) => [t.id, t.model, t.resolution, t.batch, t.weight, t.priority, t.sloMs]),
    ]);
  return key(plan) === key(run);
}

/** Rows of the comparison, in the plan's tenant order (measured figures null for a tenant the run lacks). */
export function planCheckRows(plan: PlanCandidate, measured: Pick<MetricsSnapshot, 'tenants'>): PlanCheckRow[] {
  return plan.experiment.tenants.map((t, i) => {
    const m = measured.tenants.find((x) => x.id === t.id);
    const predicted = plan.predicted[i];
    return {
      tenant: t.id,
      predictedSloRate: predicted?.sloRate ?? null,
      measuredSloRate: m?.sloSatisfaction ?? null,
      predictedP99Ms: predicted?.p99LatencyMs ?? null,
      measuredP99Ms: m?.latencyMs.p99.value ?? null,
      measuredP99Valid: m?.latencyMs.p99.valid ?? false,
    };
  });
}
