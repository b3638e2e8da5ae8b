// One model's solo sweep at one input size: batch 1, 2, 4 ... until the device refuses, the largest batch, or throughput stops growing.
import type { RepeatFigures, SoloRaw } from '../../core/characterize/assemble-report';
import { sweepSaturated, type BatchThroughput } from '../../core/characterize/knee';
import type { CharacterizeReport } from '../../core/characterize/report-schema';
import { modelKey } from '../../core/experiment';
import { soloExperiment } from './experiments';
import { runDurationMs } from './measure';
import { keptRepeat, type StepContext } from './step-context';

/** Batch sizes of a sweep: 1, 2, 4 ... up to maxBatch (and maxBatch itself). */
export function sweepBatches(maxBatch: number): number[] {
  const out: number[] = [];
  for (let b = 1; b < maxBatch; b *= 2) out.push(b);
  out.push(maxBatch);
  return out;
}

/** A sweep's outcome: its points, its summary, and the refusal (already in the summary) for the report's errors. */
export interface SweepOutcome {
  readonly solo: SoloRaw[];
  readonly sweep: CharacterizeReport['sweeps'][number];
  readonly error: string | null;
}

/**
 * Sweeps one model. The first run profiles every batch size of the sweep on ONE session made for the
 * largest, so that later batch sizes reuse that session (warm) instead of making a new one each; when
 * that first, large session is refused, the sweep falls back to a session per batch size and retries.
 */
export async function sweepModel(ctx: StepContext, model: string, resolution: number): Promise<SweepOutcome> {
  const o = ctx.options;
  const key = modelKey(model, resolution);
  const batches = sweepBatches(o.maxBatch);
  let profileBatches: readonly number[] = batches;
  const solo: SoloRaw[] = [];
  const points: BatchThroughput[] = [];
  let endedBy: CharacterizeReport['sweeps'][number]['endedBy'] = 'max-batch';
  let reason: string | null = null;
  for (const [index, batch] of batches.entries()) {
    const repeats: RepeatFigures[] = [];
    for (let r = 0; r < o.repeats && !ctx.stopAsked() && reason === null; r++) {
      const experiment = soloExperiment(model, resolution, batch, ctx.warmupMs, runDurationMs(o.windowMs, ctx.rule), 1 + r, o.customModels);
      const label = `solo ${key} batch ${String(batch)}, repeat ${String(r + 1)}/${String(o.repeats)}`;
      let res = await ctx.measure('solo', label, { experiment, options: ctx.engineOptions(profileBatches), tenants: ['solo'], windowMs: o.windowMs, rule: ctx.rule });
      if (res.error !== null && profileBatches.length > index + 1) {
        // The session for the largest batch was refused (or failed): one session per batch size from here.
        profileBatches = batches.slice(0, index + 1);
        ctx.dropSteps(-1);
        res = await ctx.measure('solo', `${label} (session for batch ${String(batch)} only)`, { experiment, options: ctx.engineOptions(profileBatches), tenants: ['solo'], windowMs: o.windowMs, rule: ctx.rule });
      }
      if (res.error !== null) reason = res.error;
      else {
        const kept = keptRepeat(res, 0);
        if (kept !== null) repeats.push(kept);
      }
    }
    if (profileBatches.length <= index + 1) profileBatches = batches.slice(0, index + 2);
    if (repeats.length > 0) {
      solo.push({ model: key, batch, repeats });
      points.push({ batch, throughputPerSec: repeats.reduce((s, x) => s + (x.throughputPerSec ?? 0), 0) / repeats.length });
    }
    if (reason !== null) endedBy = 'refused';
    else if (ctx.stopAsked()) endedBy = 'stopped';
    else if (sweepSaturated(points)) endedBy = 'saturated';
    if (endedBy !== 'max-batch') {
      // The sweep ends here: its remaining batch sizes are no longer planned.
      ctx.dropSteps((batches.length - 1 - index) * o.repeats);
      break;
    }
  }
  return { solo, sweep: { model: key, kneeBatch: null, endedBy, reason }, error: reason === null ? null : `solo ${key}: ${reason}` };
}
