// After Apply and Run live: the planner's predicted SLO rate and p99 per tenant beside the live run's measured ones.
import { planCheckRows, runMatchesPlan } from '../../app/analysis/plan-check';
import type { PlanCandidate } from '../../core/analysis/planner';
import { useRunSnapshot } from '../run/use-run';

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const msText = (v: number | null): string => (v === null ? '—' : v.toFixed(1));

/** Shown once a run of this plan (same tenants, batches, policy, granularity, lanes) has metrics. */
export function PlanCheck({ plan, source }: { plan: PlanCandidate; source: string }) {
  const { run } = useRunSnapshot();
  if (run === null || run.summary === null || !runMatchesPlan(plan.experiment, run.experiment)) {
    return <p className="muted small" data-testid="plan-check-none">After Apply, Run live runs this plan on this device; its measured SLO rate and p99 then show here beside the prediction.</p>;
  }
  const rows = planCheckRows(plan, run.summary);
  return (
    <table className="summary-table" data-testid="plan-check" data-live={run.live}>
      <caption className="muted small">Predicted (simulated from {source}) against measured ({run.live ? 'live, so far' : 'the run'}: latency from the scheduled arrival; † p99 below LoadGen&apos;s 662 samples)</caption>
      <thead><tr><th>tenant</th><th>predicted SLO rate</th><th>measured SLO rate</th><th>predicted p99 (ms)</th><th>measured p99 (ms)</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.tenant} data-testid={`plan-check-${r.tenant}`}>
            <td>{r.tenant}</td><td>{pct(r.predictedSloRate)}</td><td>{pct(r.measuredSloRate)}</td>
            <td>{msText(r.predictedP99Ms)}</td><td>{msText(r.measuredP99Ms)}{r.measuredP99Ms !== null && !r.measuredP99Valid ? ' †' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
