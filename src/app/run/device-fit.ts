// Fits a run to a slow device by itself: on a software WebGPU adapter or without WebGPU, Run live picks WASM and the smallest input sizes (tenants keep their ratios), says why, and can undo it.
import type { Experiment } from '../../core/experiment';
import type { WebGpuProbe } from '../../runtime/probe-webgpu';
import type { Backend } from '../../runtime/lane-protocol';
import { getIn, setIn, type Draft } from '../experiment-draft';
import type { RunForm } from './run-controller';

/** The smallest input side the experiment schema allows (a multiple of 32 in [32, 1024]), px. */
export const SMALLEST_RESOLUTION_PX = 32;

/** What applied a fit: Run live, or Compare's one-click Lesson. */
export type FitBy = 'run-live' | 'lesson';

/** What a fit changed and how to put it back. */
export interface DeviceFit {
  /** What applied it (the notice names it). */
  readonly by: FitBy;
  /** Why, in a sentence: the device's WebGPU is a software adapter, or there is none. */
  readonly reason: string;
  /** What was changed, one line each (e.g. 'backend: WebGPU -> WASM (CPU)'). */
  readonly changes: readonly string[];
  /** The input side the fit set for each tenant (by index), px: see {@link fittedResolutions}. */
  readonly resolutions: readonly number[];
  /** What Undo restores: the backend, and each tenant's input side (by index) as it was. */
  readonly undo: { readonly backend: Backend; readonly resolutions: readonly number[] };
}

/**
 * The input sides of a fitted run, px: every tenant scaled by the one factor that brings the smallest to
 * {@link SMALLEST_RESOLUTION_PX}, rounded to the schema's multiples of 32 (at least the smallest). Tenants keep
 * their relative cost: a preset's heavy job at twice the camera's side stays at twice (rt-beside-be: 224 and
 * 448 px become 32 and 64), where setting every input to 32 px would make it as light, next to the camera,
 * as the lesson needs it not to be. Sides that are already small are never raised.
 */
export function fittedResolutions(resolutions: readonly number[]): number[] {
  const smallest = resolutions.reduce((a, b) => Math.min(a, b), Infinity);
  const scale = Number.isFinite(smallest) && smallest > SMALLEST_RESOLUTION_PX ? SMALLEST_RESOLUTION_PX / smallest : 1;
  return resolutions.map((r) => Math.min(r, Math.max(SMALLEST_RESOLUTION_PX, Math.round((r * scale) / SMALLEST_RESOLUTION_PX) * SMALLEST_RESOLUTION_PX)));
}

/** True when the adapter is a software one: the browser says so, or it names SwiftShader. */
function isSoftware(probe: WebGpuProbe): boolean {
  const a = probe.adapter;
  if (a === null) return false;
  return a.isFallbackAdapter === true || /swiftshader/i.test(`${a.vendor} ${a.architecture} ${a.description}`);
}

/** Why runs here should be on WASM at the smallest input size, or null when WebGPU is a real GPU (or the probe has not answered). */
export function slowDeviceReason(probe: WebGpuProbe | null): string | null {
  if (probe === null) return null;
  if (!probe.available) return `WebGPU cannot be used here (${probe.reasons[0] ?? 'no adapter'}), so every run is on the CPU`;
  if (isSoftware(probe)) return 'this device\'s WebGPU adapter is a software one (SwiftShader: it runs on the CPU, about 80× slower than WASM here)';
  return null;
}

/**
 * The fit Run live applies before it starts, or null when none is needed: on a slow device (see
 * {@link slowDeviceReason}), unless the backend was chosen by hand on this page, WASM and the inputs
 * scaled down until the smallest is SMALLEST_RESOLUTION_PX (see {@link fittedResolutions}).
 */
