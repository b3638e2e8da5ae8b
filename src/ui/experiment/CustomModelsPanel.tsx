// The experiment's own .onnx models: each file's facts, its symbolic dims and integer fills as fields, and the file to supply when its bytes are not in this browser.
import { useEffect, useState, useSyncExternalStore, type ChangeEvent } from 'react';
import { browserCustomModels } from '../../app/custom-models/custom-models-browser';
import { getIn, issuesAt, setIn, type Draft } from '../../app/experiment-draft';
import { fillText, parseFillText, type IntFill } from '../../core/experiment';
import { errorMessage } from '../../core/error-message';
import { formatBytes } from '../format';
import { InputField } from './Field';
import { useExperimentController, useExperimentSnapshot } from './use-experiment';

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** An integer input's fill as typed ('1' or '0..99'); a bad text stays in the field with its error beside it. */
function FillField({ model, index, fill }: { model: number; index: number; fill: IntFill }) {
  const controller = useExperimentController();
  const [text, setText] = useState(fillText(fill));
  const [error, setError] = useState<string | null>(null);
  const key = `customModels[${String(model)}].fills[${String(index)}]`;
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    setText(e.target.value);
    const parsed = parseFillText(fill.input, e.target.value);
    setError(parsed.ok ? null : parsed.message);
    if (parsed.ok) controller.edit((draft) => setIn(draft, ['customModels', model, 'fills', index], parsed.value) as Draft);
  };
  return (
    <label className="xf">
      <span className="xf-label">{fill.input} (int: constant or lo..hi)</span>
      <input type="text" value={text} onChange={onChange} aria-invalid={error !== null} data-testid={`field-${key}`} spellCheck={false} />
      <span className="xf-errors" data-testid={`error-${key}`} role={error === null ? undefined : 'alert'}>{error === null ? '' : `${key}: ${error}`}</span>
    </label>
  );
}

/** One custom model: its file, dims and fills, and the file picker when its bytes are missing. */
function CustomModelCard({ index, state }: { index: number; state: string | undefined }) {
  const { editor } = useExperimentSnapshot();
  const entry = getIn(editor.draft, ['customModels', index]);
  const name = str(getIn(entry, ['name']));
  const fileName = str(getIn(entry, ['fileName']));
  const sha = str(getIn(entry, ['sha256']));
  const size = Number(getIn(entry, ['byteLength']));
  const dims = asArray(getIn(entry, ['dims']));
  const fills = asArray(getIn(entry, ['fills'])) as IntFill[];
  const errors = issuesAt(editor.issues, ['customModels', index]);
  const onSupply = (e: ChangeEvent<HTMLInputElement>) => {
    const picked = e.target.files?.[0];
    if (!picked) return;
    void picked.arrayBuffer().then((buffer) => browserCustomModels().supply(sha, picked.name, new Uint8Array(buffer))).catch((error: unknown) => console.warn(errorMessage(error)));
  };
  return (
    <div className="custom-model" data-testid={`custom-model-${name}`} data-state={state ?? 'loading'}>
      <p>
        <strong>custom:{name}</strong> · {fileName} · {formatBytes(size)} · sha256 <code title={sha}>{sha.slice(0, 12)}…</code>
        {' · '}{state === 'ready' ? 'file in this browser' : state === 'missing' ? 'file missing' : 'looking for the file…'}
      </p>
      {state === 'missing' && (
        <p className="banner banner-error" role="alert">
          Supply {fileName} ({String(size)} bytes, sha256 {sha.slice(0, 12)}…) to run this model:{' '}
          <input type="file" accept=".onnx,application/octet-stream" onChange={onSupply} data-testid={`supply-${name}`} />
        </p>
      )}
      <div className="xp-row">
        {dims.map((d, j) => <InputField key={j} path={['customModels', index, 'dims', j, 'size']} label={`${str(getIn(d, ['name']))} (size)`} />)}
        {fills.map((f, j) => <FillField key={`${String(j)}:${f.input}`} model={index} index={j} fill={f} />)}
      </div>
      {errors.length > 0 && <p className="xf-errors" role="alert">customModels[{index}]: {errors.join('; ')}</p>}
    </div>
  );
}

/** Every custom model of the draft; attaches the page's custom-models controller to this editor. */
export function CustomModelsPanel() {
  const controller = useExperimentController();
  const custom = browserCustomModels();
  useEffect(() => custom.attach(controller), [custom, controller]);
  const snapshot = useSyncExternalStore(custom.store.subscribe, custom.store.getSnapshot);
  const { editor } = useExperimentSnapshot();
  const entries = asArray(editor.draft.customModels);
  if (entries.length === 0 && snapshot.message === null) return null;
  return (
    <fieldset className="xp-group" data-testid="custom-models">
      <legend>Your own models</legend>
      <p className="muted">Each symbolic size is fixed for the run (the batch axis follows the batch policy); integer inputs get a constant or a seeded range.</p>
      {snapshot.message !== null && <p className="run-error" role="alert" data-testid="custom-models-message">{snapshot.message}</p>}
      {entries.map((e, i) => <CustomModelCard key={i} index={i} state={snapshot.files.find((f) => f.sha256 === getIn(e, ['sha256']))?.state} />)}
    </fieldset>
  );
}
