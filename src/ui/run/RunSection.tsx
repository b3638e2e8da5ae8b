// The live run section: controls, banners, status, the live charts, the summary table, export and import.
import { useMemo, useState } from 'react';
import { laneCountOf, type ConfigIssue } from '../../core/experiment';
import { emptySeries } from '../../app/run/run-series';
import type { RunView } from '../../app/run/run-controller';
import { GpuTimeline } from './GpuTimeline';
import { InterferenceChart } from './InterferenceChart';
import { LatencyCdfChart } from './LatencyCdfChart';
import { LatencyCharts } from './LatencyCharts';
import { QueueChart } from './QueueChart';
import { QueueServiceChart } from './QueueServiceChart';
import { RunControls } from './RunControls';
import { RunFiles } from './RunFiles';
import { RunStatus } from './RunStatus';
import { RunSummary } from './RunSummary';
import { SloChart } from './SloChart';
import { ThroughputChart } from './ThroughputChart';
import { useRunController, useRunSnapshot } from './use-run';
import { useStaggered } from './use-staggered';
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

/** True when the run is (or was asked to be) on WASM: nothing of it ran on a GPU. */
const cpuOnly = (run: RunView): boolean => (run.device?.backendUsed ?? run.settings.backend) === 'wasm';

/** A chart's place while it waits for its first turn: the same frame height, so nothing moves when it draws. */
function Pending({ title, height }: { title: string; height: number }) {
  return (
    <figure className="chart" data-points={0}>
      <div className="chart-head"><h3>{title}</h3></div>
      <div className="chart-body" style={{ height }}><p className="chart-placeholder muted">Drawing…</p></div>
    </figure>
  );
}

/**
 * The charts; each takes a new run in a task of its own (see useStaggered). They are drawn empty from
 * the start of the run, so that mounting them (the costliest draw) happens while the run prepares.
 */
function Charts({ run }: { run: RunView }) {
  const [empty] = useState(() => emptySeries(run.experiment, laneCountOf(run.experiment)));
  const current = run.series ?? empty;
  const throughput = useStaggered(current, 'throughput');
  const slo = useStaggered(current, 'slo');
  const latency = useStaggered(current, 'latency');
  // Whole-run figures that change slowly: once a second is enough; each chart in a task of its own.
  const interference = useStaggered(run, 'interference', 1000);
  const cdf = useStaggered(run, 'latency-cdf', 1000);
  const queueService = useStaggered(run, 'queue-service', 1000);
  const queue = useStaggered(current, 'queue');
  const timeline = useStaggered(current, 'timeline');
  // Props of memo'd charts must keep their identity between renders (this renders at every snapshot).
  const sloMs = useMemo(() => run.experiment.tenants.map((t) => t.sloMs), [run.experiment]);
  return (
    <div className="chart-grid" data-testid="charts">
      {throughput ? <ThroughputChart series={throughput} /> : <Pending title="Throughput" height={220} />}
      {slo ? <SloChart series={slo} /> : <Pending title="SLO satisfaction" height={220} />}
      <div className="chart-wide">{latency ? <LatencyCharts series={latency} /> : <Pending title="Latency over time" height={170} />}</div>
      {interference ? (
        <InterferenceChart series={interference.series ?? empty} summary={interference.summary} concurrent={run.experiment.lanes.mode === 'concurrent'} cpuOnly={cpuOnly(run)} />
      ) : <Pending title="Interference" height={220} />}
      {queue ? <QueueChart series={queue} /> : <Pending title="Queue depth" height={220} />}
      {cdf ? <LatencyCdfChart curves={cdf.latencyCdf} sloMs={sloMs} /> : <Pending title="Latency CDF" height={220} />}
      {queueService ? <QueueServiceChart summary={queueService.summary} /> : <Pending title="Queue vs service time" height={220} />}
      <div className="chart-wide">{timeline ? <GpuTimeline series={timeline} timing="wall clock" source={run.timeline} cpuOnly={cpuOnly(run)} /> : <Pending title={cpuOnly(run) ? 'Lane timeline (CPU, WASM)' : 'GPU timeline'} height={48} />}</div>
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
          <Charts key={run.startedAt + run.source.kind} run={run} />
          <RunSummary run={run} />
        </>
      )}
    </section>
  );
}
