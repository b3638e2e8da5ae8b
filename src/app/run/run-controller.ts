// The live run's controller (no React): engine settings, start/stop, what the run measured as it arrives, export, import.
import { sessionBatchesOf, type ConfigIssue, type Experiment } from '../../core/experiment';
import type { MetricsSnapshot } from '../../core/metrics';
import type { Backend, OrtBuild } from '../../runtime/lane-protocol';
import type { EngineUpdate } from '../../engine/engine-client';
import { ENGINE_DEFAULTS, type EngineOptions, type EnginePhase, type SessionBlockBalance, type SetupProgress, type SoloProfilePoint } from '../../engine/engine-protocol';
import { createStore, type ReadableStore } from '../store';
import type { CdfCurve } from './latency-cdf';
import { RunData, type RunEnvironment } from './run-data';
import { parseRunFile, type RunRows } from './run-file';
import type { DeviceFit } from './device-fit';
import type { RunFormStorage } from './run-form-storage';
import type { RunDevice, RunOutcome, RunRecord, RunSettings } from './run-record';
import type { RunSeries } from './run-series';
import type { TimelineSource } from './timeline-view';

/** The engine as the controller uses it (EngineClient; a fake in tests). */
export interface RunEngine {
  start(experiment: Experiment, options: EngineOptions): void;
  stop(): void;
  onUpdate(listener: (update: EngineUpdate) => void): () => void;
}

/** What the controller needs from the page. */
export interface RunControllerDeps {
  /** Starts the engine worker (called once, on the first Start). */
  readonly createEngine: () => RunEngine;
  /** The current instant as ISO 8601. */
  readonly nowIso: () => string;
  readonly environment: RunEnvironment;
  /** Keeps the run settings across reloads (absent: they start from the defaults every time). */
  readonly formStorage?: RunFormStorage;
}

/** The engine settings as typed in the run controls. */
export interface RunForm {
  readonly backend: Backend;
  readonly build: OrtBuild;
  /** Most timed runs per solo profile point (each is measured until stable, perf_analyzer's rule), 5-500 (default 30). */
  readonly profileRuns: number;
  /**
   * Measure the solo profiles again instead of reusing the cached ones (kept in IndexedDB across
   * reloads). One-shot: cleared when a run starts; never stored.
   */
  readonly refreshProfiles?: boolean;
  /** True once the backend was picked by hand on this page (then Run live never changes it by itself); never stored. */
  readonly backendChosen?: boolean;
}

/** Per-field messages for run settings that were refused. */
export type RunFormErrors = Partial<Record<keyof RunForm, string>>;

/** The default run settings: WebGPU through the native EP, 30 timed runs per profile point. */
export const DEFAULT_RUN_FORM: RunForm = { backend: 'webgpu', build: 'webgpu-ep', profileRuns: ENGINE_DEFAULTS.profileRuns };

/** Where the data on screen came from. */
export type RunSource = { readonly kind: 'live' } | { readonly kind: 'file'; readonly fileName: string };

/** A run on screen (live, finished, or imported). */
export interface RunView {
  readonly source: RunSource;
  /** The engine phase while live; how it ended afterwards. */
  readonly phase: EnginePhase;
  readonly live: boolean;
  readonly startedAt: string;
  readonly experiment: Experiment;
  readonly settings: RunSettings;
  readonly device: RunDevice | null;
  readonly outcome: RunOutcome | null;
  readonly soloProfiles: readonly SoloProfilePoint[];
  /** How each layer-blocked session was cut (MACs or measured block times); live runs only (run files do not keep it yet). */
  readonly blockBalances: readonly SessionBlockBalance[];
  /** Progress of the setup (sessions, solo profiles) while it runs; null otherwise. */
  readonly setup: SetupProgress | null;
  readonly summary: MetricsSnapshot | null;
  /** Null until the first snapshot with metrics (after preparing and profiling). */
  readonly series: RunSeries | null;
  readonly counts: { readonly samples: number; readonly events: number; readonly slices: number };
  /** Each tenant's latency CDF over its measured requests. */
  readonly latencyCdf: readonly CdfCurve[];
  /** Every slice of the run (appended to while it is live): the zoomable timeline reads any range of it. */
  readonly timeline: TimelineSource;
}

