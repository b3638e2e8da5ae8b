// A table of graph inputs or outputs: name, element type, shape.
import type { OnnxTensorSpec } from '../zoo/inspect';
import { formatShape } from './format';

/** Lists tensors; `testId` names the table for tests. */
export function TensorTable({ caption, tensors, testId }: { caption: string; tensors: readonly OnnxTensorSpec[]; testId: string }) {
  return (
    <table className="tensors" data-testid={testId}>
      <caption>{caption}</caption>
      <thead><tr><th>Name</th><th>Type</th><th>Shape</th></tr></thead>
      <tbody>
        {tensors.map((tensor) => (
          <tr key={tensor.name}>
            <td><code>{tensor.name}</code></td>
            <td>{tensor.elemType}</td>
            <td><code>{formatShape(tensor.dims)}</code></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
