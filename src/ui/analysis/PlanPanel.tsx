// The planner's answer: the plan (or how far the load exceeds the device), predicted SLO rate and p99 per tenant, and Apply.
import { useState } from 'react';
import { tritonZip } from '../../app/analysis/triton-zip';
import type { AnalysisReport } from '../../core/analysis/analyze-report';
import { experimentToJson, type ServiceModel } from '../../core/experiment';
import { downloadBlob } from '../download';
import { useExperimentController } from '../experiment/use-experiment';
import { PlanCheck } from './PlanCheck';

const batchText = (b: { kind: string; maxBatch?: number; maxQueueDelayMs?: number }): string =>
  b.kind === 'none' ? 'none' : b.kind === 'adaptive' ? `adaptive ≤ ${String(b.maxBatch)} (SLO/2)` : `dynamic ${String(b.maxBatch)}, wait ≤ ${String(b.maxQueueDelayMs)} ms`;

/** Apply loads the plan into the experiment editor (validated like an imported file); Triton zip exports it as a model repository. */
export function PlanPanel({ report, serviceModel }: { report: AnalysisReport; serviceModel: ServiceModel }) {
  const editor = useExperimentController();
  const [zipError, setZipError] = useState<string | null>(null);
  const outcome = report.plan;
  if (outcome === null) return null;
  const candidate = outcome.plan ?? outcome.noFit?.closest ?? null;
  if (candidate === null) return null;
  const e = candidate.experiment;
  return (
    <figure className="analysis-plan" data-testid="analysis-plan" data-fits={outcome.plan !== null}>
      <h3>Plan</h3>
      <p>
        {outcome.plan !== null
          ? `Meets every SLO at ${String(report.sloRate * 100)}% with ${candidate.laneMsPerSec.toFixed(0)} ms of lane time per second: ${candidate.label}.`
          : `No plan fits this device. ${outcome.noFit?.loadExceedsBy === null || outcome.noFit === null ? 'It fails even at 1/1024 of the load.' : `The load is ${outcome.noFit.loadExceedsBy.toFixed(2)}x what the closest plan (${candidate.label}) holds`}${outcome.noFit?.limitingTenant ? `; ${outcome.noFit.limitingTenant} fails first.` : '.'}`}
      </p>
      <table className="summary-table">
        <thead><tr><th>tenant</th><th>batch</th><th>weight</th><th>predicted SLO rate</th><th>predicted p99 (ms)</th></tr></thead>
        <tbody>
          {e.tenants.map((t, i) => (
            <tr key={t.id}><td>{t.id}</td><td>{batchText(t.batch)}</td><td>{t.weight}</td>
              <td>{((candidate.predicted[i]?.sloRate ?? 0) * 100).toFixed(2)}%</td><td>{candidate.predicted[i]?.p99LatencyMs?.toFixed(1) ?? '—'}</td></tr>
          ))}
        </tbody>
      </table>
      <div className="xp-row">
        <button type="button" className="primary" data-testid="apply-plan" onClick={() => editor.importJson('plan', experimentToJson(e))}>Apply</button>
        <button type="button" className="secondary" data-testid="triton-zip" onClick={() => {
          const zipped = tritonZip(e, serviceModel, report.sloRate, `${outcome.plan === null ? 'the closest plan (it does not fit)' : 'the plan'}: ${candidate.label}`);
          setZipError(zipped.ok ? null : zipped.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
          if (zipped.ok) downloadBlob(new Blob([zipped.bytes.slice().buffer], { type: 'application/zip' }), 'triton-repository.zip');
        }}>Triton zip</button>
        <span className="muted small">Loads {e.scheduler.policy}, {e.scheduler.granularity === 'inference' ? 'whole inferences' : `${String(e.scheduler.blocks)} blocks`}, {e.lanes.mode} lanes and these batches into the editor; then Run live checks it on this device. {outcome.evaluated} plans simulated; predictions from {report.serviceTimeSource}.</span>
      </div>
      {zipError !== null && <p className="xf-errors" role="alert">Triton export: {zipError}</p>}
      <PlanCheck plan={candidate} source={report.serviceTimeSource} />
    </figure>
  );
}
