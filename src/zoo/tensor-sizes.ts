// The largest activation and weight tensors of a model at a batch size, in bytes, from the layer IR (no weights generated).
import type { LayerGraph, TensorRef } from './layer-ir';

/** One tensor as a device would hold it. */
export interface TensorSize {
  /** The layer output ('layer1.0.conv1:out', 'input') or initializer ('classifier.0.weight'). */
  readonly name: string;
  readonly role: 'activation' | 'weight';
  /** Concrete dims, the batch first for activations. */
  readonly dims: readonly number[];
  readonly bytes: number;
}

/** The largest activation and the largest weight of a model (null when it has no weights). */
export interface LargestTensors {
  readonly activation: TensorSize;
  readonly weight: TensorSize | null;
}

const product = (dims: readonly number[]): number => dims.reduce((p, d) => p * d, 1);

function activationDims(t: TensorRef, batch: number): number[] {
  return t.rank === 4 ? [batch, t.channels, t.height, t.width] : [batch, t.channels];
}

/**
 * The largest tensors a session of `graph` holds at `batch`, with `bytesPerElement` (4 for fp32):
 * activations are the input and every layer output; weights are conv and linear weights and the
 * adaptive-pool matrices (BatchNorm vectors are never the largest).
 */
export function largestTensors(graph: LayerGraph, batch: number, bytesPerElement: number): LargestTensors {
  const sized = (name: string, role: TensorSize['role'], dims: number[]): TensorSize => ({ name, role, dims, bytes: product(dims) * bytesPerElement });
  const larger = (a: TensorSize | null, b: TensorSize): TensorSize => (a === null || b.bytes > a.bytes ? b : a);
  let activation = sized(graph.input.name, 'activation', activationDims(graph.input, batch));
  let weight: TensorSize | null = null;
  for (const op of graph.ops) {
    activation = larger(activation, sized(op.output.name, 'activation', activationDims(op.output, batch)));
    const input = op.inputs[0];
    if (input === undefined) continue;
    if (op.kind === 'conv') {
      weight = larger(weight, sized(`${op.name}.weight`, 'weight', [op.output.channels, input.channels / op.groups, ...op.kernel]));
    } else if (op.kind === 'linear') {
      weight = larger(weight, sized(`${op.name}.weight`, 'weight', [op.output.channels, input.channels]));
    } else if (op.kind === 'adaptive-avgpool-flatten') {
      weight = larger(weight, sized(`${op.name}.pool_matrix`, 'weight', [input.height * input.width, op.outHeight * op.outWidth]));
    }
  }
  return { activation, weight };
}
