// Test fixture: the page's run and editor controllers wired to a DeviceFitter on a device described by a WebGPU probe.
import type { Experiment } from '../../core/experiment';
import type { AdapterFacts } from '../../runtime/adapter-facts';
import type { WebGpuProbe } from '../../runtime/probe-webgpu';
import { ExperimentController } from '../experiment-controller';
import { DeviceFitter } from './device-fit';
import { RunController, type RunEngine } from './run-controller';

/** Adapter facts with only the fallback flag and description chosen. */
export const adapter = (isFallbackAdapter: boolean | null, description = 'GPU'): AdapterFacts => ({
  vendor: 'v', architecture: 'a', device: '', description, isFallbackAdapter, features: [], hasTimestampQuery: false, hasShaderF16: false, limits: [],
});

/** A WebGPU probe: available with `facts`, or unavailable with a reason. */
export const probe = (available: boolean, facts: AdapterFacts | null): WebGpuProbe => ({
  available, adapter: facts, highPerformanceDescription: null, reasons: available ? [] : ['navigator.gpu is undefined'], secureContext: true, crossOriginIsolated: true,
});

/** Run and editor controllers (preset `presetId` loaded) and a fitter on a device described by `p`; `started` lists what Run live started. */
export function fitSetup(p: WebGpuProbe, presetId: string) {
  const started: Experiment[] = [];
  const engine: RunEngine = { start: (e) => started.push(e), stop: () => undefined, onUpdate: () => () => undefined };
  const run = new RunController({ createEngine: () => engine, nowIso: () => '2026-12-02T00:00:00.000Z', environment: { userAgent: 'test', crossOriginIsolated: false } });
  const editor = new ExperimentController({ readHash: () => '', writeHash: () => undefined, simulate: () => Promise.reject(new Error('unused')), cancelSimulation: () => undefined });
  editor.loadPreset(presetId);
  const fitter = new DeviceFitter({
    probe: () => p,
    form: () => run.store.getSnapshot().form,
    experiment: () => editor.store.getSnapshot().editor.experiment,
    setBackend: (backend, chosen) => run.setForm({ backend, backendChosen: chosen }),
    editDraft: (change) => editor.edit(change),
    start: (e) => run.start(e),
    shownFit: () => run.store.getSnapshot().fit,
    showFit: (fit) => run.showFit(fit),
  });
  return { run, editor, fitter, started };
}
