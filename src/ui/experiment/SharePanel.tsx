// Sharing: the link (the URL hash), JSON export as a download, JSON import from a file.
import type { ChangeEvent } from 'react';
import { fileNameOf } from '../download';
import { useExperimentController, useExperimentSnapshot } from './use-experiment';

/** Export link and import picker; the hash is kept up to date by the controller. */
export function SharePanel() {
  const controller = useExperimentController();
  const { editor } = useExperimentSnapshot();
  // Re-read on every valid change: `lastValid` identity changes exactly then.
  const href = `data:application/json;charset=utf-8,${encodeURIComponent(controller.exportJson())}`;
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void file.text().then((text) => controller.importJson(file.name, text));
  };
  const fileName = `${fileNameOf(editor.lastValid.name ?? '', 'experiment')}.json`;
  return (
    <div className="share-row">
      <a className="button secondary" href={href} download={fileName} data-testid="export-link">Export JSON</a>
      <label className="button secondary file-button">
        Import JSON…
        <input type="file" accept=".json,application/json" onChange={onFile} data-testid="import-input" className="visually-hidden" />
      </label>
      <span className="muted small">The address bar always holds the last valid experiment: copy it to share.</span>
    </div>
  );
}
