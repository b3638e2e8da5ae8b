// The tenant table: one row per request stream, add a tenant below it.
import { addTenant, MAX_TENANTS, setAllResolutions } from '../../app/experiment-edits';
import { useExperimentController, useExperimentSnapshot, useField } from './use-experiment';
import { TenantRow } from './TenantRow';

/** Input sides offered for every tenant at once: 32 px makes any preset quick on a slow device. */
const QUICK_RESOLUTIONS = [32, 64, 224] as const;

const COLUMNS = ['Id', 'Model · input', 'Arrivals · rate', 'Batching', 'SLO', 'Weight', 'Priority', 'Queue limit', ''];

/** Every tenant of the draft as an editable row. */
export function TenantTable() {
  const controller = useExperimentController();
  const { editor } = useExperimentSnapshot();
  const { errors } = useField(['tenants']);
  const count = Array.isArray(editor.draft.tenants) ? editor.draft.tenants.length : 0;
  const canAdd = count < MAX_TENANTS;
  return (
    <fieldset className="xp-group">
      <legend>Tenants</legend>
      <div className="table-scroll">
        <table className="tenant-table" aria-label="Tenants">
          <thead><tr>{COLUMNS.map((c, i) => <th key={i} scope="col">{c}</th>)}</tr></thead>
          <tbody>{Array.from({ length: count }, (_, i) => <TenantRow key={i} index={i} canAdd={canAdd} />)}</tbody>
        </table>
      </div>
      {errors.length > 0 && <p className="xf-errors" role="alert" data-testid="error-tenants">tenants: {errors.join('; ')}</p>}
      <div className="xp-row">
        <button type="button" className="secondary" disabled={!canAdd} onClick={() => controller.edit(addTenant)} data-testid="add-tenant">
          Add tenant
        </button>
        <span className="quick-resolution" role="group" aria-label="Set every tenant's input size">
          <span className="muted small">Every input at</span>
          {QUICK_RESOLUTIONS.map((px) => (
            <button key={px} type="button" className="ghost" onClick={() => controller.edit((d) => setAllResolutions(d, px))} data-testid={`all-inputs-${String(px)}`}>
              {px} px
            </button>
          ))}
        </span>
        <span className="muted small">
          Rates in <em>× capacity</em> are fractions of the device&apos;s measured solo capacity for that model and input size (1 = its solo peak).
        </span>
      </div>
    </fieldset>
  );
}
