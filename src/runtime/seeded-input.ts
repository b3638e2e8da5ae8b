// Deterministic input tensors for a lane: equal seeds give bit-identical inputs on every backend.
import { createRng } from '../core/rng';

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
