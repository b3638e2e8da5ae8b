// The order interference cells are measured in: all time-sliced cells, then all concurrent ones, each chained so lanes keep their sessions.
import type { CellMode } from './report-schema';

/** One cell to measure: a mode and its two models (model keys), tenant 0 first. */
export interface PlannedCell {
  readonly mode: CellMode;
  readonly models: readonly [string, string];
}

/** The sessions each lane holds while a cell runs: one lane with both models (time-sliced), or one model per lane (concurrent). */
export function laneModels(cell: PlannedCell): string[][] {
  return cell.mode === 'time-sliced' ? [[...new Set(cell.models)]] : [[cell.models[0]], [cell.models[1]]];
}

/** Sessions a cell must make, given what each lane holds before it. */
function newSessions(held: readonly (readonly string[])[], cell: PlannedCell): number {
  return laneModels(cell).reduce((n, models, lane) => n + models.filter((m) => !(held[lane] ?? []).includes(m)).length, 0);
}

/**
 * Every pair (i <= j) of `models` in both modes, ordered so that the engine, which keeps each lane's
 * sessions from one run to the next and releases what a run does not need, makes as few sessions as
 * it can: time-sliced cells first (one lane), then concurrent ones (a second lane is started once),
 * and within a mode, greedily, the cell needing the fewest new sessions next (ties: pair order).
 * `held` is what lane 0 holds at the start (the last solo sweep's model).
 */
export function cellOrder(models: readonly string[], held: readonly string[] = []): PlannedCell[] {
  const pairs: (readonly [string, string])[] = [];
  for (let i = 0; i < models.length; i++) for (let j = i; j < models.length; j++) pairs.push([models[i] ?? '', models[j] ?? '']);
  const out: PlannedCell[] = [];
  let lanes: string[][] = [[...held]];
  for (const mode of ['time-sliced', 'concurrent'] as const) {
    const left: PlannedCell[] = pairs.map((models) => ({ mode, models }));
    while (left.length > 0) {
      let best = 0;
      let bestCost = Infinity;
      left.forEach((cell, i) => {
        const cost = newSessions(lanes, cell);
        if (cost < bestCost) {
          best = i;
          bestCost = cost;
        }
      });
      const [cell] = left.splice(best, 1);
      if (cell === undefined) break;
      out.push(cell);
      lanes = laneModels(cell);
    }
  }
  return out;
}
