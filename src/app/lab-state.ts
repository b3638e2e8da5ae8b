// The lab's snapshot types (what the UI reads), the settings' validation, and the initial snapshot.
import type { ModelId, ModelMeta } from '../zoo';
import type { ModelFacts } from '../zoo/model-facts';
import type { OnnxInspection } from '../zoo/inspect';
import type { AdapterFacts } from '../runtime/adapter-facts';
import type { Backend, FedInput, OrtBuild, OutputSample } from '../runtime/lane-protocol';
import type { WebGpuProbe } from '../runtime/probe-webgpu';
import type { FileFit } from './file-fit';
import type { LatencyStats } from './latency-stats';
import type { OutputComparison } from './output-compare';

/** What the lab is doing; every phase but 'idle' and 'probing' belongs to one Run. */
export type LabPhase = 'probing' | 'idle' | 'building' | 'loading' | 'warming' | 'measuring' | 'comparing';

/** A zoo model, or the user's own file. */
export type ModelChoice = ModelId | 'file';

/** Input side lengths offered in the model panel, px (the zoo wants multiples of 32). */
export const RESOLUTIONS_PX = [32, 64, 128, 224] as const;

/** The knobs of one Run. */
export interface LabSettings {
  readonly model: ModelChoice;
  /** Input side length in px (zoo models only). */
  readonly resolution: number;
  readonly backend: Backend;
  readonly build: OrtBuild;
  /** Runs before measuring, excluded from the stats (they include shader compilation); 1-50, default 2. */
  readonly warmupRuns: number;
  /** Measured runs; 1-500, default 10. */
  readonly measuredRuns: number;
  /** After a WebGPU run, run the same input once on WASM and compare outputs; default true. */
  readonly compareWithWasm: boolean;
}

export const DEFAULT_SETTINGS: LabSettings = {
  model: 'tiny-cnn', resolution: 32, backend: 'webgpu', build: 'webgpu-ep', warmupRuns: 2, measuredRuns: 10, compareWithWasm: true,
};

/** Per-field messages for settings that were refused (never silently corrected). */
export type SettingsErrors = Partial<Record<keyof LabSettings, string>>;

const integerIn = (field: string, value: number, min: number, max: number): string | undefined =>
  Number.isInteger(value) && value >= min && value <= max ? undefined : `${field}: expected a whole number from ${min} to ${max}, got ${String(value)}`;

/** Checks settings; returns a message per bad field (empty when all are fine). */
export function validateSettings(settings: LabSettings, fileRunnable: boolean): SettingsErrors {
  const errors: SettingsErrors = {};
  const warmup = integerIn('warm-up runs', settings.warmupRuns, 1, 50);
  if (warmup) errors.warmupRuns = warmup;
  const measured = integerIn('measured runs', settings.measuredRuns, 1, 500);
  if (measured) errors.measuredRuns = measured;
  if (!(RESOLUTIONS_PX as readonly number[]).includes(settings.resolution)) {
    errors.resolution = `resolution: expected one of ${RESOLUTIONS_PX.join(', ')} px, got ${String(settings.resolution)}`;
  }
  if (settings.model === 'file' && !fileRunnable) errors.model = 'model: pick a runnable .onnx file first';
  return errors;
}

/** A zoo model as the picker shows it at the chosen resolution. */
export type ZooEntry =
  | { readonly ok: true; readonly id: ModelId; readonly meta: ModelMeta }
  | { readonly ok: false; readonly id: ModelId; readonly error: string };

/** The user's own .onnx file, inspected. */
export interface FileState {
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly inspection: OnnxInspection;
  /**
   * Its facts computed from the graph at batch 1 and the default sizes of its other symbolic dims
   * (zoo/model-facts.ts); null for a file that is not ONNX, with `factsError` saying why.
   */
  readonly facts: ModelFacts | null;
  readonly factsError: string | null;
  /** Whether each backend of this device can hold it (file-fit.ts); null without facts. A file no backend can hold is refused. */
  readonly fit: FileFit | null;
}

/** Progress of the current Run's stage. */
export interface ProgressState {
  readonly label: string;
  readonly done: number;
  readonly total: number;
}

/** One finished Run, with everything needed to interpret its numbers. */
export interface BenchResult {
  readonly index: number;
  readonly modelLabel: string;
  readonly backendRequested: Backend;
  readonly backendUsed: Backend;
  readonly build: OrtBuild;
  readonly adapter: AdapterFacts | null;
  readonly fallbackReasons: readonly string[];
  readonly timingSource: string;
  readonly ortVersion: string;
  readonly wasmThreads: number;
  readonly inputs: readonly FedInput[];
  readonly inputSeed: number;
  readonly modelBytes: number;
  readonly buildMs: number;
  /** Progress events the worker posted while generating the model (0 for the user's file). */
  readonly buildProgressEvents: number;
  readonly sessionMs: number;
  /** The first warm-up run: includes shader compilation on WebGPU. */
  readonly firstRunMs: number;
  readonly warmupLatenciesMs: readonly number[];
  readonly latenciesMs: readonly number[];
  readonly stats: LatencyStats;
  readonly output: OutputSample;
  /** Against a WASM run of the same input; null when not asked for or not on WebGPU. */
  readonly comparison: OutputComparison | null;
}

/** Everything the UI shows; replaced, never mutated. */
export interface LabSnapshot {
  readonly phase: LabPhase;
  readonly crossOriginIsolated: boolean;
  readonly probe: WebGpuProbe | null;
  readonly settings: LabSettings;
  readonly settingsErrors: SettingsErrors;
  readonly zoo: readonly ZooEntry[];
  readonly file: FileState | null;
  readonly progress: ProgressState | null;
  /** Latencies of the Run in progress, as they arrive (ms). */
  readonly liveLatenciesMs: readonly number[];
  /** Finished Runs, newest first. */
  readonly results: readonly BenchResult[];
  readonly error: string | null;
}

/** True while a Run (or the startup probe) is in progress. */
export const isBusy = (phase: LabPhase): boolean => phase !== 'idle';
