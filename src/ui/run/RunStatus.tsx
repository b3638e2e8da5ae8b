// Where the run stands: phase and progress, what it is measured on, solo profiles, counts, lane faults.
import { BlockBalances } from './BlockBalances';
import { assertUnreachable } from '../../core/assert';
import { LATE_AFTER_MS, type ArrivalLateness } from '../../core/loop';
import type { EnginePhase } from '../../engine/engine-protocol';
import { laneCountOf } from '../../core/experiment';
import type { RunView } from '../../app/run/run-controller';
import { formatDurationLeft, formatMs } from '../format';

function phaseText(phase: EnginePhase, lanes: number): string {
  switch (phase) {
    case 'idle': return 'Idle';
    case 'preparing': return `Generating the models and creating their sessions (warm-up runs compile shaders)…`;
    case 'profiling': return 'Measuring solo profiles: each model alone, batch by batch…';
    case 'running': return `Running the tenants together on ${String(lanes)} lane(s)…`;
    case 'draining': return 'Stopped: finishing the requests already queued or running…';
    case 'finished': return 'Finished';
    case 'stopped': return 'Stopped early';
    case 'failed': return 'Failed';
    default: return assertUnreachable(phase);
  }
}

function Device({ run }: { run: RunView }) {
  const d = run.device;
  if (d === null) return <p className="muted small">Device: not known yet.</p>;
  const a = d.adapter;
  const adapter = a === null ? 'CPU' : `${a.vendor} ${a.architecture || a.description}${a.isFallbackAdapter === true ? ' (software fallback adapter: timings say little about real GPUs)' : ''}`;
  return (
    <p className="small" data-testid="run-device">
      Measured on <strong>{d.backendUsed ?? 'unknown'}</strong> · {adapter} · onnxruntime-web {run.settings.build} build · service times: wall clock
      {' · '}{d.backendUsed === 'wasm' ? 'no GPU time (WASM: the lanes run on the CPU)' : <>GPU time: {d.gpuTiming ?? `not measured (${d.gpuTimingUnavailable ?? 'not asked for'})`}</>}
      {' · '}started {new Date(run.startedAt).toLocaleString()}
    </p>
  );
}

/** Where a solo profile point came from: measured by this run (until stable or not), or reused from the cache with its age. */
function sourceOf(p: RunView['soloProfiles'][number]): string {
  const how = p.stability === undefined ? '' : p.stability === 'stable' ? `, stable after ${String(p.windows ?? '?')} windows` : `, not stable within ${String(p.windows ?? '?')} windows`;
  if (!p.cached) return `measured${how}`;
  if (p.measuredAtEpochMs === undefined) return `cached${how}`;
  return `cached, measured ${formatAge(Date.now() - p.measuredAtEpochMs)} ago${how}`;
}

/** An age as the largest whole unit: 40 s, 12 min, 3 h, 2 days. */
function formatAge(ageMs: number): string {
  const s = Math.max(0, Math.round(ageMs / 1000));
  if (s < 60) return `${String(s)} s`;
  if (s < 3600) return `${String(Math.round(s / 60))} min`;
  if (s < 86_400) return `${String(Math.round(s / 3600))} h`;
  return `${String(Math.round(s / 86_400))} days`;
}

