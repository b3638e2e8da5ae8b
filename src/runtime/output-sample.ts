// Summarizes one output tensor (shape, min/max/mean, capped values) so it can be posted and compared across backends.
import { OUTPUT_VALUE_CAP, type OutputSample } from './lane-protocol';

/** Tensor data as onnxruntime-web hands it out on the CPU. */
export type TensorData = ArrayLike<number | bigint | string | boolean>;

/**
 * Summary of a tensor: min, max and mean over every element (NaN when empty
 * or not numeric) and the first OUTPUT_VALUE_CAP values as float64.
 */
export function sampleOutput(name: string, type: string, dims: readonly number[], data: TensorData): OutputSample {
  const keep = Math.min(data.length, OUTPUT_VALUE_CAP);
  const values = new Float64Array(keep);
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const value = Number(data[i]);
    if (i < keep) values[i] = value;
    if (value < min) min = value;
    if (value > max) max = value;
    sum += value;
  }
  const empty = data.length === 0;
  return {
    name, type, dims, elementCount: data.length, values,
    min: empty ? NaN : min, max: empty ? NaN : max, mean: empty ? NaN : sum / data.length,
  };
}
