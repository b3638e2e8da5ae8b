// The lab's controller (no React): probes the device, runs benchmarks in lanes (prepare, then dispatches), inspects the user's file, publishes snapshots.
import { errorMessage } from '../core/error-message';
import { MODEL_WEIGHT_SEED } from '../core/experiment';
import { MODEL_IDS, type ModelId, type ModelMeta } from '../zoo';
import { inspectOnnx } from '../zoo/inspect';
import { factsAtDefaultSizes } from '../zoo/model-facts';
import { fileFit } from './file-fit';
import type { Backend, DispatchTiming, ModelSource, OrtBuild, OutputSample, PrepareSpec, PreparedInfo } from '../runtime/lane-protocol';
import { TIMING_SOURCE } from '../runtime/lane-protocol';
import { sourceLabel, type PrepareOptions, type SampledDispatch } from '../runtime/lane-client';
import type { WebGpuProbe } from '../runtime/probe-webgpu';
import { latencyStats } from './latency-stats';
import { compareOutputs, type OutputComparison } from './output-compare';
import { createStore, type ReadableStore } from './store';
import {
  DEFAULT_SETTINGS, validateSettings,
  type BenchResult, type LabPhase, type LabSettings, type LabSnapshot, type ZooEntry,
} from './lab-state';

/** The part of a LaneClient the controller uses (a fake in tests). */
export interface Lane {
  prepare(spec: PrepareSpec, options?: PrepareOptions): Promise<PreparedInfo>;
  dispatch(key: string, requests: number, timeoutMs?: number): Promise<DispatchTiming>;
  dispatchWithOutput(key: string, requests: number, timeoutMs?: number): Promise<SampledDispatch>;
  rename(context: string): void;
  dispose(): Promise<void>;
}

/** What the controller needs from the outside world. */
export interface LabDeps {
  readonly probe: () => Promise<WebGpuProbe>;
  /** Starts a lane worker; `context` names it in errors. */
  readonly createLane: (context: string) => Lane;
  readonly describeModel: (id: ModelId, resolution: number) => ModelMeta;
  readonly crossOriginIsolated: boolean;
}

/** The input seed of every Run, so WebGPU and WASM see the same tensor. */
export const INPUT_SEED = 20_260;

/**
 * Most ms one run of the panel may take before its lane is stopped: a first run on WebGPU compiles
 * every shader (tens of seconds for a large model on a software adapter). The old per-request budget
 * of 60 s plus 30 s per run, for one run.
 */
export const RUN_TIMEOUT_MS = 90_000;

/**
 * The panel's session: one model, whole, its batch fixed to 1 (freeDimensionOverrides, as the panel's
 * sessions always were: ORT may specialise every shape, and on WebGPU compiles shaders for batch 1
 * only), no GPU timestamps.
 */
export function panelSpec(source: ModelSource, backend: Backend, build: OrtBuild, allowFallback: boolean): PrepareSpec {
  return { source, maxBatch: 1, fixedBatch: 1, blocks: 1, backend, build, allowFallback, inputSeed: INPUT_SEED, gpuTiming: false };
}


