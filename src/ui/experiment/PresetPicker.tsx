// Preset buttons, and the chosen preset's two-sentence explanation beside them.
import { TRACE_ATTRIBUTION } from '../../core/arrivals/builtin-trace-ids';
import { PRESETS, findPreset } from '../../app/presets/catalog';
import { useExperimentController, useExperimentSnapshot } from './use-experiment';

/** One button per preset (aria-pressed marks the one the draft started from). */
export function PresetPicker() {
  const controller = useExperimentController();
  const { presetId, editor } = useExperimentSnapshot();
  const preset = presetId === null ? undefined : findPreset(presetId);
  return (
    <div className="preset-picker">
      <div className="preset-buttons" role="group" aria-label="Presets">
        {PRESETS.map((p) => (
          <button key={p.id} type="button" className="preset" aria-pressed={p.id === presetId} onClick={() => controller.loadPreset(p.id)}
            data-testid={`preset-${p.id}`}>
            {p.title}
          </button>
        ))}
      </div>
      <aside className="preset-explanation" aria-live="polite" data-testid="preset-explanation">
        <h3>{preset?.title ?? editor.lastValid.name ?? 'Your experiment'}</h3>
        <p>{preset?.explanation ?? 'Loaded from a link or a file. Pick a preset to start from one of the lab\'s lessons.'}</p>
        {editor.lastValid.tenants.some((t) => t.arrival.kind === 'replay') && (
          <p className="muted small" data-testid="trace-attribution">{TRACE_ATTRIBUTION}</p>
        )}
      </aside>
    </div>
  );
}
