// Runs a characterization on the engine: solo sweep, interference cells, report; publishes progress with time left; Stop keeps what was measured.
import { assembleReport, type CellRaw, type RepeatFigures, type SoloRaw } from '../../core/characterize/assemble-report';
import { resolveOptions, type CharacterizeOptions } from '../../core/characterize/characterize-options';
import { sweepSaturated, type BatchThroughput } from '../../core/characterize/knee';
import { LANE_MODES, type CharacterizeReport } from '../../core/characterize/report-schema';
import { DEFAULT_STABILITY, type StabilityRule } from '../../core/characterize/stability';
import type { WindowedFigures } from '../../core/characterize/windows';
import { modelKey } from '../../core/experiment';
import type { EngineOptions, EngineSnapshot } from '../../engine/engine-protocol';
import { deviceFacts, type PageEnvironment } from './device-facts';
import { cellExperiment, soloExperiment } from './experiments';
import { measureOnce, runDurationMs, type CharacterizeEngine } from './measure';

/** Where a characterization stands; frozen snapshots. */
export interface CharacterizeProgress {
  readonly phase: 'idle' | 'running' | 'stopping' | 'done' | 'failed';
  /** The step now measured, e.g. 'solo tiny-cnn@32 batch 4, repeat 2/3'. */
  readonly label: string;
  readonly stepsDone: number;
  /** Steps planned (solo sweeps can end early, so this can shrink). */
  readonly stepsTotal: number;
  readonly elapsedMs: number;
  /** Estimated time left: from the mean step so far, or a prior estimate before the first step ends. */
  readonly etaMs: number | null;
  readonly report: CharacterizeReport | null;
  readonly error: string | null;
}

/** What the controller needs from the page. */
export interface CharacterizeDeps {
  readonly createEngine: () => CharacterizeEngine;
  /** Monotonic ms. */
  readonly nowMs: () => number;
  readonly nowIso: () => string;
  readonly environment: PageEnvironment;
}

/** Setup time of one run (sessions checked, lanes retained, the run drained), ms: the prior estimate's allowance. */
const STEP_SETUP_MS = 1500;

const IDLE: CharacterizeProgress = Object.freeze({ phase: 'idle', label: '', stepsDone: 0, stepsTotal: 0, elapsedMs: 0, etaMs: null, report: null, error: null });

/** Batch sizes of a sweep: 1, 2, 4 ... up to maxBatch (and maxBatch itself). */
export function sweepBatches(maxBatch: number): number[] {
  const out: number[] = [];
  for (let b = 1; b < maxBatch; b *= 2) out.push(b);
  out.push(maxBatch);
  return out;
}

const toRepeat = (f: WindowedFigures | undefined, stable: boolean): RepeatFigures => ({
  p50Ms: f?.p50Ms ?? null, p99Ms: f?.p99Ms ?? null, throughputPerSec: f?.throughputPerSec ?? null, gpuMs: f?.gpuMs ?? null, samples: f?.completed ?? 0, stable,
});

/** One characterization at a time; `start` resolves with the report (also when stopped: what was measured). */
export class CharacterizeController {
  private progress: CharacterizeProgress = IDLE;
  private readonly listeners = new Set<() => void>();
  private engine: CharacterizeEngine | null = null;
  private stopAsked = false;

  constructor(private readonly deps: CharacterizeDeps) {}

