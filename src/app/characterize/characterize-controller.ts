// Runs a characterization on the engine: solo sweeps and interference cells per input size, capacity off-thread, optional live bracket; progress, timing, Stop.
import { assembleReport, mixModels, type CellRaw, type SoloRaw } from '../../core/characterize/assemble-report';
import { resolveOptions, type CharacterizeOptions } from '../../core/characterize/characterize-options';
import { LANE_MODES, type CharacterizeReport, type LiveCapacity, type StepPhase, type StepTiming } from '../../core/characterize/report-schema';
import { DEFAULT_STABILITY, type StabilityRule } from '../../core/characterize/stability';
import { nearestRank } from '../../core/metrics';
import type { EngineOptions, EngineSnapshot } from '../../engine/engine-protocol';
import type { MixCapacitySearcher } from './capacity-client';
import { measureMatrix } from './cell-matrix';
import { deviceFacts, type PageEnvironment } from './device-facts';
import type { LiveConfirmer } from './live-confirm';
import { measureOnce, type CharacterizeEngine } from './measure';
import { sweepBatches, sweepModel } from './solo-sweep';
import type { StepContext } from './step-context';
import { ms } from '../../core/units';
import { customModelId, type CustomModel } from '../../core/experiment';

/** Where a characterization stands; frozen snapshots. */
export interface CharacterizeProgress {
  readonly phase: 'idle' | 'running' | 'stopping' | 'done' | 'failed';
  /** The step now measured, e.g. 'solo tiny-cnn@32 batch 4, repeat 2/3'. */
  readonly label: string;
  readonly stepsDone: number;
  /** Steps planned (solo sweeps can end early, so this can shrink). */
  readonly stepsTotal: number;
  readonly elapsedMs: number;
  /** Estimated time left: from the median step so far, or a prior estimate before the first step ends. */
  readonly etaMs: number | null;
  readonly report: CharacterizeReport | null;
  readonly error: string | null;
}

/** What the controller needs from the page. */
export interface CharacterizeDeps {
  readonly createEngine: () => CharacterizeEngine;
  /** The default mix's capacity search, off the page thread (the capacity worker; inline in tests). */
  readonly searchCapacity: MixCapacitySearcher;
  /** Confirms the mix's capacity live (asked by `confirmLive`); absent: the report says it was not available. */
  readonly liveConfirmer?: LiveConfirmer;
  /** Monotonic ms. */
  readonly nowMs: () => number;
  readonly nowIso: () => string;
  readonly environment: PageEnvironment;
  /** The page experiment's own models (file, hash, chosen dims): options naming `custom:` ids without entries take theirs from here. */
  readonly customModels?: () => readonly CustomModel[];
}

/** Setup time of one run (sessions checked, lanes retained, the run drained), ms: the prior estimate's allowance. */
const STEP_SETUP_MS = 1500;
/** Engine snapshots (which carry completions) every this many ms: windows close with at most this lag. */
const SNAPSHOT_EVERY_MS = 100;

