// Interference model: each tenant's p50, p99 and throughput under a co-location, predicted from solo profiles alone.
// Time-sliced: queueing under the policy (the core simulator with the measured solo service times).
// Concurrent: solo x a contention factor fitted by least squares, iGniter-style; error measured on held-out cells.
import type { Experiment, PolicyName } from '../experiment/schema';
import { simulateExperiment } from '../sim/simulate-experiment';
import type { CellMode } from './report-schema';

/** Solo figures of a model at batch 1, closed loop at one outstanding (means over repeats). */
export interface SoloFigures {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly throughputPerSec: number;
}

/** Figures of one tenant; null where unknown. */
export interface TenantFigures {
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly throughputPerSec: number | null;
}

/** One measured cell: two tenants (model keys), each closed loop at one outstanding, and what each got. */
export interface MeasuredCell {
  readonly mode: CellMode;
  readonly models: readonly [string, string];
  readonly measured: readonly [TenantFigures, TenantFigures];
}

/** slowdown = 1 + alpha + beta * share, share = the co-runner's part of the pair's solo p50 time. */
export interface ContentionFit {
  readonly alpha: number;
  readonly beta: number;
}

/** The co-runner's share of the pair's solo p50 time, in (0, 1): 0.5 for a model beside itself. */
export function coRunnerShare(self: SoloFigures, other: SoloFigures): number {
  return other.p50Ms / (self.p50Ms + other.p50Ms);
}

/**
 * Least-squares fit of y = alpha + beta * x over the points (x: co-runner share, y: slowdown - 1).
 * With one distinct x (e.g. only self-pairs), beta = 0 and alpha is the mean. Null without points.
 */
export function fitContention(points: readonly { readonly x: number; readonly y: number }[]): ContentionFit | null {
  const usable = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const n = usable.length;
  if (n === 0) return null;
  let sx = 0;
  let sy = 0;
  for (const p of usable) {
    sx += p.x;
    sy += p.y;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of usable) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  // Shares within 1e-9 of each other carry no slope information.
  if (sxx < 1e-9) return { alpha: my, beta: 0 };
  const beta = sxy / sxx;
  return { alpha: my - beta * mx, beta };
}

/** A concurrent tenant's figures beside `other` under the fit. */
export function predictConcurrent(self: SoloFigures, other: SoloFigures, fit: ContentionFit): TenantFigures {
  const slowdown = Math.max(1e-3, 1 + fit.alpha + fit.beta * coRunnerShare(self, other));
  return { p50Ms: self.p50Ms * slowdown, p99Ms: self.p99Ms * slowdown, throughputPerSec: self.throughputPerSec / slowdown };
}

/** The contention points of concurrent cells: (co-runner share, measured p50 slowdown - 1), one per tenant. */
export function contentionPoints(cells: readonly MeasuredCell[], solo: ReadonlyMap<string, SoloFigures>): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = [];
  for (const cell of cells) {
    if (cell.mode !== 'concurrent') continue;
    for (const t of [0, 1] as const) {
      const self = solo.get(cell.models[t]);
      const other = solo.get(cell.models[1 - t] ?? '');
      const p50 = cell.measured[t].p50Ms;
      if (self === undefined || other === undefined || p50 === null) continue;
      points.push({ x: coRunnerShare(self, other), y: p50 / self.p50Ms - 1 });
    }
  }
  return points;
}

/**
 * Both tenants' figures on one time-sliced lane under `policy`, each closed loop at one outstanding, from
 * the simulator with log-normal service times at the solo p50 and p99. Null when the simulator refuses.
 */
export function predictTimeSliced(models: readonly [string, string], solo: readonly [SoloFigures, SoloFigures], policy: PolicyName, seed: number): [TenantFigures, TenantFigures] | null {
  const [a, b] = solo;
  const cycleMs = a.p50Ms + b.p50Ms;
  const byModel: Record<string, { kind: 'distribution'; shape: 'lognormal'; medianMs: number; p99Ms: number; perExtraItemMs: number }> = Object.create(null) as never;
  const ids = ['m0', 'm1'] as const;
  const tenants = ids.map((id, i) => {
    const s = solo[i] ?? a;
    byModel[id] = { kind: 'distribution', shape: 'lognormal', medianMs: s.p50Ms, p99Ms: Math.max(s.p50Ms, Math.min(s.p99Ms, s.p50Ms * 1000)), perExtraItemMs: 0 };
    return {
      id: `t${String(i)}`, model: id, resolution: 32, batch: { kind: 'none' as const }, arrival: { kind: 'closed-loop' as const, outstanding: 1 },
      sloMs: 86_400_000, weight: 1, priority: 'best-effort' as const, queueLimit: 4, overflow: 'drop-newest' as const,
    };
  });
  const experiment: Experiment = {
    schemaVersion: 1, name: `${models[0]} + ${models[1]}`, tenants, scheduler: { policy, granularity: 'inference' }, lanes: { mode: 'time-sliced', dispatchDepth: 1 },
    warmupMs: 20 * cycleMs, durationMs: 1000 * cycleMs, seed, serviceModel: { byModel, contentionPerExtraLane: 0 },
  };
  const result = simulateExperiment(experiment);
  if (!result.ok) return null;
  const out = tenants.map((t): TenantFigures => {
    const m = result.report.perTenant[t.id];
    return { p50Ms: m?.latencyMs.p50.value ?? null, p99Ms: m?.latencyMs.p99.value ?? null, throughputPerSec: m?.meanThroughputPerSec ?? null };
  });
  return [out[0] ?? nullFigures(), out[1] ?? nullFigures()];
}

const nullFigures = (): TenantFigures => ({ p50Ms: null, p99Ms: null, throughputPerSec: null });
