// The simulator's service model: per-model times the user types in, labelled as assumed (nothing is invented here).
import { getIn, type Draft } from '../../app/experiment-draft';
import {
  addServiceModel, describeServiceTime, modelsInDraft, removeServiceModel, removeServiceTime, setFixedServiceTime,
} from '../../app/experiment-service-model';
import { ServiceTimeSchema } from '../../core/experiment';
import { InputField } from './Field';
import { useExperimentController, useExperimentSnapshot, useField } from './use-experiment';

function ModelRow({ model, used, draft }: { model: string; used: boolean; draft: Draft }) {
  const controller = useExperimentController();
  const path = ['serviceModel', 'byModel', model];
  const entry = getIn(draft, path);
  const kind = getIn(entry, ['kind']);
  const other = entry !== undefined && kind !== 'fixed' ? ServiceTimeSchema.safeParse(entry) : null;
  return (
    <tr>
      <th scope="row"><code>{model}</code>{!used && <span className="muted small"> (no tenant uses it)</span>}</th>
      {entry === undefined ? (
        <td colSpan={2}>
          <button type="button" className="secondary" onClick={() => controller.edit((d) => setFixedServiceTime(d, model, 'ms', ''))}>
            Enter a time for {model}
          </button>
        </td>
      ) : other ? (
        <td colSpan={2} className="muted">{other.success ? describeServiceTime(other.data) : String(kind)} (from the file)</td>
      ) : (
        <>
          <td><InputField path={[...path, 'ms']} label={`${model}: batch of 1`} hiddenLabel unit="ms" /></td>
          <td><InputField path={[...path, 'perExtraItemMs']} label={`${model}: each extra item in a batch`} hiddenLabel unit="ms" /></td>
        </>
      )}
      <td>{!used && <button type="button" className="ghost danger" onClick={() => controller.edit((d) => removeServiceTime(d, model))}>Remove</button>}</td>
    </tr>
  );
}

/** Shown under the scheduler controls; the simulator only runs with a complete service model. */
export function ServiceModelEditor() {
  const controller = useExperimentController();
  const { editor } = useExperimentSnapshot();
  const { errors } = useField(['serviceModel', 'byModel']);
  const byModel = getIn(editor.draft, ['serviceModel', 'byModel']);
  const used = modelsInDraft(editor.draft);
  const models = [...new Set([...used, ...Object.keys(typeof byModel === 'object' && byModel !== null ? byModel : {})])];
  return (
    <fieldset className="xp-group" data-testid="service-model">
      <legend>Service model for the simulator <span className="tag-assumed">assumed</span></legend>
      {editor.draft.serviceModel === undefined ? (
        <div className="xp-row">
          <button type="button" className="secondary" onClick={() => controller.edit(addServiceModel)} data-testid="add-service-model">
            Enter assumed service times
          </button>
          <span className="muted small">The simulator needs a service time per model. Presets carry none: type the times you assume (or have measured), they travel with the experiment.</span>
        </div>
      ) : (
        <>
          <table className="service-table" aria-label="Assumed service times">
            <thead><tr><th scope="col">Model</th><th scope="col">Batch of 1</th><th scope="col">+ per extra item</th><th /></tr></thead>
            <tbody>{models.map((m) => <ModelRow key={m} model={m} used={used.includes(m)} draft={editor.draft} />)}</tbody>
          </table>
          {errors.length > 0 && <p className="xf-errors" role="alert" data-testid="error-serviceModel.byModel">serviceModel.byModel: {errors.join('; ')}</p>}
          <div className="xp-row">
            <InputField path={['serviceModel', 'contentionPerExtraLane']} label="Slowdown per extra busy lane" unit="× per lane" className="xf-inline" />
            <button type="button" className="ghost danger" onClick={() => controller.edit(removeServiceModel)}>Remove service model</button>
          </div>
        </>
      )}
    </fieldset>
  );
}
