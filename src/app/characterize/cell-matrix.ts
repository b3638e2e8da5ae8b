// The interference matrix at one input size: every pair of models (and each with itself), time-sliced and concurrent, in the order that keeps sessions.
import type { CellRaw, RepeatFigures } from '../../core/characterize/assemble-report';
import { cellOrder, type SessionWeight } from '../../core/characterize/cell-order';
import { modelKey } from '../../core/experiment';
import { cellExperiment } from './experiments';
import { runDurationMs } from './measure';
import { keptRepeat, type StepContext } from './step-context';

/** Every cell's repeats (in report order: pairs in order, time-sliced before concurrent), and the runs that failed. */
export interface MatrixOutcome {
  readonly cells: CellRaw[];
  readonly errors: string[];
}

/**
 * Measures the matrix. `heldModel`: the model lane 0 holds from the last solo sweep (the order starts
 * there); `weight`: what making each model's session costs, relatively. Cells are measured in
 * {@link cellOrder} and reported in pair order.
 */
export async function measureMatrix(ctx: StepContext, models: readonly string[], resolution: number, heldModel: string | null, weight?: SessionWeight): Promise<MatrixOutcome> {
  const o = ctx.options;
  const measured = new Map<string, CellRaw>();
  const errors: string[] = [];
  const keyOf = (mode: string, pair: readonly [string, string]) => `${mode}|${pair[0]}|${pair[1]}`;
  for (const { mode, models: pair } of cellOrder(models, heldModel === null ? [] : [heldModel], weight)) {
    const keys = [modelKey(pair[0], resolution), modelKey(pair[1], resolution)] as const;
    const repeats: [RepeatFigures, RepeatFigures][] = [];
    for (let r = 0; r < o.repeats && !ctx.stopAsked(); r++) {
      const experiment = cellExperiment(pair, resolution, mode, ctx.warmupMs, runDurationMs(o.windowMs, ctx.rule), 1 + r, o.customModels);
      const res = await ctx.measure('cells', `${mode} ${keys[0]} + ${keys[1]}, repeat ${String(r + 1)}/${String(o.repeats)}`, { experiment, options: ctx.engineOptions([1]), tenants: ['t0', 't1'], windowMs: o.windowMs, rule: ctx.rule });
      if (res.error !== null) {
        errors.push(`${mode} ${keys[0]} + ${keys[1]}: ${res.error}`);
        ctx.dropSteps(o.repeats - 1 - r);
        break;
      }
      const a = keptRepeat(res, 0);
      const b = keptRepeat(res, 1);
      if (a !== null && b !== null) repeats.push([a, b]);
    }
    if (repeats.length > 0) measured.set(keyOf(mode, pair), { mode, models: keys, repeats });
  }
  const cells: CellRaw[] = [];
  for (let i = 0; i < models.length; i++) {
    for (let j = i; j < models.length; j++) {
      for (const mode of ['concurrent', 'time-sliced'] as const) {
        const cell = measured.get(keyOf(mode, [models[i] ?? '', models[j] ?? '']));
        if (cell !== undefined) cells.push(cell);
      }
    }
  }
  return { cells, errors };
}