export function planDeviceFit(probe: WebGpuProbe | null, form: RunForm, experiment: Experiment, by: FitBy = 'run-live'): DeviceFit | null {
  const reason = slowDeviceReason(probe);
  if (reason === null || form.backendChosen === true) return null;
  const resolutions = experiment.tenants.map((t) => t.resolution);
  const fitted = fittedResolutions(resolutions);
  const changes: string[] = [];
  if (form.backend !== 'wasm') changes.push('backend: WebGPU → WASM (CPU)');
  const smaller = fitted.filter((r, i) => r < (resolutions[i] ?? r)).length;
  const largest = fitted.reduce((a, b) => Math.max(a, b), 0);
  if (smaller > 0) {
    const to = largest > SMALLEST_RESOLUTION_PX ? `${String(SMALLEST_RESOLUTION_PX)}-${String(largest)} px (the same factor for every tenant, so their relative costs stay)` : `${String(SMALLEST_RESOLUTION_PX)} px`;
    changes.push(`input size: ${String(smaller)} tenant(s) from up to ${String(resolutions.reduce((a, b) => Math.max(a, b), 0))} px to ${to}`);
  }
  if (changes.length === 0) return null;
  return { by, reason, changes, resolutions: fitted, undo: { backend: form.backend, resolutions } };
}

/** The draft with every tenant's input side set to `resolutionOf(index)` (tenants the draft lacks are left alone). */
export function withResolutions(draft: Draft, resolutionOf: (index: number, current: unknown) => unknown): Draft {
  const tenants = getIn(draft, ['tenants']);
  if (!Array.isArray(tenants)) return draft;
  let out: unknown = draft;
  tenants.forEach((_, i) => {
    out = setIn(out, ['tenants', i, 'resolution'], resolutionOf(i, getIn(out, ['tenants', i, 'resolution'])));
  });
  return out as Draft;
}

/** What the fitter needs: the run and experiment controllers' methods, and the page's WebGPU probe. */
export interface DeviceFitterDeps {
  readonly probe: () => WebGpuProbe | null;
  readonly form: () => RunForm;
  readonly experiment: () => Experiment | null;
  readonly setBackend: (backend: Backend, chosen: boolean) => void;
  readonly editDraft: (change: (draft: Draft) => Draft) => void;
  readonly start: (experiment: Experiment | null) => void;
  /** The fit on show (the run controller keeps it), or null. */
  readonly shownFit: () => DeviceFit | null;
  readonly showFit: (fit: DeviceFit | null) => void;
}

/** Run live with the fit: plans it, applies it (form and editor), shows it, then starts; undo() puts everything back for the next run. */
export class DeviceFitter {
  constructor(private readonly deps: DeviceFitterDeps) {}

  /**
   * Fits the form and the editor to the device when it is slow (and shows the fit, with its Undo); returns
   * the experiment as it now is in the editor. What Run live does before it starts; Compare's Lesson too (`by`).
   */
  apply(by: FitBy = 'run-live'): Experiment | null {
    const experiment = this.deps.experiment();
    const fit = experiment === null ? null : planDeviceFit(this.deps.probe(), this.deps.form(), experiment, by);
    if (fit !== null) {
      this.deps.setBackend('wasm', false);
      this.deps.editDraft((draft) => withResolutions(draft, (i, current) => fit.resolutions[i] ?? current));
      this.deps.showFit(fit);
    }
    return this.deps.experiment();
  }

  /** Starts a run, fitted to the device first when it is slow. */
  start(): void {
    this.deps.start(this.apply());
  }

  /** Restores the backend and the input sizes the fit changed (a size edited since is kept); the choice then counts as made by hand. */
  undo(): void {
    const fit = this.deps.shownFit();
    if (fit === null) return;
    this.deps.setBackend(fit.undo.backend, true);
    this.deps.editDraft((draft) => withResolutions(draft, (i, current) => (current === fit.resolutions[i] ? fit.undo.resolutions[i] ?? current : current)));
    this.deps.showFit(null);
  }
}
