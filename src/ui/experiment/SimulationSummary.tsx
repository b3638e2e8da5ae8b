// The simulator's per-tenant summary: requests, drops by reason, p50/p95/p99 (marked below LoadGen's minimum samples), SLO rate, throughput, GPU share, Jain index.
import type { SimReport } from '../../core/sim';
import type { QuantileEstimate } from '../../core/metrics/digest';
import { DROP_REASONS, type DropReason } from '../../core/metrics';
import type { TenantMetrics } from '../../core/metrics/snapshot';
import { formatMs } from '../format';

/** Short column headers for the drop reasons. */
const DROP_LABELS: Readonly<Record<DropReason, string>> = { 'queue-full': 'Drop: queue', 'slo-unreachable': 'Drop: SLO', 'lane-error': 'Drop: error' };

const percent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);

function Quantile({ q }: { q: QuantileEstimate }) {
  if (q.value === null) return <td className="num">—</td>;
  return (
    <td className={`num ${q.valid ? '' : 'invalid'}`} data-valid={q.valid}
      title={q.valid ? undefined : `fewer than ${String(q.minSamples)} samples: below LoadGen's minimum for this percentile`}>
      {formatMs(q.value)}{q.valid ? '' : ' †'}
    </td>
  );
}

function Row({ m, label }: { m: TenantMetrics; label: string }) {
  const drops = DROP_REASONS.map((r) => m.measured.droppedByReason[r]);
  return (
    <tr data-testid={`sim-row-${label}`}>
      <th scope="row">{label}</th>
      <td className="num" data-testid="sim-completed">{m.measured.completed}</td>
      {drops.map((d, i) => <td key={i} className="num">{d}</td>)}
      <Quantile q={m.latencyMs.p50} />
      <Quantile q={m.latencyMs.p95} />
      <Quantile q={m.latencyMs.p99} />
      <td className="num">{percent(m.sloSatisfaction)}</td>
      <td className="num">{m.meanThroughputPerSec.toFixed(1)}</td>
      <td className="num">{percent(m.gpuShare)}</td>
    </tr>
  );
}

/** The summary table of one simulation; `source` says where its service times came from. */
export function SimulationSummary({ report, source, stale }: { report: SimReport; source: string; stale: boolean }) {
  const tenants = report.experiment.tenants.flatMap((id) => {
    const m = report.perTenant[id];
    return m ? [m] : [];
  });
  return (
    <div className="sim-summary" data-testid="sim-summary">
      <div className="table-scroll">
        <table>
          <caption>
            <span className="tag-simulated">simulated</span> service times from {source}
          </caption>
          <thead>
            <tr>
              <th scope="col">Tenant</th><th scope="col" className="num">Completed</th>
              {DROP_REASONS.map((r) => <th key={r} scope="col" className="num" title={`requests dropped: ${r}`}>{DROP_LABELS[r]}</th>)}
              <th scope="col" className="num">p50</th><th scope="col" className="num">p95</th><th scope="col" className="num">p99</th>
              <th scope="col" className="num">Within SLO</th><th scope="col" className="num">Throughput /s</th><th scope="col" className="num">GPU share</th>
            </tr>
          </thead>
          <tbody>
            {tenants.map((m) => <Row key={m.id} m={m} label={m.id} />)}
            <Row m={report.overall} label="overall" />
          </tbody>
        </table>
      </div>
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
