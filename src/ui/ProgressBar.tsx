// Progress of the current Run: its phase, the stage's done/total, and measured runs so far.
import { assertUnreachable } from '../core/assert';
import type { LabPhase } from '../app/lab-state';
import { useLabSnapshot } from './use-lab';

function phaseLabel(phase: LabPhase): string {
  switch (phase) {
    case 'probing': return 'Probing WebGPU…';
    case 'idle': return 'Idle';
    case 'building': return 'Generating the model in a worker…';
    case 'loading': return 'Creating the ONNX Runtime session…';
    case 'warming': return 'Warming up (compiling shaders)…';
    case 'measuring': return 'Measuring…';
    case 'comparing': return 'Checking the output against WASM…';
    default: return assertUnreachable(phase);
  }
}

/** A labelled progress bar; shows nothing useful while idle. */
export function ProgressBar() {
  const { phase, progress, liveLatenciesMs, settings, error } = useLabSnapshot();
  if (phase === 'idle') {
    return error ? <p className="run-error" role="alert" data-testid="run-error">{error}</p> : <span className="muted" data-testid="progress">Idle</span>;
  }
  const fraction =
    phase === 'measuring' ? liveLatenciesMs.length / settings.measuredRuns
      : progress && progress.total > 0 ? progress.done / progress.total : null;
  const detail = phase === 'measuring' ? `run ${liveLatenciesMs.length}/${settings.measuredRuns}` : progress?.label ?? '';
  return (
    <div className="progress" data-testid="progress">
      <div className="progress-label">{phaseLabel(phase)} <span className="muted">{detail}</span></div>
      <progress max={1} value={fraction ?? undefined} aria-label={phaseLabel(phase)} />
    </div>
  );
}
