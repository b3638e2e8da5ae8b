// Export the run on screen (JSON: everything; CSV: the summary, the requests) and import a run file to view it again, its experiment loaded into the editor.
import type { ChangeEvent } from 'react';
import { runJsonParts, runRequestsCsvParts, runSummaryCsv, type RunRows } from '../../app/run/run-file';
import { experimentToJson } from '../../core/experiment';
import { downloadBlob, fileNameOf } from '../download';
import { useExperimentController } from '../experiment/use-experiment';
import { useRunController, useRunSnapshot } from './use-run';

export function RunFiles() {
  const controller = useRunController();
  const editor = useExperimentController();
  const { run } = useRunSnapshot();
  const base = fileNameOf(run?.experiment.name ?? '', 'run');
  // The text is assembled on a click only (this renders at every snapshot while a run is live), in
  // parts of a few thousand rows read from the page's columns: never one string of the whole run.
  const save = (toParts: (run: RunRows) => string[] | null, suffix: string, type: string) => {
    const rows = controller.rows();
    const parts = rows === null ? null : toParts(rows);
    if (parts !== null) downloadBlob(new Blob(parts, { type }), `${base}${suffix}`);
  };
  const summaryParts = (run: RunRows): string[] | null => {
    const text = runSummaryCsv(run);
    return text === null ? null : [text];
  };
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    void file.text().then((text) => {
      // The run's experiment goes into the editor too, so that Run live runs it again.
      const experiment = controller.importRun(file.name, text);
      if (experiment !== null) editor.importJson(file.name, experimentToJson(experiment));
    });
  };
  const disabled = run === null || run.live;
  return (
    <div className="share-row">
      <button type="button" className="secondary" disabled={disabled} data-testid="run-export-json"
        onClick={() => save(runJsonParts, '.run.json', 'application/json')}>Export run JSON</button>
      <button type="button" className="secondary" disabled={disabled || run.summary === null} data-testid="run-export-csv"
        onClick={() => save(summaryParts, '.summary.csv', 'text/csv')}>Summary CSV</button>
      <button type="button" className="secondary" disabled={disabled} data-testid="run-export-requests"
        onClick={() => save(runRequestsCsvParts, '.requests.csv', 'text/csv')}>Requests CSV</button>
      <label className={`button secondary file-button ${run?.live === true ? 'disabled' : ''}`}>
        Open a run…
        <input type="file" accept=".json,application/json" onChange={onFile} disabled={run?.live === true} data-testid="run-import-input" className="visually-hidden" />
      </label>
    </div>
  );
}
