// The Characterize section: one button, a progress line per step with time left, Stop, the report (same page as report.html), open and compare report.json files cell by cell.
import { useState, useSyncExternalStore } from 'react';
import { browserCharacterizeController } from '../../app/characterize/characterize-browser';
import { browserCustomModels } from '../../app/custom-models/custom-models-browser';
import { customModelId } from '../../core/experiment';
import { QUICK_MODELS } from '../../core/characterize/characterize-options';
import { reportHtml } from '../../core/characterize/report-html';
import { parseReportJson, reportToJson } from '../../core/characterize/report-parse';
import type { CharacterizeReport } from '../../core/characterize/report-schema';
import { downloadBlob } from '../download';
import { ReportComparison } from './ReportComparison';

const seconds = (ms: number | null): string => (ms === null ? 'estimating' : `~${(ms / 1000).toFixed(0)} s left`);

/** One report drawn as report.html draws it, in a sandboxed frame (no scripts, no network). */
function ReportFrame({ report, title }: { report: CharacterizeReport; title: string }) {
  return <iframe className="characterize-report" title={title} sandbox="" srcDoc={reportHtml(report)} data-testid="characterize-report" />;
}

/** Owns nothing: reads the page's one characterization controller (shared with window.__characterize). */
export function CharacterizeSection() {
  const controller = browserCharacterizeController();
  const progress = useSyncExternalStore((l) => controller.subscribe(l), () => controller.snapshot());
  const [quick, setQuick] = useState(true);
  const [confirmLive, setConfirmLive] = useState(false);
  const custom = browserCustomModels();
  const { files } = useSyncExternalStore(custom.store.subscribe, custom.store.getSnapshot);
  // The experiment's own models offered beside the quick three (ticked ones are characterized at their chosen dims).
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const chosen = files.filter((f) => ticked.has(f.name) && f.state === 'ready').map((f) => customModelId(f.name));
  const [opened, setOpened] = useState<CharacterizeReport[]>([]);
  const [openError, setOpenError] = useState<string | null>(null);
  const busy = progress.phase === 'running' || progress.phase === 'stopping';
  const start = () => {
    void controller.start({ quick, confirmLive, models: [...QUICK_MODELS, ...chosen] }).catch(() => undefined);
  };
  const open = async (files: FileList | null) => {
    const read: CharacterizeReport[] = [];
    for (const file of Array.from(files ?? []).slice(0, 2)) {
      const parsed = parseReportJson(await file.text());
      if (!parsed.ok) {
        setOpenError(`${file.name}: ${parsed.error}`);
        return;
      }
      read.push(parsed.report);
    }
    setOpenError(null);
    setOpened(read);
  };
  const shown = opened.length > 0 ? opened : progress.report === null ? [] : [progress.report];
  return (
    <section className="panel characterize" aria-labelledby="characterize-title" data-testid="characterize" data-phase={progress.phase}>
      <header className="panel-header"><h2 id="characterize-title">Characterize this device</h2></header>
      <p className="muted small">
        Solo latency and throughput against batch size, the interference of every pair of models (concurrent and time-sliced), an interference model
        checked on held-out cells, and the capacity of a default mix per policy, as one report. Quick: three small models at 32 px on WASM (a few
        minutes); full: WebGPU at 224 px, batch up to 64 (much longer; the time left shows once the first step ends).
      </p>
      <div className="row">
        <label><input type="checkbox" checked={quick} disabled={busy} onChange={(e) => setQuick(e.target.checked)} /> quick</label>
        <label title="Probes the default mix's FCFS capacity live around the simulated bracket (a few short live runs)">
          <input type="checkbox" checked={confirmLive} disabled={busy} onChange={(e) => setConfirmLive(e.target.checked)} /> confirm capacity live
        </label>
        {files.map((f) => (
          <label key={f.sha256} title={`${f.fileName}: runs at the sizes chosen under the experiment's own models (the input size applies to zoo models only)${f.state === 'ready' ? '' : '; its file is not loaded'}`}>
            <input type="checkbox" data-testid={`characterize-custom-${f.name}`} checked={ticked.has(f.name)} disabled={busy || f.state !== 'ready'}
              onChange={(e) => setTicked((t) => {
                const next = new Set(t);
                if (e.target.checked) next.add(f.name);
                else next.delete(f.name);
                return next;
              })} /> custom:{f.name}
          </label>
        ))}
        <button type="button" onClick={start} disabled={busy} data-testid="characterize-start">Characterize</button>
        <button type="button" onClick={() => controller.stop()} disabled={progress.phase !== 'running'}>Stop</button>
        <label className="file-button">Open report.json (two: side by side)<input type="file" accept=".json,application/json" multiple onChange={(e) => void open(e.target.files)} /></label>
        {progress.report !== null && (
          <button type="button" onClick={() => progress.report && downloadBlob(new Blob([reportToJson(progress.report)], { type: 'application/json' }), 'report.json')}>Save report.json</button>
        )}
      </div>
      {busy && (
        <p role="status" data-testid="characterize-progress">
          [{progress.stepsDone}/{progress.stepsTotal}] {progress.label} ({seconds(progress.etaMs)})
        </p>
      )}
      {progress.error !== null && <p role="alert" className="error">{progress.error}</p>}
      {openError !== null && <p role="alert" className="error">{openError}</p>}
      <div className="characterize-reports">
        {shown.map((r, i) => <ReportFrame key={`${r.createdAt}-${String(i)}`} report={r} title={`characterization report ${String(i + 1)}`} />)}
      </div>
      {shown.length === 2 && shown[0] !== undefined && shown[1] !== undefined && <ReportComparison a={shown[0]} b={shown[1]} />}
    </section>
  );
}