const IDLE: CharacterizeProgress = Object.freeze({ phase: 'idle', label: '', stepsDone: 0, stepsTotal: 0, elapsedMs: 0, etaMs: null, report: null, error: null });

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

  /** Stops the run in progress now (it drains); the report keeps everything measured so far, the repeat in progress marked partial. */
  stop(): void {
    if (this.progress.phase !== 'running') return;
    this.stopAsked = true;
    this.deps.liveConfirmer?.cancel();
    this.publish({ phase: 'stopping' });
  }

  /** Validates `input` (CharacterizeOptionsInput) and runs; rejects with the field-named problems. */
  async start(input: unknown): Promise<CharacterizeReport> {
    if (this.progress.phase === 'running' || this.progress.phase === 'stopping') throw new Error('a characterization is already running');
    const resolved = resolveOptions(this.withPageModels(input));
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

  /** `input` with the page's entries of the custom models it names, when it brings none of its own. */
  private withPageModels(input: unknown): unknown {
    const page = this.deps.customModels;
    if (page === undefined || typeof input !== 'object' || input === null || 'customModels' in input) return input;
    const models: unknown = (input as { models?: unknown }).models;
    if (!Array.isArray(models)) return input;
    const named = page().filter((m) => models.includes(customModelId(m.name)));
    return named.length === 0 ? input : { ...input, customModels: named };
  }

  private publish(change: Partial<CharacterizeProgress>): void {
    this.progress = Object.freeze({ ...this.progress, ...change });
    for (const l of this.listeners) l();
  }

  private async run(o: CharacterizeOptions): Promise<CharacterizeReport> {
    const engine = (this.engine ??= this.deps.createEngine());
    const now = () => this.deps.nowMs();
    const startedMs = now();
    const rule: StabilityRule = { ...DEFAULT_STABILITY, maxWindows: o.maxWindows };
    const pairs = (o.models.length * (o.models.length + 1)) / 2;
    let stepsTotal = o.resolutions.length * (o.models.length * sweepBatches(o.maxBatch).length + pairs * LANE_MODES.length) * o.repeats;
    let stepsDone = 0;
    this.publish({ ...IDLE, phase: 'running', stepsTotal, label: 'starting' });
    const warmupMs = o.windowMs;
    let last: EngineSnapshot | null = null;
    const timing: StepTiming[] = [];
    const step = (label: string) => {
      const elapsedMs = now() - startedMs;
      // Before three steps end: a prior estimate (warm-up, windows until stable, a setup allowance per run);
      // then the median step so far (a mean would be swamped by the few steps that make a session).
      const prior = warmupMs + o.windowMs * (rule.windows + 1) + STEP_SETUP_MS;
      const perStepMs = stepsDone < 3 ? prior : (nearestRank(timing.filter((t) => t.phase === 'solo' || t.phase === 'cells').map((t) => t.wallMs), 0.5) ?? prior);
      this.publish({ label, stepsDone, stepsTotal, elapsedMs, etaMs: perStepMs * Math.max(0, stepsTotal - stepsDone) });
    };
    const timed = async <T>(phase: StepPhase, label: string, work: () => Promise<T>): Promise<T> => {
      step(label);
      const t0 = now();
      const out = await work();
      timing.push({ phase, label: label.slice(0, 200), wallMs: now() - t0, setupMs: 0, windows: 0 });
      return out;
    };
    const ctx: StepContext = {
      options: o, rule, warmupMs,
      stopAsked: () => this.stopAsked,
      measure: async (phase, label, spec) => {
        step(label);
        const t0 = now();
        const result = await measureOnce(engine, spec, () => this.stopAsked);
        const wallMs = now() - t0;
        // The loop's own time is the final snapshot's elapsedMs; the rest went to setup (sessions, profiles).
        timing.push({ phase, label: label.slice(0, 200), wallMs, setupMs: Math.max(0, wallMs - (result.snapshot?.elapsedMs ?? 0)), windows: result.windows });
        last = result.snapshot ?? last;
        stepsDone++;
        return result;
      },
      dropSteps: (count) => {
        stepsTotal -= count;
      },
      // The engine's own solo profiles only warm each batch shape up and seed its estimates (the report's
      // figures come from the windows): quick takes 5 timed runs per batch size, a full run 10.
      engineOptions: (profileBatches): EngineOptions => ({ backend: o.backend, allowFallback: true, profileBatches: [...profileBatches], profileWarmupRuns: 2, profileRuns: o.quick ? 5 : 10, snapshotEveryMs: ms(SNAPSHOT_EVERY_MS) }),
    };

    const solo: SoloRaw[] = [];
    const sweeps: CharacterizeReport['sweeps'] = [];
    const errors: string[] = [];
    for (const resolution of o.resolutions) {
      for (const model of o.models) {
        const out = await sweepModel(ctx, model, resolution);
        solo.push(...out.solo);
        sweeps.push(out.sweep);
        if (out.error !== null) errors.push(out.error);
      }
    }
    const cells: CellRaw[] = [];
    // Lane 0 still holds the last sweep's model (at the last size) when the cells start.
    const lastSize = o.resolutions[o.resolutions.length - 1];
    for (const resolution of o.resolutions) {
      if (this.stopAsked) break;
      // A session's cost grows with the model: weigh each by its solo p50 (1 ms when unmeasured).
      const p50 = new Map(mixModels(solo, o.models, resolution, o.customModels).map((m) => [m.model, m.p50Ms]));
      const out = await measureMatrix(ctx, o.models, resolution, resolution === lastSize ? (o.models[o.models.length - 1] ?? null) : null, (m) => p50.get(m) ?? 1);
      cells.push(...out.cells);
      errors.push(...out.errors);
    }

    const mix = mixModels(solo, o.models, o.resolution, o.customModels);
    const search = await timed('capacity', 'capacity of the default mix (simulated, in a worker)', () => this.deps.searchCapacity(mix)).catch((error: unknown) => {
      errors.push(`capacity: ${error instanceof Error ? error.message : String(error)}`);
      return { rows: [], fcfs: null };
    });
    let liveCapacity: LiveCapacity | null = null;
    if (o.confirmLive && !this.stopAsked) {
      const confirmer = this.deps.liveConfirmer;
      const simulated = search.fcfs;
      if (confirmer === undefined || simulated === null) {
        errors.push(`live capacity: not confirmed (${confirmer === undefined ? 'no live engine here' : 'no simulated FCFS capacity to start from'})`);
      } else {
        liveCapacity = await timed('live-capacity', 'capacity of the default mix confirmed live (FCFS)', () => confirmer.confirm({ models: mix, simulated, engine: ctx.engineOptions([1]) }));
      }
    }
    return assembleReport({
      createdAt: this.deps.nowIso(), wallMs: now() - startedMs, stopped: this.stopAsked,
      settings: { models: [...o.models], resolution: o.resolution, resolutions: [...o.resolutions], confirmLive: o.confirmLive, repeats: o.repeats, maxBatch: o.maxBatch, windowMs: o.windowMs, stability: rule, quick: o.quick },
      device: deviceFacts(o.backend, ctx.engineOptions([1]).build ?? 'webgpu-ep', last, this.deps.environment),
      solo, sweeps, cells, errors, capacity: search.rows, liveCapacity, timing, customModels: o.customModels,
    });
  }
}
