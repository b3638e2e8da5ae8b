// Where an analysis takes its service times: the run's measured solo profiles when they cover every model, else the experiment's assumed ones.
import { modelKey, type ConfigIssue, type Experiment, type ServiceModel } from '../../core/experiment';

/** One measured solo point (the engine's solo profile, as a run keeps it). */
export interface MeasuredSoloPoint {
  /** `model@resolution`. */
  readonly modelKey: string;
  readonly batch: number;
  readonly medianMs: number;
  readonly p99Ms: number;
}

/** Contention when the experiment states none: two busy lanes each run 2x slower (measured once, shared/DESIGN.md). */
const DEFAULT_CONTENTION = 1;

export type ServiceTimeChoice =
  | { readonly ok: true; readonly serviceModel: ServiceModel; readonly source: string; readonly measured: boolean }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/**
 * Profiles from `points` for every tenant's model at its resolution when they cover all of them (and
 * no model runs at two resolutions, since the service model is keyed by model); otherwise the
 * experiment's own (assumed) service model; otherwise an issue naming `serviceModel`.
 */
export function chooseServiceTimes(experiment: Experiment, points: readonly MeasuredSoloPoint[]): ServiceTimeChoice {
  const resolutionOf = new Map<string, number>();
  let coherent = true;
  for (const t of experiment.tenants) {
    const seen = resolutionOf.get(t.model);
    if (seen !== undefined && seen !== t.resolution) coherent = false;
    resolutionOf.set(t.model, t.resolution);
  }
  const byModel = new Map<string, ServiceModel['byModel'][string]>();
  if (coherent && points.length > 0) {
    for (const [model, resolution] of resolutionOf) {
      const key = modelKey(model, resolution);
      const mine = points.filter((p) => p.modelKey === key && p.medianMs > 0).sort((a, b) => a.batch - b.batch);
      const unique = mine.filter((p, i) => i === 0 || p.batch !== mine[i - 1]?.batch);
      if (unique.length === 0) break;
      byModel.set(model, { kind: 'profile', byBatch: unique.map((p) => ({ batch: p.batch, medianMs: p.medianMs, p99Ms: Math.max(p.p99Ms, p.medianMs) })) });
    }
  }
  const contention = experiment.serviceModel?.contentionPerExtraLane ?? DEFAULT_CONTENTION;
  if (byModel.size === resolutionOf.size && byModel.size > 0) {
    const keys = [...resolutionOf].map(([m, r]) => modelKey(m, r)).join(', ');
    return {
      ok: true,
      measured: true,
      serviceModel: { byModel: Object.fromEntries(byModel), contentionPerExtraLane: contention },
      source: `measured: this run's solo profiles (${keys}; median and p99 per batch size, linear between them); lane contention ${String(contention)} per extra busy lane, assumed`,
    };
  }
  if (experiment.serviceModel !== undefined) {
    return { ok: true, measured: false, serviceModel: experiment.serviceModel, source: "assumed: the experiment's service model (no run with solo profiles of every model)" };
  }
  return { ok: false, issues: [{ path: 'serviceModel', message: 'expected service times: run the experiment live (its solo profiles are measured) or enter assumed service times' }] };
}
