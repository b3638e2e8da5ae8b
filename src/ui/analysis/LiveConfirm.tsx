// Confirm live: the simulated capacity bracket beside the one measured by short live probes, with progress, Cancel and every probe.
import { useState, useSyncExternalStore } from 'react';
import type { LiveCapacityController, LiveCapacityReport } from '../../app/analysis/live-capacity';
import type { CapacityResult } from '../../core/analysis/capacity';
import { DEFAULT_LIVE_MAX_PROBES, liveBracketOptionIssues } from '../../core/analysis/live-bracket';
import type { LiveCapacityProbe } from '../../core/analysis/live-probe';
import type { Experiment, ServiceModel } from '../../core/experiment';
import { useRunSnapshot } from '../run/use-run';
import { LiveBracketChart } from './LiveBracketChart';

const factorText = (v: number | null): string => (v === null ? '—' : `${v.toFixed(3)}x`);
const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const range = (xs: readonly number[], digits = 0): string => {
  if (xs.length === 0) return '—';
  const low = xs.reduce((a, b) => Math.min(a, b), Infinity);
  const high = xs.reduce((a, b) => Math.max(a, b), -Infinity);
  return low === high ? low.toFixed(digits) : `${low.toFixed(digits)}–${high.toFixed(digits)}`;
};
const minSamples = (p: { tenants: readonly { samples: number }[] }): number => p.tenants.reduce((a, t) => Math.min(a, t.samples), Infinity);

/** The button, the progress of a confirmation, and both brackets once there is one. */
export function LiveConfirm({ live, simulated, experiment, serviceModel }: {
  live: LiveCapacityController; simulated: CapacityResult; experiment: Experiment; serviceModel: ServiceModel;
}) {
  const state = useSyncExternalStore(live.store.subscribe, live.store.getSnapshot);
  const { form, run } = useRunSnapshot();
  const [budget, setBudget] = useState(String(DEFAULT_LIVE_MAX_PROBES));
  const maxProbes = Number(budget.trim() === '' ? Number.NaN : budget);
  const budgetIssue = liveBracketOptionIssues({ maxProbes }).find((i) => i.path === 'maxProbes')?.message;
  const running = state.status === 'running';
  const start = () => {
    const engine = { backend: form.backend, build: form.build, profileRuns: form.profileRuns, allowFallback: true };
    void live.confirm({ experiment, serviceModel, simulated, engine, maxProbes });
  };
  return (
    <figure className="analysis-live" data-testid="live-capacity" data-status={state.status}>
      <h3>Capacity, confirmed live</h3>
      <div className="xp-row">
        <label>Probes at most <input type="text" inputMode="numeric" size={3} value={budget} data-testid="live-max-probes"
          onChange={(e) => setBudget(e.target.value)} aria-invalid={budgetIssue !== undefined} /></label>
        {budgetIssue !== undefined && <span className="xf-errors" role="alert">probes: {budgetIssue}</span>}
        <button type="button" className="primary" data-testid="confirm-live" onClick={start} disabled={running || run?.live === true || budgetIssue !== undefined}>
          {running ? 'Confirming…' : 'Confirm live'}
        </button>
        {running && <button type="button" className="secondary" onClick={() => live.cancel()} data-testid="cancel-live">Cancel</button>}
        {running && (
          <span className="progress" data-testid="live-progress">
            <progress max={1} value={state.fraction} aria-label="Live confirmation progress" /> <span className="muted small">{state.step} ({(state.fraction * 100).toFixed(0)}%)</span>
          </span>
        )}
        <span className="muted small">
          Short live runs on this device ({form.backend}{form.backend === 'webgpu' ? `, ${form.build}` : ''}, the Run section&apos;s settings) around the simulated bracket:
          each as long as LoadGen&apos;s minimum samples need, with the same seed; a fresh engine worker, given back at the end.{run?.live === true && ' Waits for the live run to end.'}
        </span>
      </div>
      {state.status === 'failed' && <p className="xf-errors" role="alert" data-testid="live-capacity-error">Confirm live: {state.message}</p>}
      {state.status === 'done' && <Brackets report={state.report} simulated={simulated} />}
      {(state.status === 'running' || state.status === 'failed' || state.status === 'done') && (
        <>
          <LiveBracketChart probes={state.status === 'done' ? state.report.probes : state.probes} tenants={experiment.tenants.map((t) => t.id)}
            sloRate={state.status === 'done' ? state.report.sloRate : simulated.sloRate} simulated={simulated}
            live={state.status === 'done' ? state.report : null} backend={state.status === 'done' ? state.report.backendUsed : null} />
          <ProbeTable probes={state.status === 'done' ? state.report.probes : state.probes} tenants={experiment.tenants.map((t) => t.id)} />
        </>
      )}
    </figure>
  );
}

