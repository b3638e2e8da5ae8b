// The cost of sharing (Perseus): a device per model against one shared device, per 1M inferences.
import type { AnalysisReport } from '../../core/analysis/analyze-report';

const money = (v: number | null): string => (v === null ? '—' : v.toFixed(v < 1 ? 4 : 2));
const rate = (v: number | null): string => (v === null ? '—' : v.toFixed(1));

/** Dedicated per tenant, the dedicated mix, the shared device; the saving, break-even and the tenant that fails first. */
export function CostTable({ report }: { report: AnalysisReport }) {
  const c = report.cost;
  return (
    <figure className="analysis-cost" data-testid="analysis-cost">
      <h3>Cost of sharing</h3>
      <table className="summary-table">
        <thead><tr><th>deployment</th><th>capacity (req/s)</th><th>cost per 1M inferences</th></tr></thead>
        <tbody>
          {c.dedicated.map((d) => <tr key={d.tenant}><td>{d.tenant} on its own device</td><td>{rate(d.capacityPerSec)}</td><td>{money(d.costPerMillion)}</td></tr>)}
          <tr><td>a device per model, the mix</td><td>{rate(c.breakEvenPerSec)}</td><td>{money(c.dedicatedCostPerMillion)}</td></tr>
          <tr><td>all on one shared device</td><td>{rate(c.sharedCapacityPerSec)}</td><td data-testid="shared-cost">{money(c.sharedCostPerMillion)}</td></tr>
        </tbody>
      </table>
      <p data-testid="cost-saving">
        {c.savingPercent === null ? 'No saving figure: a tenant cannot meet its SLO even alone, or the mix holds at no load.'
          : `Sharing ${c.savingPercent >= 0 ? 'saves' : 'costs'} ${Math.abs(c.savingPercent).toFixed(1)}% per inference against a device per model (break-even at ${rate(c.breakEvenPerSec)} req/s shared). ${c.limitingTenant === null ? '' : `The tenant that makes sharing fail first: ${c.limitingTenant}.`}`}
      </p>
      <figcaption className="muted small">
        Simulated at {String(c.pricePerHour)} per device-hour ({c.priceSource}); each capacity is the largest rate holding {String(report.sloRate * 100)}% within SLO.
        {c.excluded.length > 0 && ` Closed-loop tenants not priced: ${c.excluded.join(', ')}.`} Service times: {report.serviceTimeSource}.
      </figcaption>
    </figure>
  );
}
