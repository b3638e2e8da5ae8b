// The Compare section: run the experiment as 2-4 variants along one axis (or the loaded preset's lesson) back to back, and see them side by side.
import { memo, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { createBrowserCompareController } from '../../app/compare/compare-browser';
import type { Comparison } from '../../app/compare/compare-file';
import { issueLines, valuesFromText, viewOf } from '../../app/compare/compare-view';
import { compareEngineOptions, fittedLessonRequest } from '../../app/compare/lesson-start';
import { describePromise, lessonFor } from '../../app/compare/lessons';
import { AXIS_KINDS, currentValue, variantsOf, type AxisKind, type CompareAxis } from '../../app/compare/variants';
import type { ConfigIssue } from '../../core/experiment';
import { downloadBlob } from '../download';
import { useExperimentSnapshot } from '../experiment/use-experiment';
import { useDeviceFitter } from '../run/use-device-fit';
import { useRunController, useRunSnapshot } from '../run/use-run';
import { CompareCharts } from './CompareCharts';
import { CompareResults } from './CompareResults';
import { CompareTimelines } from './CompareTimelines';
import type { VariantTimeline } from '../../app/compare/variant-timelines';

/** Suggested values per axis when the picker switches to it (the experiment's current value first where it has one). */
const SUGGESTED: Readonly<Record<AxisKind, string>> = { policy: 'fcfs, priority, edf', granularity: '1, 4', batching: '1, 4, 8', 'lane-mode': 'time-sliced, concurrent', rate: '0.2, 0.4, 0.6' };

/**
 * The results of one comparison: the table and verdict, then the charts, then the stacked lane timelines (none for a file
 * from before they were kept). Memoized: while a later variant runs, the section re-renders with every progress tick
 * (5 a second) and the run's snapshots, and re-rendering the recharts bars, CDFs and timelines each time took a third of
 * the page's main thread in veltair-mix's blocks variant, CPU the lane and engine workers needed on a 2-core machine.
 */
const CompareView = memo(function CompareView({ comparison, timelines }: { comparison: Comparison; timelines: readonly (VariantTimeline | null)[] }) {
  const view = useMemo(() => viewOf(comparison), [comparison]);
  return (
    <>
      <CompareResults view={view} />
      <CompareCharts view={view} />
      {timelines.length > 0 && <div className="chart-wide"><CompareTimelines timelines={timelines} tenants={view.tenants} /></div>}
    </>
  );
});

/** Axis picker, values, repeats, Compare and Lesson buttons, progress and Cancel; pins, export and import; the results. */
export function CompareSection() {
  const [controller] = useState(createBrowserCompareController);
  const state = useSyncExternalStore(controller.store.subscribe, controller.store.getSnapshot);
  const { editor, presetId } = useExperimentSnapshot();
  const { form, run } = useRunSnapshot();
  const runController = useRunController();
  const fitter = useDeviceFitter();
  const [kind, setKind] = useState<AxisKind>('policy');
  const [tenant, setTenant] = useState('');
  const [valuesText, setValuesText] = useState(SUGGESTED.policy);
  const [repeats, setRepeats] = useState('1');
  const [formIssues, setFormIssues] = useState<readonly ConfigIssue[]>([]);
  const experiment = editor.experiment;
  const openLoop = experiment?.tenants.filter((t) => 'rate' in t.arrival).map((t) => t.id) ?? [];
  const rateTenant = openLoop.includes(tenant) ? tenant : (openLoop[0] ?? '');
  const lesson = lessonFor(presetId);
  const running = state.status === 'running';
  const engine = compareEngineOptions(form);
  useEffect(() => () => controller.cancel(), [controller]);

  const pickAxis = (next: AxisKind) => {
    setKind(next);
    const axis: CompareAxis = next === 'rate' ? { kind: 'rate', tenant: rateTenant } : { kind: next };
    const now = experiment === null ? null : currentValue(experiment, axis);
    setValuesText(next === 'rate' && now !== null ? `${String(now)}, ${String(Number((Number(now) * 1.5).toPrecision(3)))}` : SUGGESTED[next]);
  };
  const start = (variants: ReturnType<typeof variantsOf>, title: string, withLesson: boolean) => {
    const n = Number(repeats);
    if (!variants.ok) return setFormIssues(variants.issues);
    setFormIssues([]);
    void controller.compare({ title, variants: variants.variants, lesson: withLesson ? (lesson ?? null) : null, repeats: n, engine });
  };
  const compareAxis = () => {
    if (experiment === null) return;
    const axis: CompareAxis = kind === 'rate' ? { kind: 'rate', tenant: rateTenant } : { kind };
    start(variantsOf(experiment, axis, valuesFromText(kind, valuesText)), `${experiment.name ?? 'experiment'}: ${kind}`, false);
  };
  // Fitted to the device as Run live is (WASM, smallest inputs on a slow device; the Run section shows the fit and its Undo).
  const runLesson = () => {
    if (lesson === undefined) return;
    const fitted = fittedLessonRequest({ applyFit: () => fitter.apply('lesson'), form: () => runController.store.getSnapshot().form }, lesson, Number(repeats));
    if (!fitted.ok) return setFormIssues(fitted.issues);
    setFormIssues([]);
    void controller.compare(fitted.request);
  };
  const importFile = async (file: File | undefined) => {
    if (file !== undefined) controller.importText(file.name, await file.text());
  };
  const json = () => {
    const text = controller.exportJson();
    if (text !== null) downloadBlob(new Blob([text], { type: 'application/json' }), 'comparison.json');
  };
  const issues = [...formIssues, ...(state.issues ?? [])];
  return (
    <section className="panel compare" aria-labelledby="compare-title" data-testid="compare" data-status={state.status}>
      <header className="panel-header"><h2 id="compare-title">Compare</h2></header>
      <p className="muted">Runs this experiment as 2-4 variants that differ along one axis, back to back live on this device ({form.backend}, the Run section&apos;s settings), with the same seed and arrivals, and shows them side by side with the simulator&apos;s prediction for each.</p>
      <div className="xp-row">
        <label>Axis <select value={kind} onChange={(e) => pickAxis(e.target.value as AxisKind)} data-testid="compare-axis">
          {AXIS_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select></label>
        {kind === 'rate' && <label>Tenant <select value={rateTenant} onChange={(e) => setTenant(e.target.value)} data-testid="compare-tenant">
          {openLoop.map((t) => <option key={t} value={t}>{t}</option>)}
        </select></label>}
        <label>Values <input type="text" size={28} value={valuesText} onChange={(e) => setValuesText(e.target.value)} data-testid="compare-values" /></label>
        <label>Repeats <input type="number" min={1} max={20} size={3} value={repeats} onChange={(e) => setRepeats(e.target.value)} data-testid="compare-repeats" /></label>
        <button type="button" className="primary" onClick={compareAxis} disabled={running || experiment === null || run?.live === true} data-testid="compare-start">Compare</button>
        {lesson !== undefined && (
          <button type="button" className="secondary" onClick={runLesson} disabled={running || experiment === null || run?.live === true} data-testid="compare-lesson"
            title={`${lesson.title}: ${describePromise(lesson.promise)}`}>Lesson: {lesson.title}</button>
        )}
        {running && <button type="button" className="secondary" onClick={() => controller.cancel()} data-testid="compare-cancel">Cancel</button>}
      </div>
      {lesson !== undefined && <p className="muted small">The lesson promises: {describePromise(lesson.promise)}.</p>}
      {run?.live === true && <p className="muted small">Waits for the live run to end.</p>}
      {issues.length > 0 && <ul className="xf-errors" data-testid="compare-issues">{issueLines(issues).map((line) => <li key={line}>{line}</li>)}</ul>}
      {state.progress !== null && (
        <p className="progress" data-testid="compare-progress"><progress max={1} value={state.progress.fraction} aria-label="Compare progress" /> <span className="muted small">{state.progress.step}</span></p>
      )}
      {state.error !== null && <p className="banner banner-error" role="alert" data-testid="compare-error">{state.error}</p>}
      <div className="xp-row">
        <button type="button" className="ghost small" onClick={json} disabled={state.comparison === null} data-testid="compare-export">Export JSON</button>
        {state.pinned && state.comparison !== null
          ? <button type="button" className="ghost small" onClick={() => void controller.unpin(state.comparison?.id ?? '')} data-testid="compare-unpin">Unpin</button>
          : <button type="button" className="ghost small" onClick={() => void controller.pin()} disabled={state.comparison === null || running} data-testid="compare-pin">Pin</button>}
        <label className="small">Open a comparison <input type="file" accept="application/json,.json" onChange={(e) => void importFile(e.target.files?.[0])} data-testid="compare-import" /></label>
        {state.pins.length > 0 && <label className="small">Pinned <select value="" onChange={(e) => controller.show(e.target.value)} data-testid="compare-pins">
          <option value="">{String(state.pins.length)} pinned…</option>
          {state.pins.map((p) => <option key={p.id} value={p.id}>{p.title} ({p.createdAt.slice(0, 16)})</option>)}
        </select></label>}
      </div>
      {state.pinError !== null && <p className="muted small" role="status">Pins: {state.pinError}</p>}
      {state.importIssues !== null && <ul className="xf-errors" data-testid="compare-import-issues">{issueLines(state.importIssues.issues).map((l) => <li key={l}>{state.importIssues?.fileName}: {l}</li>)}</ul>}
      {state.comparison !== null && (
        <div data-testid="compare-result" data-cancelled={state.comparison.cancelled}>
          <h3>{state.comparison.title}{state.comparison.cancelled ? ' (cancelled: the runs that finished)' : ''}</h3>
          <CompareView comparison={state.comparison} timelines={state.timelines} />
        </div>
      )}
    </section>
  );
}
