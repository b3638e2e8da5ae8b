// What Run live will do before the tenants start (sessions to create, solo profile points to measure), and a hint on a slow device.
import type { RunForm } from '../../app/run/run-controller';
import { laneCountOf, laneOfTenant, modelKey, sessionBatchesOf, type Experiment } from '../../core/experiment';
import { planDeviceFit, SMALLEST_RESOLUTION_PX } from '../../app/run/device-fit';
import { useLabSnapshot } from '../use-lab';

/** The setup work of a run, counted the way the engine does it. */
function setupWork(experiment: Experiment, form: RunForm): string {
  // One session per model and lane (a symbolic batch serves every batch size); profile points per model at its tenants' batch sizes.
  const sessions = new Set(experiment.tenants.map((t, i) => `${String(laneOfTenant(experiment, i))}|${modelKey(t.model, t.resolution)}`)).size;
  const batchesByModel = new Map<string, Set<number>>();
  for (const t of experiment.tenants) {
    const mk = modelKey(t.model, t.resolution);
    const sizes = batchesByModel.get(mk) ?? new Set<number>();
    for (const b of sessionBatchesOf(t)) sizes.add(b);
    batchesByModel.set(mk, sizes);
  }
  const points = [...batchesByModel.values()].reduce((n, sizes) => n + sizes.size, 0);
  const largest = Math.max(...experiment.tenants.map((t) => t.resolution));
  return `Before the tenants start: ${String(points)} solo profile point(s), each measured until stable (at most ${String(form.profileRuns)} timed runs), then ${String(sessions)} session(s) on ${String(laneCountOf(experiment))} lane(s) (solo profiles measured earlier on this device are reused from this browser's cache, also after a reload; sessions from an earlier run in this tab are reused); inputs up to ${String(largest)} px; ${String((experiment.warmupMs + experiment.durationMs) / 1000)} s of arrivals.`;
}

/** One muted line under the run controls; on a software WebGPU adapter, what to pick for a run that ends in seconds. */
export function RunHint({ experiment, form }: { experiment: Experiment | null; form: RunForm }) {
  const { probe } = useLabSnapshot();
  const fit = experiment === null ? null : planDeviceFit(probe, form, experiment);
  const software = form.backend === 'webgpu' && probe?.adapter?.isFallbackAdapter === true;
  const large = experiment !== null && experiment.tenants.some((t) => t.resolution > 64);
  return (
    <p className="muted small run-hint" data-testid="run-hint">
      {experiment === null ? 'Fix the experiment to see what a run will do.' : setupWork(experiment, form)}
      {fit !== null && (
        <strong className="run-hint-warn" data-testid="run-hint-fit"> On this device Run live switches to WASM and scales the inputs down to {SMALLEST_RESOLUTION_PX} px by itself ({fit.reason}); it says so and can undo it.</strong>
      )}
      {fit === null && software && large && (
        <strong className="run-hint-warn"> This device's WebGPU is a software adapter (SwiftShader, about 80× slower than WASM here): for a run that ends in seconds, choose WASM and set every input to 32 px.</strong>
      )}
    </p>
  );
}
