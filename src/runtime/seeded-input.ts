// Deterministic input tensors for a lane: equal seeds give bit-identical inputs on every backend; floats seeded, integers filled as chosen.
import { DEFAULT_INT_FILL, type IntFill } from '../core/experiment/custom-model-schema';
import { createRng } from '../core/rng';
import { float32ArrayToFloat16 } from '../zoo/float16';

/**
 * `count` float32 values uniform in [-1, 1), from the seeded xoshiro128** stream
 * forked by `label` (the input's name), so several inputs differ but stay reproducible.
 */
export function seededFloat32(count: number, seed: number, label: string): Float32Array {
  const rng = createRng(seed).fork(label);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = rng.next() * 2 - 1;
  return values;
}

/** The number of elements of a tensor with these dims (1 for a scalar). */
export function elementCount(dims: readonly number[]): number {
  return dims.reduce((product, d) => product * d, 1);
}

/** Input element types a lane fills (zoo/inspect.ts refuses the others). */
export type FilledType = 'float32' | 'float16' | 'int32' | 'int64';

/** An input's values as onnxruntime-web takes them: float16 as its binary16 bits in a Uint16Array. */
export type FilledData = Float32Array | Uint16Array | Int32Array | BigInt64Array;

/** Whether `type` is one a lane fills. */
export function isFilledType(type: string): type is FilledType {
  return type === 'float32' || type === 'float16' || type === 'int32' || type === 'int64';
}

/** The i-th of `count` integers of `fill`: a constant, or uniform in [lo, hi] from the stream forked by `label`. */
function integers(seed: number, label: string, fill: IntFill | typeof DEFAULT_INT_FILL): () => number {
  if (fill.kind === 'constant') return () => fill.value;
  const { lo, hi } = fill;
  const rng = createRng(seed).fork(label);
  return () => lo + Math.floor(rng.next() * (hi - lo + 1));
}

/**
 * `count` values of an input of `type`: floats uniform in [-1, 1) (float16 rounded to nearest even),
 * integers by `fill` (default: constant 1, a valid token id and length for most models).
 */
export function seededInputData(type: FilledType, count: number, seed: number, label: string, fill: IntFill | undefined): FilledData {
  switch (type) {
    case 'float32':
      return seededFloat32(count, seed, label);
    case 'float16':
      return float32ArrayToFloat16(seededFloat32(count, seed, label));
    case 'int32': {
      const next = integers(seed, label, fill ?? DEFAULT_INT_FILL);
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = next();
      return out;
    }
    case 'int64': {
      const next = integers(seed, label, fill ?? DEFAULT_INT_FILL);
      const out = new BigInt64Array(count);
      for (let i = 0; i < count; i++) out[i] = BigInt(next());
      return out;
    }
  }
}
