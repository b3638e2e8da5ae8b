// Export the run on screen (JSON: everything; CSV: the summary, the requests) and import a run file to view it again.
import type { ChangeEvent } from 'react';
import { runRequestsCsv, runSummaryCsv, runToJson } from '../../app/run/run-file';
import type { RunRecord } from '../../app/run/run-record';
import { downloadBlob, fileNameOf } from '../download';
import { useRunController, useRunSnapshot } from './use-run';

export function RunFiles() {
  const controller = useRunController();
  const { run } = useRunSnapshot();
  const base = fileNameOf(run?.experiment.name ?? '', 'run');
  // The record is assembled on a click only: this renders at every snapshot while a run is live.
  const save = (toText: (record: RunRecord) => string | null, suffix: string, type: string) => {
    const record = controller.record();
    const text = record === null ? null : toText(record);
    if (text !== null) downloadBlob(new Blob([text], { type }), `${base}${suffix}`);
  };
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void file.text().then((text) => controller.importRun(file.name, text));
  };
  const disabled = run === null || run.live;
  return (
    <div className="share-row">
      <button type="button" className="secondary" disabled={disabled} data-testid="run-export-json"
        onClick={() => save(runToJson, '.run.json', 'application/json')}>Export run JSON</button>
      <button type="button" className="secondary" disabled={disabled || run.summary === null} data-testid="run-export-csv"
        onClick={() => save(runSummaryCsv, '.summary.csv', 'text/csv')}>Summary CSV</button>
      <button type="button" className="secondary" disabled={disabled} data-testid="run-export-requests"
        onClick={() => save(runRequestsCsv, '.requests.csv', 'text/csv')}>Requests CSV</button>
      <label className={`button secondary file-button ${run?.live === true ? 'disabled' : ''}`}>
        Open a run…
        <input type="file" accept=".json,application/json" onChange={onFile} disabled={run?.live === true} data-testid="run-import-input" className="visually-hidden" />
      </label>
    </div>
  );
}
