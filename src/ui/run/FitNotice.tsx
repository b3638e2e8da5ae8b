// The notice that Run live or Compare's Lesson fitted the run to a slow device (WASM, smallest inputs): why, what changed, and Undo.
import type { DeviceFitter } from '../../app/run/device-fit';
import { useRunSnapshot } from './use-run';

/** Shown while a fit is in effect; Undo restores the backend and the input sizes for the next run. */
export function FitNotice({ fitter }: { fitter: DeviceFitter }) {
  const { fit, run } = useRunSnapshot();
  if (fit === null) return null;
  return (
    <div className="banner banner-info" role="status" data-testid="run-fit">
      <p>
        <strong>{fit.by === 'lesson' ? 'The lesson' : 'Run live'} picked settings that finish in seconds:</strong> {fit.reason}.
      </p>
      <ul>{fit.changes.map((c) => <li key={c}>{c}</li>)}</ul>
      <button type="button" className="secondary" onClick={() => fitter.undo()} data-testid="run-fit-undo">
        Undo{run?.live === true ? ' (for the next run)' : ''}
      </button>
    </div>
  );
}
