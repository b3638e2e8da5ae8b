// Run controls: backend, onnxruntime-web build, solo profile runs (most, until stable); Run live / Stop; the reason a start is not possible.
import { useExperimentSnapshot } from '../experiment/use-experiment';
import { RUN_BUTTON_ID } from './run-button-id';
import { FitNotice } from './FitNotice';
import { RunHint } from './RunHint';
import { useDeviceFitter } from './use-device-fit';
import { useRunController, useRunSnapshot } from './use-run';

export function RunControls() {
  const controller = useRunController();
  const { form, formErrors, run } = useRunSnapshot();
  const { editor } = useExperimentSnapshot();
  const fitter = useDeviceFitter();
  const live = run?.live === true;
  const blocker = editor.experiment === null ? 'Fix the experiment\'s problems above first.'
    : Object.keys(formErrors).length > 0 ? 'Fix the run settings first.' : null;
  return (
    <div className="run-controls">
      <label className="field">
        <span>Backend</span>
        <select value={form.backend} disabled={live} data-testid="run-backend"
          onChange={(e) => controller.setForm({ backend: e.target.value === 'wasm' ? 'wasm' : 'webgpu', backendChosen: true })}>
          <option value="webgpu">WebGPU (falls back to WASM, with reasons)</option>
          <option value="wasm">WASM (CPU)</option>
        </select>
      </label>
      <label className="field">
        <span>ORT build</span>
        <select value={form.build} disabled={live} data-testid="run-build"
          onChange={(e) => controller.setForm({ build: e.target.value === 'jsep' ? 'jsep' : 'webgpu-ep' })}>
          <option value="webgpu-ep">webgpu (native EP)</option>
          <option value="jsep">default (JSEP: GPU timestamps)</option>
        </select>
      </label>
      <label className="field">
        <span title="Each solo profile point runs in windows until the window medians agree within 10% (perf_analyzer's rule: 3 windows), at most this many timed runs">Solo profile: at most runs per batch size (until stable)</span>
        <input type="number" min={5} max={500} value={Number.isNaN(form.profileRuns) ? '' : form.profileRuns} disabled={live}
          aria-invalid={formErrors.profileRuns !== undefined} data-testid="run-profile-runs"
          onChange={(e) => controller.setForm({ profileRuns: e.target.valueAsNumber })} />
        {formErrors.profileRuns && <span className="field-error" role="alert" data-testid="run-profile-runs-error">{formErrors.profileRuns}</span>}
      </label>
      <label className="field checkbox" title="Solo profiles are kept in this browser (per adapter, backend, build, model, input size and batch) and reused by later runs, also after a reload">
        <input type="checkbox" checked={form.refreshProfiles === true} disabled={live} data-testid="run-refresh-profiles"
          onChange={(e) => controller.setForm({ refreshProfiles: e.target.checked })} />
        <span>Re-measure solo profiles (next run)</span>
      </label>
      <div className="run-buttons">
        {/* One button element for Run live and Stop (same place, same id): focus stays on it as the run starts and ends; aria-disabled keeps it focusable while stopping. */}
        {live ? (
          <button type="button" id={RUN_BUTTON_ID} className="secondary" onClick={() => { if (run.phase !== 'draining') controller.stop(); }}
            aria-disabled={run.phase === 'draining'} accessKey="r" aria-keyshortcuts="Alt+Shift+R" data-testid="run-stop">
            {run.phase === 'draining' ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <button type="button" id={RUN_BUTTON_ID} className="primary" onClick={() => fitter.start()} disabled={blocker !== null}
            accessKey="r" aria-keyshortcuts="Alt+Shift+R" data-testid="run-start">
            Run live
          </button>
        )}
        <span className="muted small">{blocker ?? 'Runs this experiment on this device: solo profiles first, then the tenants together.'}</span>
      </div>
      <RunHint experiment={editor.experiment} form={form} />
      <FitNotice fitter={fitter} />
    </div>
  );
}