/** Everything the run section shows. */
export interface RunSnapshot {
  readonly form: RunForm;
  readonly formErrors: RunFormErrors;
  readonly run: RunView | null;
  /** Why the last Start was refused (field-named), or null. */
  readonly startIssues: readonly ConfigIssue[] | null;
  /** Issues of the last imported run file, with its name. */
  readonly importIssues: { readonly fileName: string; readonly issues: readonly ConfigIssue[] } | null;
  /** What Run live changed by itself to suit a slow device (WASM, smallest inputs), with what Undo restores; null when nothing. */
  readonly fit: DeviceFit | null;
}

/**
 * Every batch size solo profiles measure in a run (each model at the sizes its own tenants' runs can
 * have, batch 1 always): the union, as the run record states it.
 */
export function profileBatchesFor(experiment: Experiment): number[] {
  return [...new Set([1, ...experiment.tenants.flatMap(sessionBatchesOf)])].sort((a, b) => a - b);
}

/** Checks the run settings; a message per bad field. */
export function validateRunForm(form: RunForm): RunFormErrors {
  const errors: RunFormErrors = {};
  if (!(Number.isInteger(form.profileRuns) && form.profileRuns >= 5 && form.profileRuns <= 500)) {
    errors.profileRuns = `solo profile runs: expected a whole number from 5 to 500, got ${String(form.profileRuns)}`;
  }
  return errors;
}

/** Owns the run section's state; the UI reads `store` and calls the methods. */
export class RunController {
  private readonly state: ReturnType<typeof createStore<RunSnapshot>>;
  private engine: RunEngine | null = null;
  private data: RunData | null = null;
  /** True while an imported file is on screen (live updates are then ignored). */
  private showingFile = false;

  constructor(private readonly deps: RunControllerDeps) {
    const form = deps.formStorage?.load() ?? DEFAULT_RUN_FORM;
    this.state = createStore<RunSnapshot>({ form, formErrors: validateRunForm(form), run: null, startIssues: null, importIssues: null, fit: null });
  }

  get store(): ReadableStore<RunSnapshot> {
    return this.state;
  }

  /** Changes a run setting (validated at once; never silently corrected). */
  setForm(change: Partial<RunForm>): void {
    this.state.update((s) => {
      const form = { ...s.form, ...change };
      const formErrors = validateRunForm(form);
      if (Object.keys(formErrors).length === 0) this.deps.formStorage?.save(form);
      return { ...s, form, formErrors };
    });
  }

  /** Shows (or, with null, clears) what Run live changed to suit a slow device. */
  showFit(fit: DeviceFit | null): void {
    this.state.update((s) => ({ ...s, fit }));
  }

  /** True while a live run is in progress. */
  get live(): boolean {
    return this.state.getSnapshot().run?.live === true;
  }