function SoloProfiles({ run }: { run: RunView }) {
  if (run.soloProfiles.length === 0) return <p className="muted small">Solo profiles: measured before the tenants run together.</p>;
  return (
    <details className="solo-profiles">
      <summary>Solo profiles ({run.soloProfiles.length} points: each model alone after {run.settings.profileWarmupRuns} warm-up runs, wall clock)</summary>
      <table>
        <thead><tr><th>Model</th><th className="num">Batch</th><th className="num">Median</th><th className="num">p99</th><th className="num">Runs</th><th className="num">Throughput</th><th>Source</th></tr></thead>
        <tbody>
          {run.soloProfiles.map((p) => (
            <tr key={`${p.modelKey}@${String(p.batch)}`}>
              <td>{p.modelKey}</td><td className="num">{p.batch}</td><td className="num">{formatMs(p.medianMs)}</td><td className="num">{formatMs(p.p99Ms)}</td>
              <td className="num">{p.samples}</td><td className="num">{p.throughputPerSec.toFixed(0)} /s</td><td>{sourceOf(p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

const formatOptionalMs = (valueMs: number | null | undefined): string => (valueMs === null || valueMs === undefined ? '—' : formatMs(valueMs));

/** The status block of the run on screen; every line is there from the start, so nothing below it moves. */
export function RunStatus({ run }: { run: RunView }) {
  const totalMs = run.experiment.warmupMs + run.experiment.durationMs;
  const elapsedMs = run.outcome?.elapsedMs ?? 0;
  const outcome = run.outcome;
  const running = run.phase === 'running' || run.phase === 'draining';
  const setup = run.setup;
  const source = run.source.kind === 'file' ? `Imported from ${run.source.fileName}: nothing runs, every figure is as recorded. Its experiment is loaded in the editor above: Run live runs it again.` : null;
  return (
    <div className="run-status" data-testid="run-status">
      {source && <p className="note" data-testid="run-imported">{source}</p>}
      <div className="progress">
        <div className="progress-label">
          {phaseText(run.phase, laneCountOf(run.experiment))}{' '}
          <span className="muted" data-testid="run-step">{running ? `${(elapsedMs / 1000).toFixed(1)} s of ${(totalMs / 1000).toFixed(1)} s`
            : setup !== null ? `${String(setup.done + 1)} of ${String(setup.total)}: ${setup.label}${setup.leftMs === undefined ? '' : ` · about ${formatDurationLeft(setup.leftMs)} left (estimate)`}` : ''}</span>
        </div>
        <progress max={1} value={!run.live ? 1 : running ? Math.min(1, elapsedMs / totalMs) : setup !== null ? setup.done / setup.total : undefined}
          aria-label="Run progress" />
      </div>
      <Device run={run} />
      <p className="muted small" data-testid="run-counts">
        {run.counts.events} requests completed in {run.counts.slices} slices · ledger checked {outcome?.ledgerChecks ?? 0} times
        {' · '}dispatch gap (slice end to next start with work waiting): median {formatOptionalMs(outcome?.dispatchGapMs.medianMs)}, p99 {formatOptionalMs(outcome?.dispatchGapMs.p99Ms)} (n={outcome?.dispatchGapMs.count ?? 0})
      </p>
      <Lateness lateness={outcome?.arrivalLateness ?? null} />
      {outcome !== null && outcome.faults.length > 0 && (
        <div className="banner banner-warn" data-testid="run-faults">
          <h2>{outcome.faults.length} lane fault(s): the requests in flight failed (lane-error), the lane was rebuilt</h2>
          <ul>{outcome.faults.map((f, i) => <li key={i}>lane {f.lane} at {(f.atMs / 1000).toFixed(2)} s: {f.reason} ({f.failedRequests} request(s))</li>)}</ul>
        </div>
      )}
      <BlockBalances balances={run.blockBalances} />
      <SoloProfiles run={run} />
    </div>
  );
}

/** Past this share of late arrivals the page warns: latency then partly measures the browser, not the device. */
const LATE_SHARE_WARNING = 0.01;

/** Open-loop arrivals issued late against their schedule (LoadGen reports this too). */
function Lateness({ lateness }: { lateness: ArrivalLateness | null }) {
  if (lateness === null || lateness.arrivals === 0) return null;
  const share = lateness.lateShare ?? 0;
  const text = `${(share * 100).toFixed(1)}% of ${String(lateness.arrivals)} open-loop arrivals were issued more than ${String(LATE_AFTER_MS)} ms after their scheduled instant (p99 lateness ${formatOptionalMs(lateness.p99Ms)})`;
  if (share <= LATE_SHARE_WARNING) return <p className="muted small" data-testid="run-lateness">{text}</p>;
  return (
    <div className="banner banner-warn" data-testid="run-lateness">
      {text}: latency partly measures this browser (timers, a busy worker), not only the device.
    </div>
  );
}
