// The simulator's per-tenant summary table, labelled with its service-time source, and the Jain index.
import type { SimReport } from '../../core/sim';
import { formatMs } from '../format';
import { SummaryTable } from '../SummaryTable';

/** The summary table of one simulation; `source` says where its service times came from. */
export function SimulationSummary({ report, source, stale }: { report: SimReport; source: string; stale: boolean }) {
  const tenants = report.experiment.tenants.flatMap((id) => {
    // Tenant ids are user-chosen: own keys only (`constructor` must not find Object's).
    const m = Object.hasOwn(report.perTenant, id) ? report.perTenant[id] : undefined;
    return m ? [m] : [];
  });
  return (
    <div className="sim-summary" data-testid="sim-summary">
      {report.stopped !== null && (
        <p className="note" role="status" data-testid="sim-stopped">
          Partial result: {report.stopped.message.replace(/[;,] (or )?raise (it|the budget) with --max-[a-z]+$/, '')}. The table covers the first {formatMs(report.simulatedMs)} simulated.
        </p>
      )}
      <SummaryTable tenants={tenants} overall={report.overall} testIdPrefix="sim" shareBasis="simulated" shareSource={report.gpuTimeSource}
        caption={<><span className="tag-simulated">simulated</span> service times from {source}</>} />
      <p className="muted small">
        Jain fairness over weight-normalised GPU shares: <strong data-testid="sim-jain">{report.jainFairness === null ? '—' : report.jainFairness.toFixed(3)}</strong>
        {' · '}{report.simulatedRequests} requests in {formatMs(report.simulatedMs)} simulated, latency from the scheduled arrival, warm-up excluded
        {' · '}rates in × capacity resolved against these service times (1000 / mean ms of a batch of 1)
        {' · '}† fewer samples than LoadGen needs for that percentile (p50 11, p95 130, p99 662).
      </p>
      {stale && <p className="note">The experiment changed since this simulation: press Simulate again.</p>}
    </div>
  );
}