/** Owns the lab's state; the UI reads `store` and calls the methods. */
export class LabController {
  private readonly state;
  private fileBytes: Uint8Array | null = null;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly deps: LabDeps) {
    this.state = createStore<LabSnapshot>({
      phase: 'probing', crossOriginIsolated: deps.crossOriginIsolated, probe: null, settings: DEFAULT_SETTINGS,
      settingsErrors: {}, zoo: this.catalog(DEFAULT_SETTINGS.resolution), file: null, progress: null,
      liveLatenciesMs: [], results: [], error: null,
    });
  }

  /** The snapshot store for useSyncExternalStore. */
  get store(): ReadableStore<LabSnapshot> {
    return this.state;
  }

  /** Probes WebGPU once; picks WASM as the default backend when WebGPU is unavailable. */
  async start(): Promise<void> {
    const probe = await this.deps.probe().catch((error: unknown): WebGpuProbe => ({
      available: false, adapter: null, highPerformanceDescription: null, reasons: [`The WebGPU probe failed: ${errorMessage(error)}`],
      secureContext: false, crossOriginIsolated: this.deps.crossOriginIsolated,
    }));
    this.set((s) => ({ ...s, probe, settings: probe.available ? s.settings : { ...s.settings, backend: 'wasm' } }));
    this.setPhase('idle');
  }

  /** Resolves when no Run is in progress. */
  idle(): Promise<void> {
    if (this.state.getSnapshot().phase === 'idle') return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Changes settings; bad values are kept and reported per field, never corrected. */
  updateSettings(patch: Partial<LabSettings>): void {
    this.set((s) => {
      const settings = { ...s.settings, ...patch };
      const zoo = settings.resolution !== s.settings.resolution ? this.catalog(settings.resolution) : s.zoo;
      return { ...s, settings, zoo, settingsErrors: validateSettings(settings, s.file?.inspection.ok ?? false) };
    });
  }

  /** Inspects the user's .onnx file; a runnable one becomes the selected model. */
  openFile(fileName: string, bytes: Uint8Array): void {
    const inspected = inspectOnnx(bytes);
    const { facts, error: factsError } = inspected.problems.some((p) => p.code === 'not-onnx') ? { facts: null, error: null } : factsAtDefaultSizes(bytes, inspected);
    const fit = facts === null ? null : fileFit(facts, bytes.byteLength, this.state.getSnapshot().probe);
    const inspection = fit?.refused === true
      ? { ...inspected, ok: false, problems: [...inspected.problems, { code: 'too-large' as const, message: `This device cannot hold the model at batch 1. WASM: ${fit.wasm ?? ''} WebGPU: ${fit.webgpu ?? 'not available here'}.` }] }
      : inspected;
    this.fileBytes = inspection.ok ? bytes : null;
    this.set((s) => ({ ...s, file: { fileName, sizeBytes: bytes.byteLength, inspection, facts, factsError, fit } }));
    if (inspection.ok) this.updateSettings({ model: 'file' });
    else if (this.state.getSnapshot().settings.model === 'file') this.updateSettings({ model: DEFAULT_SETTINGS.model });
  }

  /** One Run: load in a fresh lane, warm up, measure, optionally compare with WASM. Errors land in the snapshot. */
  async run(): Promise<void> {
    const snapshot = this.state.getSnapshot();
    if (snapshot.phase !== 'idle') return;
    const settings = snapshot.settings;
    const errors = validateSettings(settings, snapshot.file?.inspection.ok ?? false);
    if (Object.keys(errors).length > 0) {
      this.set((s) => ({ ...s, settingsErrors: errors }));
      return;
    }
    const source = this.source(settings);
    this.set((s) => ({ ...s, error: null, liveLatenciesMs: [], progress: null }));
    this.setPhase(source.kind === 'zoo' ? 'building' : 'loading');
    const lane = this.deps.createLane(`${sourceLabel(source)} on ${settings.backend}`);
    try {
      const result = await this.benchmark(lane, source, settings);
      this.set((s) => ({ ...s, results: [result, ...s.results] }));
    } catch (error) {
      this.set((s) => ({ ...s, error: errorMessage(error) }));
    } finally {
      await lane.dispose();
      this.set((s) => ({ ...s, progress: null }));
      this.setPhase('idle');
    }
  }

  /**
   * Prepare, then warm-up and measured runs as dispatches of one request each (a dispatch's serviceMs
   * is the wall clock around session.run: TIMING_SOURCE), the live chart fed per dispatch; the last
   * measured dispatch also returns its output. Then, on WebGPU, the same source once on WASM.
   */
  private async benchmark(lane: Lane, source: ModelSource, settings: LabSettings): Promise<BenchResult> {
    let buildProgressEvents = 0;
    const info = await lane.prepare(panelSpec(source, settings.backend, settings.build, true), {
      onProgress: (p) => {
        if (p.stage === 'build') buildProgressEvents++;
        if (p.stage === 'session') this.setPhase('loading');
        this.set((s) => ({ ...s, progress: { label: p.label, done: p.done, total: p.total } }));
      },
    });
    lane.rename(`${info.modelLabel} on ${info.backendUsed} (${info.build})`);
    this.setPhase('warming');
    const warmupLatenciesMs: number[] = [];
    for (let i = 0; i < settings.warmupRuns; i++) warmupLatenciesMs.push((await lane.dispatch(info.key, 1, RUN_TIMEOUT_MS)).serviceMs);
    this.setPhase('measuring');
    const latenciesMs: number[] = [];
    let output: OutputSample | null = null;
    for (let i = 0; i < settings.measuredRuns; i++) {
      let serviceMs: number;
      if (i < settings.measuredRuns - 1) serviceMs = (await lane.dispatch(info.key, 1, RUN_TIMEOUT_MS)).serviceMs;
      else ({ timing: { serviceMs }, output } = await lane.dispatchWithOutput(info.key, 1, RUN_TIMEOUT_MS));
      latenciesMs.push(serviceMs);
      this.set((s) => ({ ...s, liveLatenciesMs: [...s.liveLatenciesMs, serviceMs] }));
    }
    if (output === null) throw new Error(`${info.modelLabel} on ${info.backendUsed}: no measured run, so no output`);
    const comparison = settings.compareWithWasm && info.backendUsed === 'webgpu' ? await this.compareWithWasm(source, settings, info, output) : null;
    return {
      index: this.state.getSnapshot().results.length + 1,
      modelLabel: info.modelLabel, backendRequested: info.backendRequested, backendUsed: info.backendUsed, build: info.build,
      adapter: info.adapter, fallbackReasons: info.fallbackReasons, timingSource: TIMING_SOURCE, ortVersion: info.ortVersion,
      wasmThreads: info.wasmThreads, inputs: info.inputs, inputSeed: INPUT_SEED, modelBytes: info.modelBytes,
      buildMs: info.buildMs, buildProgressEvents, sessionMs: info.sessionMs, firstRunMs: warmupLatenciesMs[0] ?? NaN,
      warmupLatenciesMs, latenciesMs, stats: latencyStats(latenciesMs), output, comparison,
    };
  }

  /** The same source and input once on WASM, in a lane of its own, against the WebGPU output. */
  private async compareWithWasm(source: ModelSource, settings: LabSettings, info: PreparedInfo, output: OutputSample): Promise<OutputComparison> {
    this.setPhase('comparing');
    const reference = this.deps.createLane(`${info.modelLabel} on wasm (reference)`);
    try {
      const ref = await reference.prepare(panelSpec(source, 'wasm', settings.build, false));
      const sampled = await reference.dispatchWithOutput(ref.key, 1, RUN_TIMEOUT_MS);
      return compareOutputs(output.values, sampled.output.values);
    } finally {
      await reference.dispose();
    }
  }

  private source(settings: LabSettings): ModelSource {
    if (settings.model !== 'file') {
      return { kind: 'zoo', modelId: settings.model, resolution: settings.resolution, seed: MODEL_WEIGHT_SEED };
    }
    const file = this.state.getSnapshot().file;
    if (!this.fileBytes || !file) throw new Error('model: no runnable file is open');
    // A copy: the lane gets its own buffer, the controller keeps the file for the next Run.
    return { kind: 'bytes', label: file.fileName, bytes: this.fileBytes.slice().buffer };
  }

  private catalog(resolution: number): ZooEntry[] {
    return MODEL_IDS.map((id): ZooEntry => {
      try {
        return { ok: true, id, meta: this.deps.describeModel(id, resolution) };
      } catch (error) {
        return { ok: false, id, error: errorMessage(error) };
      }
    });
  }

  private set(change: (s: LabSnapshot) => LabSnapshot): void {
    this.state.update(change);
  }

  private setPhase(phase: LabPhase): void {
    this.set((s) => ({ ...s, phase }));
    if (phase !== 'idle') return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
