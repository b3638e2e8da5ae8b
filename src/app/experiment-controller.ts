// The experiment editor's controller (no React): draft edits, presets, URL hash sync, JSON import/export, simulation.
import { errorMessage } from '../core/error-message';
import {
  experimentFromHash, experimentToHash, experimentToJson, parseExperimentJson,
  type ConfigIssue, type Experiment,
} from '../core/experiment';
import type { SimReport, SimulateResult } from '../core/sim';
import { editorFor, setIn, validateDraft, type Draft, type EditorState, type FieldPath } from './experiment-draft';
import { serviceTimeSource } from './experiment-service-model';
import { findPreset, PRESETS } from './presets/catalog';
import { createStore, type ReadableStore } from './store';

/** The simulator's answer, or why there is none. */
export type SimulationState =
  | { readonly status: 'idle' }
  | { readonly status: 'running' }
  | { readonly status: 'done'; readonly report: SimReport; readonly source: string; readonly stale: boolean }
  | { readonly status: 'failed'; readonly issues: readonly ConfigIssue[] };

/** Everything the editor shows. */
export interface ExperimentSnapshot {
  readonly editor: EditorState;
  /** The preset the draft started from, or null (hash, import, default). */
  readonly presetId: string | null;
  /** Issues of a URL hash that did not validate (the default experiment is shown instead). */
  readonly hashIssues: readonly ConfigIssue[] | null;
  /** Issues of the last imported file, with its name. */
  readonly importIssues: { readonly fileName: string; readonly issues: readonly ConfigIssue[] } | null;
  readonly simulation: SimulationState;
}

/** What the controller needs from the browser (fakes in tests). */
export interface ExperimentDeps {
  /** The current URL hash, with or without '#'. */
  readonly readHash: () => string;
  /** Replaces the URL hash without a history entry (history.replaceState). */
  readonly writeHash: (hash: string) => void;
  /** Runs the simulator (in a worker in the browser). */
  readonly simulate: (experiment: Experiment) => Promise<SimulateResult>;
  /** Stops the simulation in flight (its promise may then reject; the controller ignores it). */
  readonly cancelSimulation: () => void;
}

/** The preset shown when the URL carries no experiment. */
export const DEFAULT_PRESET_ID = 'rt-beside-be';


/** Owns the editor's state; the UI reads `store` and calls the methods. */
export class ExperimentController {
  private readonly state;
  /** The hash this controller wrote last (replaceState fires no hashchange, but a stale event may come). */
  private writtenHash = '';
  /** Counts Simulate presses and cancels, so that an answer to an older press is dropped. */
  private simulationRun = 0;

