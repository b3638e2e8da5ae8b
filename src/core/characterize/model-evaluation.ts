// Held-out evaluation of the interference model: leave-one-cell-out predictions for every cell, their errors and MAPE.
import type { PolicyName } from '../experiment/schema';
import { contentionPoints, fitContention, predictConcurrent, predictTimeSliced, type MeasuredCell, type SoloFigures, type TenantFigures } from './interference-model';
import type { Prediction } from './report-schema';

/** What the report's `model` section holds. */
export interface ModelEvaluation {
  readonly alpha: number | null;
  readonly beta: number | null;
  readonly predictions: Prediction[];
  readonly mapePct: { readonly concurrent: number | null; readonly timeSliced: number | null; readonly overall: number | null };
  readonly method: string;
}

const METHOD =
  'Time-sliced cells: the core simulator runs both tenants (closed loop, one outstanding) on one lane under the policy, with log-normal service times at the measured solo p50 and p99 (batch 1); nothing is fitted. ' +
  'Concurrent cells: each tenant runs (1 + alpha + beta * share) times slower than solo, share = the co-runner\'s part of the pair\'s solo p50 time (iGniter-style linear contention term), alpha and beta fitted by least squares on p50 slowdowns. ' +
  'Every prediction is held out: a concurrent cell is predicted by the fit to all the other cells (leave-one-cell-out). MAPE = mean of |predicted - measured| / measured over p50, p99 and throughput of every held-out tenant.';

/** |p - m| / m in percent; null when either is missing or m is not positive. */
export function errorPct(predicted: number | null, measured: number | null): number | null {
  if (predicted === null || measured === null || !(measured > 0) || !Number.isFinite(predicted)) return null;
  return (Math.abs(predicted - measured) / measured) * 100;
}

function figureErrors(p: TenantFigures, m: TenantFigures): TenantFigures {
  return { p50Ms: errorPct(p.p50Ms, m.p50Ms), p99Ms: errorPct(p.p99Ms, m.p99Ms), throughputPerSec: errorPct(p.throughputPerSec, m.throughputPerSec) };
}

function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/**
 * Predicts every cell from the solo figures, each concurrent cell with a fit that excluded it, and
 * states the error. `solo` is keyed by model key; cells whose models lack solo figures are skipped.
 */
export function evaluateModel(cells: readonly MeasuredCell[], solo: ReadonlyMap<string, SoloFigures>, policy: PolicyName = 'fcfs', seed = 1): ModelEvaluation {
  const full = fitContention(contentionPoints(cells, solo));
  const predictions: Prediction[] = [];
  const errors = { concurrent: [] as number[], timeSliced: [] as number[] };
  cells.forEach((cell, index) => {
    const a = solo.get(cell.models[0]);
    const b = solo.get(cell.models[1]);
    if (a === undefined || b === undefined) return;
    let predicted: readonly [TenantFigures, TenantFigures] | null = null;
    if (cell.mode === 'time-sliced') {
      predicted = predictTimeSliced(cell.models, [a, b], policy, seed);
    } else {
      const fit = fitContention(contentionPoints(cells.filter((_, i) => i !== index), solo));
      if (fit !== null) predicted = [predictConcurrent(a, b, fit), predictConcurrent(b, a, fit)];
    }
    if (predicted === null) return;
    for (const t of [0, 1] as const) {
      const p = predicted[t];
      const m = cell.measured[t];
      const e = figureErrors(p, m);
      predictions.push({ mode: cell.mode, cell: [cell.models[0], cell.models[1]], tenant: t, predicted: p, measured: m, errorPct: e });
      const bucket = cell.mode === 'concurrent' ? errors.concurrent : errors.timeSliced;
      for (const v of [e.p50Ms, e.p99Ms, e.throughputPerSec]) if (v !== null) bucket.push(v);
    }
  });
  return {
    alpha: full?.alpha ?? null,
    beta: full?.beta ?? null,
    predictions,
    mapePct: { concurrent: mean(errors.concurrent), timeSliced: mean(errors.timeSliced), overall: mean([...errors.concurrent, ...errors.timeSliced]) },
    method: METHOD,
  };
}
