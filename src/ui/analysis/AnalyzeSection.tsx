// The Analyze section: settings, a determinate progress bar, capacity bars, SLO-vs-load curves, cost, the plan, JSON/CSV export.
import { useEffect, useState } from 'react';
import { createWorkerAnalyzer } from '../../app/analysis/analysis-client';
import { AnalysisController } from '../../app/analysis/analysis-controller';
import { createBrowserLiveCapacity } from '../../app/analysis/live-capacity-browser';
import { settingsFromQuery, settingsToQuery } from '../../app/analysis/analysis-url';
import { POLICIES } from '../../core/experiment';
import { downloadBlob } from '../download';
import { useExperimentSnapshot } from '../experiment/use-experiment';
import { useRunSnapshot } from '../run/use-run';
import { CapacityBars } from './CapacityBars';
import { CostTable } from './CostTable';
import { LiveConfirm } from './LiveConfirm';
import { PlanPanel } from './PlanPanel';
import { SloCurves } from './SloCurves';
import { AnalysisContext, useAnalysisController, useAnalysisSnapshot } from './use-analysis';

/** Owns the analysis controller (its worker starts on the first Analyze); its settings live in the URL's query. */
export function AnalyzeSection() {
  const [controller] = useState(() => {
    const created = new AnalysisController(createWorkerAnalyzer(), createBrowserLiveCapacity());
    created.setSettings(settingsFromQuery(window.location.search));
    return created;
  });
  useEffect(() => {
    let last = controller.store.getSnapshot().settings;
    return controller.store.subscribe(() => {
      const { settings } = controller.store.getSnapshot();
      if (settings === last) return;
      last = settings;
      // The query holds the analysis settings; the hash (the experiment) stays as it is.
      window.history.replaceState(window.history.state, '', `?${settingsToQuery(settings, window.location.search)}${window.location.hash}`);
    });
  }, [controller]);
  return (
    <AnalysisContext.Provider value={controller}>
      <section className="panel analysis" aria-labelledby="analysis-title" data-testid="analysis">
        <header className="panel-header"><h2 id="analysis-title">Analyze</h2></header>
        <p className="muted small">
          Capacity at an SLO rate (VELTAIR), per policy, granularity and lane mode; SLO rate against load; the cost of sharing one device against a
          device per model (Perseus); and a plan meeting every SLO with the least GPU time (iGniter). All simulated, with this run&apos;s measured solo
          profiles when they cover every model, else the experiment&apos;s assumed service times; Confirm live then probes the capacity on this device.
        </p>
        <AnalysisSettings />
        <AnalysisResult />
      </section>
    </AnalysisContext.Provider>
  );
}

function AnalysisSettings() {
  const controller = useAnalysisController();
  const { settings, settingIssues, state } = useAnalysisSnapshot();
  const { editor } = useExperimentSnapshot();
  const { run } = useRunSnapshot();
  const issue = (field: string) => settingIssues.find((i) => i.path === field)?.message;
  const running = state.status === 'running';
  const start = () => {
    if (editor.experiment !== null) void controller.analyze(editor.experiment, run?.soloProfiles ?? []);
  };
  return (
    <div className="analysis-settings">
      <div className="xp-row">
        <label>SLO rate <input type="text" inputMode="decimal" size={6} value={settings.sloRate} data-testid="analysis-slo-rate"
          onChange={(e) => controller.setSettings({ sloRate: e.target.value })} aria-invalid={issue('sloRate') !== undefined} /></label>
        <label>Price per device-hour <input type="text" inputMode="decimal" size={7} value={settings.pricePerHour} data-testid="analysis-price"
          onChange={(e) => controller.setSettings({ pricePerHour: e.target.value })} aria-invalid={issue('pricePerHour') !== undefined} /></label>
        <label><input type="checkbox" checked={settings.plan} onChange={(e) => controller.setSettings({ plan: e.target.checked })} /> plan (iGniter)</label>
      </div>
      <div className="xp-row" role="group" aria-label="Policies compared">
        {POLICIES.map((p) => (
          <label key={p}><input type="checkbox" checked={settings.policies.includes(p)} onChange={() => controller.togglePolicy(p)} /> {p}</label>
        ))}
      </div>
      {settingIssues.length > 0 && <ul className="xf-errors">{settingIssues.map((i) => <li key={i.path}><code>{i.path}</code> {i.message}</li>)}</ul>}
      <div className="xp-row">
        <button type="button" className="primary" data-testid="analyze-button" onClick={start}
          disabled={running || editor.experiment === null || settingIssues.length > 0}>{running ? 'Analysing…' : 'Analyze'}</button>
        {running && <button type="button" className="secondary" onClick={() => controller.cancel()} data-testid="cancel-analysis">Cancel</button>}
        {running && (
          <span className="progress" data-testid="analysis-progress">
            <progress max={1} value={state.fraction} aria-label="Analysis progress" /> <span className="muted small">{state.step} ({(state.fraction * 100).toFixed(0)}%)</span>
          </span>
        )}
      </div>
    </div>
  );
}

function AnalysisResult() {
  const controller = useAnalysisController();
  const { state } = useAnalysisSnapshot();
  if (state.status === 'failed') {
    return (
      <div className="banner banner-error" role="alert" data-testid="analysis-error">
        <h2>The analysis did not run</h2>
        <ul>{state.issues.map((i, k) => <li key={k}>{i.path && <code>{i.path}</code>} {i.message}</li>)}</ul>
      </div>
    );
  }
  if (state.status !== 'done') return <p className="muted" data-testid="analysis-status" data-status={state.status}>{state.status === 'running' ? 'Simulating in a worker…' : 'No analysis yet.'}</p>;
  const { report } = state;
  const save = (text: string | null, type: string, name: string) => {
    if (text !== null) downloadBlob(new Blob([text], { type }), name);
  };
  const c = report.capacity;
  return (
    <div className="analysis-result" data-testid="analysis-result" data-status="done">
      <p data-testid="analysis-source"><strong>Service times:</strong> {report.serviceTimeSource}</p>
      <p data-testid="analysis-capacity">
        This experiment as set holds {c.holdsFactor === null ? 'at no load' : `${c.holdsFactor.toFixed(3)}x its load (${c.totalAtHoldsPerSec?.toFixed(1) ?? '—'} req/s in all)`}
        {c.failsFactor !== null && `, fails at ${c.failsFactor.toFixed(3)}x`}{c.limitingTenant !== null && ` (${c.limitingTenant} first)`}: simulated, {String(c.probes.length)} probes, at least {String(c.samplesPerTenant)} requests per tenant each.
      </p>
      <div className="xp-row">
        <button type="button" className="secondary" data-testid="analysis-json" onClick={() => save(controller.reportJson(), 'application/json', 'analysis.json')}>Export JSON</button>
        <button type="button" className="secondary" data-testid="analysis-csv" onClick={() => save(controller.reportCsv(), 'text/csv', 'analysis.csv')}>Export CSV</button>
      </div>
      {controller.live !== null && <LiveConfirm live={controller.live} simulated={c} experiment={state.experiment} serviceModel={state.serviceModel} />}
      <CapacityBars report={report} />
      <SloCurves report={report} />
      <CostTable report={report} />
      <PlanPanel report={report} serviceModel={state.serviceModel} />
    </div>
  );
}
