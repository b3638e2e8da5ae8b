// The run's summary table (live while it runs, final at the end) with the Jain index, what the figures are, and the notice when the run broke its profile's promise.
import type { RunView } from '../../app/run/run-controller';
import { noticeOfRun } from '../../app/run/run-notice';
import { SummaryTable } from '../SummaryTable';
import { RunNotice } from './RunNotice';

export function RunSummary({ run }: { run: RunView }) {
  const summary = run.summary;
  if (summary === null) return <p className="sim-placeholder muted">The summary table appears with the first measurements.</p>;
  // A WASM run never touched a GPU: its shares are of the lanes' (CPU workers') time.
  const cpu = (run.device?.backendUsed ?? run.settings.backend) === 'wasm';
  const share = cpu ? 'lane (CPU) time' : 'GPU time';
  const sloMs = new Map(run.experiment.tenants.map((t) => [t.id, t.sloMs]));
  const notice = noticeOfRun({ experiment: run.experiment, summary, series: run.series, cpu });
  const state = run.live ? 'live, updating' : run.phase === 'finished' ? 'final' : `as of the ${run.phase === 'failed' ? 'failure' : 'stop'}`;
  return (
    <div className="run-summary" data-testid="run-summary" data-final={!run.live}>
      <SummaryTable tenants={summary.tenants} overall={summary.overall} testIdPrefix="run" slowdown shareBasis={cpu ? 'cpu' : 'gpu'} shareSource={summary.gpuTimeSource} sloMs={sloMs} meanBatch
        caption={`Summary (${state}): ${(summary.measuredMs / 1000).toFixed(1)} s measured after ${(summary.warmupMs / 1000).toFixed(1)} s of warm-up, wall clock`} />
      <p className="muted small">
        Jain fairness over weight-normalised shares of {share}: <strong data-testid="run-jain">{summary.jainFairness === null ? '—' : summary.jainFairness.toFixed(3)}</strong>
        {' · '}{share === 'GPU time' ? 'GPU share' : 'share'} from {summary.gpuTimeSource === 'gpu-timestamps' ? 'GPU timestamps' : `lane service time (wall clock${share === 'GPU time' ? '; no GPU timestamps' : ''})`}
        {' · '}latency from the scheduled arrival (LoadGen), warm-up excluded; quantiles within {(summary.relativeAccuracy * 100).toFixed(0)}% (DDSketch)
        {' · '}† fewer samples than LoadGen needs for that percentile (p50 11, p95 130, p99 662)
        {' · '}slowdown: latency / solo latency at the same batch
        {' · '}verdict: MLPerf-style, p99 against the SLO over at least 662 requests (INVALID below; then LoadGen's Server early-stopping estimate beside it, which may decide from 459), its reason in the cell's title.
      </p>
      <RunNotice notice={notice} />
    </div>
  );
}