  /** Starts a live run of `experiment` (null: the editor's draft has problems). */
  start(experiment: Experiment | null): void {
    if (this.live) return;
    const { form, formErrors } = this.state.getSnapshot();
    const issues: ConfigIssue[] = Object.entries(formErrors).map(([path, message]) => ({ path, message }));
    if (experiment === null) issues.push({ path: 'experiment', message: 'the experiment has problems: fix the fields marked above first' });
    if (experiment === null || issues.length > 0) {
      this.state.update((s) => ({ ...s, startIssues: issues }));
      return;
    }
    const settings: RunSettings = {
      backend: form.backend,
      build: form.build,
      profileBatches: profileBatchesFor(experiment),
      profileWarmupRuns: ENGINE_DEFAULTS.profileWarmupRuns,
      profileRuns: form.profileRuns,
      profileUntil: 'stable',
      gpuTiming: true,
    };
    const data = new RunData(experiment, settings, this.deps.nowIso());
    this.data = data;
    this.showingFile = false;
    if (this.engine === null) {
      const engine = this.deps.createEngine();
      engine.onUpdate((update) => this.onUpdate(update));
      this.engine = engine;
    }
    this.state.update((s) => ({ ...s, form: { ...s.form, refreshProfiles: false }, startIssues: null, importIssues: null, run: this.view(data, { kind: 'live' }, true) }));
    // The engine picks each model's profile batches itself (profileBatchesFor is their union, for the record).
    const { profileBatches: _union, ...engineSettings } = settings;
    this.engine.start(data.experiment, { ...engineSettings, allowFallback: true, refreshProfiles: form.refreshProfiles === true });
  }

  /**
   * Stops the run within the slices already on its lanes: no arrival is issued, queued requests are
   * cancelled (counted as dropped, reason 'stopped'), and the run ends as 'stopped' with everything
   * measured so far. During the setup (solo profiles, sessions) the engine ends the run at once, without
   * waiting for its lanes.
   */
  stop(): void {
    if (this.live) this.engine?.stop();
  }

  /**
   * The run on screen as a record, every event and slice an object, or null when there is none. For
   * tests and small runs: export streams from {@link RunController.rows} instead.
   */
  record(): RunRecord | null {
    return this.data?.record() ?? null;
  }

  /** The run on screen with its events and slices read from the columns (what export writes, chunk by chunk), or null. */
  rows(): RunRows | null {
    return this.data?.rows() ?? null;
  }

  /**
   * Reads a run file; a valid one replaces what is on screen (never during a live run) and its
   * experiment is returned (the page loads it into the editor, to run it again); a bad one lists its
   * issues and gives null.
   */
  importRun(fileName: string, text: string): Experiment | null {
    if (this.live) {
      this.state.update((s) => ({ ...s, importIssues: { fileName, issues: [{ path: '', message: 'a live run is in progress: stop it first' }] } }));
      return null;
    }
    const parsed = parseRunFile(text);
    if (!parsed.ok) {
      this.state.update((s) => ({ ...s, importIssues: { fileName, issues: parsed.issues } }));
      return null;
    }
    const data = RunData.fromRecord(parsed.record);
    this.data = data;
    // Export writes the file again from the columns (the same JSON): the parsed objects are not kept.
    this.showingFile = true;
    const run = this.view(data, { kind: 'file', fileName }, false);
    this.state.update((s) => ({ ...s, importIssues: null, startIssues: null, run }));
    return parsed.record.experiment;
  }

  /** Clears the banner about a refused start or a bad import. */
  dismissIssues(): void {
    this.state.update((s) => ({ ...s, startIssues: null, importIssues: null }));
  }

  private onUpdate(update: EngineUpdate): void {
    const data = this.data;
    if (data === null || this.showingFile) return;
    data.take(update, this.deps.environment);
    this.state.update((s) => ({ ...s, run: this.view(data, { kind: 'live' }, !update.finished) }));
  }

  private view(data: RunData, source: RunSource, live: boolean): RunView {
    return {
      source,
      phase: data.outcome?.phase ?? 'preparing',
      live,
      startedAt: data.startedAt,
      experiment: data.experiment,
      settings: data.settings,
      device: data.device,
      outcome: data.outcome,
      soloProfiles: data.soloProfiles,
      blockBalances: data.latest?.blockBalances ?? [],
      setup: live ? (data.latest?.setup ?? null) : null,
      summary: data.summary,
      series: data.series(),
      counts: { samples: data.samples.length, events: data.events.length, slices: data.slices.length },
      latencyCdf: data.latencyCdf.curves(),
      timeline: data.timeline,
    };
  }
}
