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

/** What making a model's session costs, relatively (e.g. its solo p50: bigger models take longer to build). */
export type SessionWeight = (model: string) => number;

/**
 * The cost of running `cell` next: the weight of the sessions it must make, plus the weight of those it
 * releases that a cell still to run needs (they would be made again).
 */
function costOf(held: readonly (readonly string[])[], cell: PlannedCell, left: readonly PlannedCell[], weight: SessionWeight): number {
  const next = laneModels(cell);
  let cost = 0;
  next.forEach((models, lane) => {
    for (const m of models) if (!(held[lane] ?? []).includes(m)) cost += weight(m);
  });
  held.forEach((models, lane) => {
    for (const m of models) {
      if ((next[lane] ?? []).includes(m)) continue;
      if (left.some((c) => c !== cell && laneModels(c).some((ms) => ms.includes(m)))) cost += weight(m);
    }
  });
  return cost;
}

/** The greedy order of `cells` from lanes `start`: the cheapest cell next (see costOf; ties: the given order). */
function greedy(cells: readonly PlannedCell[], start: readonly (readonly string[])[], later: readonly PlannedCell[], weight: SessionWeight): PlannedCell[] {
  const left = [...cells];
  const out: PlannedCell[] = [];
  let lanes = start;
  while (left.length > 0) {
    let best = 0;
    let bestCost = Infinity;
    left.forEach((cell, i) => {
      const cost = costOf(lanes, cell, [...left, ...later], weight);
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
  return out;
}

/** The weight of every session a sequence makes, from lanes `held`, when each run keeps only what it needs. */
export function sessionCost(cells: readonly PlannedCell[], held: readonly string[], weight: SessionWeight = () => 1): number {
  let lanes: string[][] = [[...held]];
  let made = 0;
  for (const cell of cells) {
    const next = laneModels(cell);
    next.forEach((models, lane) => {
      for (const m of models) if (!(lanes[lane] ?? []).includes(m)) made += weight(m);
    });
    lanes = next;
  }
  return made;
}

/**
 * Every pair (i <= j) of `models` in both modes, ordered so that the engine, which keeps each lane's
 * sessions from one run to the next and releases what a run does not need, makes as few sessions as
 * it can (weighted by `weight`, default 1 each: e.g. solo p50, as bigger models take longer to
 * build): time-sliced cells first (one lane), then concurrent ones (a second lane is started once).
 * Within a mode the order is greedy (the cheapest cell next); the time-sliced sequence is tried from
 * every first cell, forwards and backwards, and the cheapest whole sequence wins (ties: the first
 * found). `held` is what lane 0 holds at the start (the last solo sweep's model).
 */
export function cellOrder(models: readonly string[], held: readonly string[] = [], weight: SessionWeight = () => 1): PlannedCell[] {
  const pairs: (readonly [string, string])[] = [];
  for (let i = 0; i < models.length; i++) for (let j = i; j < models.length; j++) pairs.push([models[i] ?? '', models[j] ?? '']);
  const sliced = pairs.map((p): PlannedCell => ({ mode: 'time-sliced', models: p }));
  const concurrent = pairs.map((p): PlannedCell => ({ mode: 'concurrent', models: p }));
  const complete = (first: readonly PlannedCell[]): PlannedCell[] => {
    const last = first[first.length - 1];
    return [...first, ...greedy(concurrent, last === undefined ? [[...held]] : laneModels(last), [], weight)];
  };
  let best = complete(greedy(sliced, [[...held]], concurrent, weight));
  let bestCost = sessionCost(best, held, weight);
  for (const first of sliced) {
    const rest = greedy(sliced.filter((c) => c !== first), laneModels(first), concurrent, weight);
    for (const order of [[first, ...rest], [first, ...rest].reverse()]) {
      const candidate = complete(order);
      const cost = sessionCost(candidate, held, weight);
      if (cost < bestCost) {
        best = candidate;
        bestCost = cost;
      }
    }
  }
  return best;
}
