// Bring your own .onnx: a file picker, the file's inputs and outputs, and a specific refusal when it cannot run.
import { errorMessage } from '../core/error-message';
import { useState, type ChangeEvent } from 'react';
import { browserCustomModels } from '../app/custom-models/custom-models-browser';
import { isBusy } from '../app/lab-state';
import { symbolicDimsOf } from '../zoo/symbolic-dims';
import { formatBytes } from './format';
import { ModelFactsTable } from './ModelFactsTable';
import { TensorTable } from './TensorTable';
import { useLabController, useLabSnapshot } from './use-lab';

/** The file picker and what the lab found in the file. */
export function FilePanel() {
  const controller = useLabController();
  const { file, phase } = useLabSnapshot();
  const [readError, setReadError] = useState<string | null>(null);
  const [picked, setPicked] = useState<{ readonly name: string; readonly bytes: Uint8Array } | null>(null);
  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0];
    if (!picked) return;
    setReadError(null);
    picked.arrayBuffer().then(
      (buffer) => {
        const bytes = new Uint8Array(buffer);
        setPicked({ name: picked.name, bytes });
        controller.openFile(picked.name, bytes);
      },
      (error: unknown) => setReadError(`Could not read '${picked.name}': ${errorMessage(error)}`),
    );
  };
  const inspection = file?.inspection;
  return (
    <section className="panel" aria-label="Your own model">
      <header className="panel-header"><h2>Your own .onnx</h2></header>
      <p className="muted">
        Runs here if every input is float32, float16, int32 or int64 with fixed or named sizes (the batch axis follows the batch; other
        named sizes are yours to set under the experiment's own models after Use as tenant; a single run here uses their
        defaults) and the weights are inside the file. The file stays in your browser.
      </p>
      <input type="file" accept=".onnx,application/octet-stream" onChange={onPick} disabled={isBusy(phase)} data-testid="file-input" />
      {readError && <p className="run-error" role="alert">{readError}</p>}
      {file && inspection && (
        <div className="file-report" data-testid="file-report" data-ok={inspection.ok}>
          <p>
            <strong>{file.fileName}</strong> · {formatBytes(file.sizeBytes)}
            {inspection.irVersion !== null && <> · IR v{inspection.irVersion} · opset {inspection.opset ?? '?'} · {inspection.nodeCount} nodes</>}
            {inspection.producer && <> · from {inspection.producer}</>}
          </p>
          {inspection.ok
            ? (
              <p className="ok-note" data-testid="file-ok">
                Runnable: selected in the model panel.{' '}
                {picked !== null && picked.name === file.fileName && (
                  <button type="button" className="secondary" data-testid="use-as-tenant"
                    onClick={() => void browserCustomModels().useAsTenant(picked.name, picked.bytes, inspection)}>
                    Use as tenant
                  </button>
                )}
              </p>
            )
            : (
              <div className="banner banner-error" role="alert" data-testid="file-problems">
                <strong>This file cannot run here:</strong>
                <ul>{inspection.problems.map((p) => <li key={p.message} data-code={p.code}>{p.message}</li>)}</ul>
              </div>
            )}
          {inspection.ok && inspection.symbolicDimNames.length > 0 && (
            <p className="muted" data-testid="file-dims">
              Sizes to choose: {symbolicDimsOf(inspection).map((d) => `${d.name} = ${String(d.size)} (${d.why})`).join('; ')}
              {inspection.batchDimNames.length > 0 && <>; batch axis {inspection.batchDimNames.join(', ')} follows the batch policy</>}.
            </p>
          )}
          {file.fit !== null && !file.fit.refused && (file.fit.wasm !== null || file.fit.webgpu !== null) && (
            <p className="banner" role="status" data-testid="file-fit">
              {file.fit.wasm !== null && <>Not on WASM: {file.fit.wasm} </>}
              {file.fit.webgpu !== null && <>Not on WebGPU: {file.fit.webgpu}</>}
            </p>
          )}
          {file.facts !== null && <ModelFactsTable facts={file.facts} />}
          {file.factsError !== null && <p className="muted" data-testid="facts-error">Model facts: {file.factsError}</p>}
          {inspection.inputs.length > 0 && <TensorTable caption="Inputs" tensors={inspection.inputs} testId="file-inputs" />}
          {inspection.outputs.length > 0 && <TensorTable caption="Outputs" tensors={inspection.outputs} testId="file-outputs" />}
        </div>
      )}
    </section>
  );
}
