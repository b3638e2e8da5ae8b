// The model panel: pick a zoo model (or the opened file), resolution, backend, build, run counts; Run; progress.
import type { ChangeEvent } from 'react';
import { isBusy, RESOLUTIONS_PX, type LabSettings, type ModelChoice } from '../app/lab-state';
import { isModelId } from '../zoo';
import { formatBytes, formatCount, formatShape } from './format';
import { ProgressBar } from './ProgressBar';
import { useLabController, useLabSnapshot } from './use-lab';

function NumberField(props: { label: string; field: 'warmupRuns' | 'measuredRuns'; value: number; error: string | undefined; disabled: boolean }) {
  const controller = useLabController();
  const onChange = (event: ChangeEvent<HTMLInputElement>) => controller.updateSettings({ [props.field]: event.target.valueAsNumber });
  return (
    <label className="field">
      <span>{props.label}</span>
      <input type="number" min={1} value={Number.isNaN(props.value) ? '' : props.value} onChange={onChange} disabled={props.disabled}
        aria-invalid={props.error !== undefined} data-testid={`${props.field}-input`} />
      {props.error && <span className="field-error" role="alert">{props.error}</span>}
    </label>
  );
}

/** Settings and the Run button. */
export function ModelPanel() {
  const controller = useLabController();
  const { settings, settingsErrors, zoo, file, phase, probe } = useLabSnapshot();
  const busy = isBusy(phase);
  const update = (patch: Partial<LabSettings>) => controller.updateSettings(patch);
  const selected = zoo.find((entry) => entry.id === settings.model);
  const onModel = (event: ChangeEvent<HTMLSelectElement>) => {
    const value = event.target.value;
    if (value === 'file' || isModelId(value)) update({ model: value satisfies ModelChoice });
  };
  return (
    <section className="panel" aria-label="Model">
      <header className="panel-header"><h2>Model</h2></header>
      <div className="form-grid">
        <label className="field field-wide">
          <span>Model</span>
          <select value={settings.model} onChange={onModel} disabled={busy} data-testid="model-select">
            {zoo.map((entry) => (
              <option key={entry.id} value={entry.id} disabled={!entry.ok}>
                {entry.ok ? `${entry.meta.name} · ${formatCount(entry.meta.params)} params · ${formatCount(entry.meta.macs)} MACs` : `${entry.id} (unavailable)`}
              </option>
            ))}
            {file?.inspection.ok && <option value="file">Your file: {file.fileName}</option>}
          </select>
          {settingsErrors.model && <span className="field-error" role="alert">{settingsErrors.model}</span>}
        </label>
        <label className="field">
          <span>Resolution</span>
          <select value={settings.resolution} onChange={(e) => update({ resolution: Number(e.target.value) })} disabled={busy || settings.model === 'file'} data-testid="resolution-select">
            {RESOLUTIONS_PX.map((px) => <option key={px} value={px}>{px} × {px} px</option>)}
          </select>
        </label>
        <label className="field">
          <span>Backend</span>
          <select value={settings.backend} onChange={(e) => update({ backend: e.target.value === 'wasm' ? 'wasm' : 'webgpu' })} disabled={busy} data-testid="backend-select">
            <option value="webgpu">WebGPU{probe && !probe.available ? ' (unavailable: falls back)' : ''}</option>
            <option value="wasm">WASM (CPU)</option>
          </select>
        </label>
        <label className="field">
          <span>ORT build</span>
          <select value={settings.build} onChange={(e) => update({ build: e.target.value === 'jsep' ? 'jsep' : 'webgpu-ep' })} disabled={busy} data-testid="build-select">
            <option value="webgpu-ep">webgpu (native EP)</option>
            <option value="jsep">default (JSEP)</option>
          </select>
        </label>
        <NumberField label="Warm-up runs (excluded)" field="warmupRuns" value={settings.warmupRuns} error={settingsErrors.warmupRuns} disabled={busy} />
        <NumberField label="Measured runs" field="measuredRuns" value={settings.measuredRuns} error={settingsErrors.measuredRuns} disabled={busy} />
        <label className="field field-check">
          <input type="checkbox" checked={settings.compareWithWasm} onChange={(e) => update({ compareWithWasm: e.target.checked })} disabled={busy} data-testid="compare-check" />
          <span>Check WebGPU output against WASM</span>
        </label>
      </div>
      {selected?.ok && settings.model !== 'file' && (
        <p className="model-facts" data-testid="model-facts">
          {selected.meta.name} at {settings.resolution} px: {formatCount(selected.meta.params)} parameters, {formatCount(selected.meta.macs)} MACs,{' '}
          {formatBytes(selected.meta.weightBytes)} of weights, {selected.meta.layerCount} layers, input {formatShape(selected.meta.inputShape)}.
          Weights are seeded random: they do not change timing. Generated in your browser, nothing is downloaded.
        </p>
      )}
      <div className="run-row">
        <button type="button" className="primary" onClick={() => void controller.run()} disabled={busy} data-testid="run-button">
          {busy ? 'Running…' : 'Run'}
        </button>
        <ProgressBar />
      </div>
    </section>
  );
}
