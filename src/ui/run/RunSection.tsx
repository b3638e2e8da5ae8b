// The live run section: controls, banners, status, the live charts, the summary table, export and import.
import type { ConfigIssue } from '../../core/experiment';
import type { RunView } from '../../app/run/run-controller';
import { GpuTimeline } from './GpuTimeline';
import { InterferenceChart } from './InterferenceChart';
import { LatencyCharts } from './LatencyCharts';
import { QueueChart } from './QueueChart';
import { RunControls } from './RunControls';
import { RunFiles } from './RunFiles';
import { RunStatus } from './RunStatus';
import { RunSummary } from './RunSummary';
import { SloChart } from './SloChart';
import { ThroughputChart } from './ThroughputChart';
import { useRunController, useRunSnapshot } from './use-run';
import { useChartRefreshMark } from './use-chart-refresh';
import './run.css';

function Issues({ title, issues, testId }: { title: string; issues: readonly ConfigIssue[]; testId: string }) {
  const controller = useRunController();
  return (
    <div className="banner banner-error" role="alert" data-testid={testId}>
      <h2>{title}</h2>
      <ul>{issues.map((i, k) => <li key={k}>{i.path && <code>{i.path}</code>} {i.message}</li>)}</ul>
      <button type="button" className="ghost" onClick={() => controller.dismissIssues()}>Dismiss</button>
    </div>
  );
}

function Charts({ run }: { run: RunView }) {
  useChartRefreshMark(run.series);
  const series = run.series;
  if (series === null) {
    return <p className="chart-placeholder muted charts-waiting" data-testid="charts-waiting">The charts start with the first measurements, after the solo profiles.</p>;
  }
  return (
    <div className="chart-grid" data-testid="charts">
      <ThroughputChart series={series} />
      <SloChart series={series} />
      <div className="chart-wide"><LatencyCharts series={series} /></div>
      <InterferenceChart series={series} summary={run.summary} concurrent={run.experiment.lanes.mode === 'concurrent'} />
      <QueueChart series={series} />
      <div className="chart-wide"><GpuTimeline series={series} timing="wall clock" /></div>
    </div>
  );
}

/** Everything about the run on screen; `data-run-phase` tells tests (and the benchmark) where it stands. */
export function RunSection() {
  const { run, startIssues, importIssues } = useRunSnapshot();
  return (
    <section className="panel run" aria-labelledby="run-title" data-testid="run" data-run-phase={run?.phase ?? 'none'} data-run-live={run?.live === true}>
      <header className="panel-header">
        <h2 id="run-title">Live run</h2>
        <RunFiles />
      </header>
      <RunControls />
      {startIssues && <Issues title="The run did not start" issues={startIssues} testId="run-start-issues" />}
      {importIssues && <Issues title={`${importIssues.fileName} was not opened`} issues={importIssues.issues} testId="run-import-banner" />}
      {run?.outcome?.error && (
        <div className="banner banner-error" role="alert" data-testid="run-error">
          <h2>The run {run.phase === 'failed' ? 'failed' : 'reported an error'}</h2>
          <p>{run.outcome.error}</p>
          <p className="small">Everything measured before this is kept below and can be exported.</p>
        </div>
      )}
      {run?.device && run.device.fallbackReasons.length > 0 && (
        <div className="banner banner-warn" data-testid="run-fallback">
          <h2>WebGPU was not used: this run is on WASM (CPU)</h2>
          <ul>{run.device.fallbackReasons.map((r) => <li key={r}>{r}</li>)}</ul>
        </div>
      )}
      {run === null ? (
        <p className="sim-placeholder muted" data-testid="run-empty">
          No run yet. Pick a preset above (or build an experiment), then Run live: the lab measures each model alone, then runs the tenants together and charts what sharing the GPU does to them.
        </p>
      ) : (
        <>
          <RunStatus run={run} />
          <Charts run={run} />
          <RunSummary run={run} />
        </>
      )}
    </section>
  );
}