  /** The current frozen progress. */
  snapshot(): CharacterizeProgress {
    return this.progress;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops after the run in progress drains; the report keeps everything measured so far. */
  stop(): void {
    if (this.progress.phase !== 'running') return;
    this.stopAsked = true;
    this.publish({ phase: 'stopping' });
  }

  /** Validates `input` (CharacterizeOptionsInput) and runs; rejects with the field-named problems. */
  async start(input: unknown): Promise<CharacterizeReport> {
    if (this.progress.phase === 'running' || this.progress.phase === 'stopping') throw new Error('a characterization is already running');
    const resolved = resolveOptions(input);
    if (!resolved.ok) {
      const error = resolved.issues.map((i) => `${i.path || 'options'}: ${i.message}`).join('; ');
      this.publish({ ...IDLE, phase: 'failed', error });
      throw new Error(error);
    }
    this.stopAsked = false;
    try {
      const report = await this.run(resolved.options);
      this.publish({ phase: 'done', label: report.stopped ? 'stopped: the report holds what was measured' : 'done', report, etaMs: 0 });
      return report;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      this.publish({ phase: 'failed', error });
      throw e instanceof Error ? e : new Error(error);
    }
  }

  private publish(change: Partial<CharacterizeProgress>): void {
    this.progress = Object.freeze({ ...this.progress, ...change });
    for (const l of this.listeners) l();
  }

  private async run(o: CharacterizeOptions): Promise<CharacterizeReport> {
    const engine = (this.engine ??= this.deps.createEngine());
    const startedMs = this.deps.nowMs();
    const rule: StabilityRule = { ...DEFAULT_STABILITY, maxWindows: o.maxWindows };
    const batches = sweepBatches(o.maxBatch);
    const pairs: [string, string][] = [];
    for (let i = 0; i < o.models.length; i++) for (let j = i; j < o.models.length; j++) pairs.push([o.models[i] ?? '', o.models[j] ?? '']);
    let stepsTotal = (o.models.length * batches.length + pairs.length * LANE_MODES.length) * o.repeats;
    let stepsDone = 0;
    this.publish({ ...IDLE, phase: 'running', stepsTotal, label: 'starting' });
    const options: EngineOptions = { backend: o.backend, allowFallback: true, profileBatches: [1], profileWarmupRuns: 2, profileRuns: 10 };
    const warmupMs = o.windowMs;
    let last: EngineSnapshot | null = null;
    const errors: string[] = [];
    const step = (label: string) => {
      const elapsedMs = this.deps.nowMs() - startedMs;
      // Before the first step ends: a prior estimate (warm-up, windows until stable, a setup allowance per run).
      const perStepMs = stepsDone === 0 ? warmupMs + o.windowMs * (rule.windows + 1) + STEP_SETUP_MS : elapsedMs / stepsDone;
      const etaMs = perStepMs * Math.max(0, stepsTotal - stepsDone);
      this.publish({ label, stepsDone, stepsTotal, elapsedMs, etaMs });
    };
    const measure = async (label: string, spec: Parameters<typeof measureOnce>[1]) => {
      step(label);
      const result = await measureOnce(engine, spec, () => this.stopAsked);
      last = result.snapshot ?? last;
      stepsDone++;
      return result;
    };

    const solo: SoloRaw[] = [];
    const sweeps: CharacterizeReport['sweeps'] = [];
    for (const model of o.models) {
      const key = modelKey(model, o.resolution);
      const points: BatchThroughput[] = [];
      let endedBy: CharacterizeReport['sweeps'][number]['endedBy'] = 'max-batch';
      let reason: string | null = null;
      for (const batch of batches) {
        if (this.stopAsked) endedBy = 'stopped';
        if (endedBy !== 'max-batch') break;
        const repeats: RepeatFigures[] = [];
        for (let r = 0; r < o.repeats && !this.stopAsked && reason === null; r++) {
          const experiment = soloExperiment(model, o.resolution, batch, warmupMs, runDurationMs(o.windowMs, rule), 1 + r);
          const res = await measure(`solo ${key} batch ${String(batch)}, repeat ${String(r + 1)}/${String(o.repeats)}`, { experiment, options, tenants: ['solo'], windowMs: o.windowMs, rule });
          if (res.error !== null) reason = res.error;
          else if (!this.stopAsked) repeats.push(toRepeat(res.figures[0], res.verdict === 'stable'));
        }
        if (repeats.length > 0) solo.push({ model: key, batch, repeats });
        const mean = repeats.reduce((s, r) => s + (r.throughputPerSec ?? 0), 0) / Math.max(1, repeats.length);
        if (repeats.length > 0) points.push({ batch, throughputPerSec: mean });
        if (reason !== null) endedBy = 'refused';
        else if (this.stopAsked) endedBy = 'stopped';
        else if (sweepSaturated(points)) endedBy = 'saturated';
        if (endedBy !== 'max-batch') {
          // The sweep ends here: its remaining batch sizes are no longer planned.
          stepsTotal -= (batches.length - 1 - batches.indexOf(batch)) * o.repeats;
          break;
        }
      }
      if (reason !== null) errors.push(`solo ${key}: ${reason}`);
      sweeps.push({ model: key, kneeBatch: null, endedBy, reason });
    }

    const cells: CellRaw[] = [];
    for (const pair of pairs) {
      for (const mode of LANE_MODES) {
        const models = [modelKey(pair[0], o.resolution), modelKey(pair[1], o.resolution)] as const;
        const repeats: [RepeatFigures, RepeatFigures][] = [];
        for (let r = 0; r < o.repeats && !this.stopAsked; r++) {
          const experiment = cellExperiment(pair, o.resolution, mode, warmupMs, runDurationMs(o.windowMs, rule), 1 + r);
          const res = await measure(`${mode} ${models[0]} + ${models[1]}, repeat ${String(r + 1)}/${String(o.repeats)}`, { experiment, options, tenants: ['t0', 't1'], windowMs: o.windowMs, rule });
          if (res.error !== null) {
            errors.push(`${mode} ${models[0]} + ${models[1]}: ${res.error}`);
            break;
          }
          if (!this.stopAsked) repeats.push([toRepeat(res.figures[0], res.verdict === 'stable'), toRepeat(res.figures[1], res.verdict === 'stable')]);
        }
        if (repeats.length > 0) cells.push({ mode, models, repeats });
      }
    }

    step('capacity of the default mix (simulated)');
    return assembleReport({
      createdAt: this.deps.nowIso(), wallMs: this.deps.nowMs() - startedMs, stopped: this.stopAsked,
      settings: { models: [...o.models], resolution: o.resolution, repeats: o.repeats, maxBatch: o.maxBatch, windowMs: o.windowMs, stability: rule, quick: o.quick },
      device: deviceFacts(o.backend, options.build ?? 'webgpu-ep', last, this.deps.environment),
      solo, sweeps, cells, errors,
    });
  }
}