function Brackets({ report, simulated }: { report: LiveCapacityReport; simulated: CapacityResult }) {
  const liveDurations = report.probes.map((p) => p.durationMs);
  const liveSamples = report.probes.map(minSamples);
  return (
    <table className="summary-table" data-testid="live-bracket" data-outcome={report.outcome}
      data-holds={report.holdsFactor ?? ''} data-fails={report.failsFactor ?? ''} data-sim-holds={simulated.holdsFactor ?? ''} data-sim-fails={simulated.failsFactor ?? ''}>
      <caption className="muted small">Load factor on the experiment&apos;s open-loop rates at {pct(report.sloRate)} of requests within SLO; live on {report.backendUsed ?? '—'}.</caption>
      <thead><tr><th /><th>simulated</th><th>live</th></tr></thead>
      <tbody>
        <tr><td>holds</td><td data-testid="sim-holds">{factorText(simulated.holdsFactor)}</td><td data-testid="live-holds">{factorText(report.holdsFactor)}</td></tr>
        <tr><td>fails</td><td data-testid="sim-fails">{factorText(simulated.failsFactor)}</td><td data-testid="live-fails">{factorText(report.failsFactor)}</td></tr>
        <tr><td>outcome</td><td>{simulated.outcome} (±{String(simulated.resolution * 100)}%)</td><td>{report.outcome} (±{String(report.resolution * 100)}%)</td></tr>
        <tr><td>probes</td><td>{simulated.probes.length}</td><td>{report.probes.length} of at most {report.maxProbes}</td></tr>
        <tr><td>measured window per probe (ms)</td><td>{range(simulated.probes.map((p) => p.durationMs))}</td><td>{range(liveDurations)}</td></tr>
        <tr><td>fewest samples of a tenant per probe</td><td>{range(simulated.probes.map(minSamples))}</td><td>{range(liveSamples)} (LoadGen minimum {report.samplesPerTenant})</td></tr>
      </tbody>
    </table>
  );
}

function ProbeTable({ probes, tenants }: { probes: readonly LiveCapacityProbe[]; tenants: readonly string[] }) {
  if (probes.length === 0) return null;
  return (
    <>
    <table className="summary-table" data-testid="live-probes">
      <thead><tr><th>probe</th><th>factor</th><th>measured window (ms)</th><th>fewest samples</th>{tenants.map((t) => <th key={t}>{t} SLO rate</th>)}<th>verdict</th></tr></thead>
      <tbody>
        {probes.map((p, i) => (
          <tr key={i} data-testid={`live-probe-${String(i)}`} data-holds={p.holds}>
            <td>{i + 1}</td><td>{factorText(p.factor)}</td><td>{p.durationMs.toFixed(0)}</td>
            <td>{p.minTenantSamples}{p.enoughSamples ? '' : ' †'}</td>
            {tenants.map((t) => <td key={t}>{pct(p.tenants.find((x) => x.tenant === t)?.sloRate ?? null)}</td>)}
            <td>{p.phase === 'finished' ? (p.holds ? 'holds' : 'fails') : p.phase}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <p className="muted small">† fewer measured requests than LoadGen&apos;s minimum: the verdict stands, the percentile is not valid.</p>
    </>
  );
}
