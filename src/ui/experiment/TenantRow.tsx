// One tenant of the table: model, input size, priority, weight, SLO, arrival process and rate, batch policy, queue; row actions.
import { getIn } from '../../app/experiment-draft';
import {
  duplicateTenant, EDITABLE_ARRIVALS, isEditableArrival, removeTenant, setArrivalKind, setBatchKind, type BatchKind,
} from '../../app/experiment-edits';
import { BUILTIN_TRACE_IDS, BUILTIN_TRACE_LABELS } from '../../core/arrivals/builtin-trace-ids';
import { MODEL_IDS } from '../../zoo';
import { InputField, SelectField } from './Field';
import { useExperimentController, useExperimentSnapshot } from './use-experiment';

const MODEL_OPTIONS = MODEL_IDS.map((id) => [id, id] as const);
const PRIORITY_OPTIONS = [['real-time', 'real-time'], ['best-effort', 'best-effort']] as const;
const RATE_UNITS = [['capacity-fraction', '× capacity'], ['per-sec', 'req/s']] as const;
const BATCH_OPTIONS = [['none', 'no batching'], ['dynamic', 'dynamic'], ['adaptive', 'adaptive (SLO/2)']] as const;
const ARRIVAL_LABELS: Record<(typeof EDITABLE_ARRIVALS)[number], string> = {
  poisson: 'Poisson', constant: 'constant', gamma: 'gamma (bursty)', replay: 'real trace (replay)', 'closed-loop': 'closed loop',
};
const TRACE_OPTIONS = BUILTIN_TRACE_IDS.map((id) => [id, BUILTIN_TRACE_LABELS[id]] as const);
const ARRIVAL_OPTIONS = EDITABLE_ARRIVALS.map((kind) => [kind, ARRIVAL_LABELS[kind]] as const);

function ArrivalCell({ index, name }: { index: number; name: string }) {
  const controller = useExperimentController();
  const { editor } = useExperimentSnapshot();
  const path = ['tenants', index, 'arrival'];
  const kind = getIn(editor.draft, [...path, 'kind']);
  const onKind = (value: string) => { if (isEditableArrival(value)) controller.edit((d) => setArrivalKind(d, index, value)); };
  return (
    <div className="xf-stack">
      <SelectField path={[...path, 'kind']} label={`${name} arrival process`} hiddenLabel options={ARRIVAL_OPTIONS} onSelect={onKind} />
      {kind === 'closed-loop' && <InputField path={[...path, 'outstanding']} label={`${name} requests outstanding`} hiddenLabel unit="in flight" />}
      {kind === 'replay' && <SelectField path={[...path, 'trace']} label={`${name} trace`} hiddenLabel options={TRACE_OPTIONS} />}
      {(kind === 'poisson' || kind === 'constant' || kind === 'gamma' || kind === 'replay') && (
        <div className="xf-pair">
          <InputField path={[...path, 'rate', 'value']} label={`${name} rate`} hiddenLabel />
          <SelectField path={[...path, 'rate', 'unit']} label={`${name} rate unit`} hiddenLabel options={RATE_UNITS} />
        </div>
      )}
      {kind === 'gamma' && <InputField path={[...path, 'cv']} label={`${name} coefficient of variation`} hiddenLabel unit="cv" />}
      {!isEditableArrival(kind) && <span className="muted xf-note">{String(kind)}: edit in the JSON file</span>}
    </div>
  );
}

function BatchCell({ index, name }: { index: number; name: string }) {
  const controller = useExperimentController();
  const { editor } = useExperimentSnapshot();
  const path = ['tenants', index, 'batch'];
  const kind = getIn(editor.draft, [...path, 'kind']);
  const onKind = (value: string) => {
    if (value === 'none' || value === 'dynamic' || value === 'adaptive') controller.edit((d) => setBatchKind(d, index, value satisfies BatchKind));
  };
  return (
    <div className="xf-stack">
      <SelectField path={[...path, 'kind']} label={`${name} batch policy`} hiddenLabel options={BATCH_OPTIONS} onSelect={onKind} />
      {kind !== 'none' && <InputField path={[...path, 'maxBatch']} label={`${name} max batch`} hiddenLabel unit="max" />}
      {kind === 'dynamic' && <InputField path={[...path, 'maxQueueDelayMs']} label={`${name} max queue delay (ms)`} hiddenLabel unit="ms wait" />}
    </div>
  );
}

/** Row `index` of the tenant table; `name` labels its inputs for screen readers. */
export function TenantRow({ index, canAdd }: { index: number; canAdd: boolean }) {
  const controller = useExperimentController();
  const { editor } = useExperimentSnapshot();
  const id = getIn(editor.draft, ['tenants', index, 'id']);
  const name = `Tenant ${String(index + 1)}${typeof id === 'string' && id !== '' ? ` (${id})` : ''}`;
  const t = ['tenants', index];
  // The draft's own .onnx models can be picked too (their "resolution" only names their solo profiles).
  const custom = Array.isArray(editor.draft.customModels) ? (editor.draft.customModels as unknown[]).map((m) => getIn(m, ['name'])).filter((n): n is string => typeof n === 'string') : [];
  const options = custom.length === 0 ? MODEL_OPTIONS : [...MODEL_OPTIONS, ...custom.map((n) => [`custom:${n}`, `custom:${n}`] as const)];
  return (
    <tr data-testid={`tenant-row-${String(index)}`}>
      <td><InputField path={[...t, 'id']} label={`${name} id`} hiddenLabel text /></td>
      <td>
        <div className="xf-stack">
          <SelectField path={[...t, 'model']} label={`${name} model`} hiddenLabel options={options} />
          <InputField path={[...t, 'resolution']} label={`${name} resolution (px)`} hiddenLabel unit="px" />
        </div>
      </td>
      <td><ArrivalCell index={index} name={name} /></td>
      <td><BatchCell index={index} name={name} /></td>
      <td><InputField path={[...t, 'sloMs']} label={`${name} SLO (ms)`} hiddenLabel unit="ms" /></td>
      <td><InputField path={[...t, 'weight']} label={`${name} weight`} hiddenLabel /></td>
      <td><SelectField path={[...t, 'priority']} label={`${name} priority`} hiddenLabel options={PRIORITY_OPTIONS} /></td>
      <td><InputField path={[...t, 'queueLimit']} label={`${name} queue limit`} hiddenLabel /></td>
      <td className="row-actions">
        <button type="button" className="ghost" disabled={!canAdd} onClick={() => controller.edit((d) => duplicateTenant(d, index))}
          aria-label={`Duplicate ${name}`} data-testid={`duplicate-tenant-${String(index)}`}>Duplicate</button>
        <button type="button" className="ghost danger" onClick={() => controller.edit((d) => removeTenant(d, index))}
          aria-label={`Remove ${name}`} data-testid={`remove-tenant-${String(index)}`}>Remove</button>
      </td>
    </tr>
  );
}