  constructor(private readonly deps: ExperimentDeps) {
    const preset = findPreset(DEFAULT_PRESET_ID) ?? PRESETS[0];
    if (preset === undefined) throw new Error('no presets');
    const hash = deps.readHash().replace(/^#/, '');
    const fromHash = hash === '' ? null : experimentFromHash(hash);
    const editor = editorFor(fromHash?.ok ? fromHash.experiment : preset.experiment);
    this.state = createStore<ExperimentSnapshot>({
      editor,
      presetId: fromHash?.ok ? null : preset.id,
      hashIssues: fromHash !== null && !fromHash.ok ? fromHash.issues : null,
      importIssues: null,
      simulation: { status: 'idle' },
    });
    // A bad hash stays in the address bar until the user changes something, so it can be inspected.
    if (fromHash === null) this.writeHash(editor.lastValid);
    else if (fromHash.ok) this.writtenHash = hash;
  }

  /** The snapshot store for useSyncExternalStore. */
  get store(): ReadableStore<ExperimentSnapshot> {
    return this.state;
  }

  /**
   * Loads an experiment from a hash that changed while the page was open (a pasted link: browsers do not
   * reload for a new hash). A bad hash shows its issues and keeps the current experiment.
   */
  loadHash(hash: string): void {
    const body = hash.replace(/^#/, '');
    if (body === '' || body === this.writtenHash) return;
    const parsed = experimentFromHash(body);
    if (parsed.ok) this.load(parsed.experiment, null);
    else this.state.update((s) => ({ ...s, hashIssues: parsed.issues }));
  }

  /** Sets one field of the draft to the value as typed (numbers as numbers when they parse, else the text). */
  setField(path: FieldPath, value: unknown): void {
    this.edit((draft) => setIn(draft, path, value) as Draft);
  }

  /** Applies a structural edit (add/remove/duplicate tenant, switch a kind...) to the draft. */
  edit(change: (draft: Draft) => Draft): void {
    const editor = validateDraft(change(this.state.getSnapshot().editor.draft), this.state.getSnapshot().editor.lastValid);
    this.state.update((s) => ({ ...s, editor, simulation: markStale(s.simulation) }));
    if (editor.experiment !== null) this.writeHash(editor.experiment);
  }

  /** Loads a preset by id (unknown ids are ignored). */
  loadPreset(id: string): void {
    const preset = findPreset(id);
    if (preset === undefined) return;
    this.load(preset.experiment, preset.id);
  }

  /** Validates imported JSON text; a valid file replaces the experiment, a bad one lists its issues by field. */
  importJson(fileName: string, text: string): void {
    const parsed = parseExperimentJson(text);
    if (!parsed.ok) {
      this.state.update((s) => ({ ...s, importIssues: { fileName, issues: parsed.issues } }));
      return;
    }
    this.load(parsed.experiment, null);
  }

  /** The last valid experiment as pretty JSON, for the download link. */
  exportJson(): string {
    return experimentToJson(this.state.getSnapshot().editor.lastValid);
  }

  /** Clears the banner about a bad hash or a bad import. */
  dismissIssues(): void {
    this.state.update((s) => ({ ...s, hashIssues: null, importIssues: null }));
  }

  /** Simulates the valid experiment; needs its service model (the source of every service time). */
  async simulate(): Promise<void> {
    const experiment = this.state.getSnapshot().editor.experiment;
    if (experiment === null) return;
    const source = serviceTimeSource(experiment);
    if (source === null) {
      const issues = [{ path: 'serviceModel', message: 'expected a service model: enter assumed service times per model first' }];
      this.setSimulation({ status: 'failed', issues });
      return;
    }
    const run = ++this.simulationRun;
    this.setSimulation({ status: 'running' });
    const result = await this.deps.simulate(experiment).catch(
      (error: unknown): SimulateResult => ({ ok: false, issues: [{ path: '', message: `the simulator failed: ${errorMessage(error)}` }] }),
    );
    if (run !== this.simulationRun) return;
    // An edit while the worker ran makes the report describe an older experiment.
    const stale = this.state.getSnapshot().editor.experiment !== experiment;
    this.setSimulation(result.ok ? { status: 'done', report: result.report, source, stale } : { status: 'failed', issues: result.issues });
  }

  /** Stops a running simulation (a long one cannot be interrupted any other way); the table goes back to empty. */
  cancelSimulation(): void {
    if (this.state.getSnapshot().simulation.status !== 'running') return;
    this.simulationRun++;
    this.deps.cancelSimulation();
    this.setSimulation({ status: 'idle' });
  }

  private load(experiment: Experiment, presetId: string | null): void {
    const editor = editorFor(experiment);
    this.state.update((s) => ({ ...s, editor, presetId, hashIssues: null, importIssues: null, simulation: markStale(s.simulation) }));
    this.writeHash(editor.lastValid);
  }

  private writeHash(experiment: Experiment): void {
    this.writtenHash = experimentToHash(experiment);
    this.deps.writeHash(this.writtenHash);
  }

  private setSimulation(simulation: SimulationState): void {
    this.state.update((s) => ({ ...s, simulation }));
  }
}

function markStale(simulation: SimulationState): SimulationState {
  return simulation.status === 'done' ? { ...simulation, stale: true } : simulation;
}
