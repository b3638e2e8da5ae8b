// Compares one backend's output with a reference (WASM) output: max absolute difference, relative to the output's scale.

/** Accept WebGPU output when max |a - b| <= this fraction of the reference's largest |value| (floor 1e-6 absolute). */
export const OUTPUT_TOLERANCE_RELATIVE = 1e-3;

/** The result of comparing two outputs element by element. */
export interface OutputComparison {
  readonly comparedCount: number;
  readonly maxAbsDiff: number;
  /** The reference's largest |value|: the scale the tolerance is relative to. */
  readonly referenceScale: number;
  /** maxAbsDiff / max(referenceScale, 1e-6). */
  readonly relativeDiff: number;
  readonly toleranceRelative: number;
  readonly withinTolerance: boolean;
}

/**
 * Compares `candidate` with `reference` element by element. Lengths must match
 * (same model, same input); a mismatch or a NaN anywhere fails the comparison.
 */
export function compareOutputs(candidate: ArrayLike<number>, reference: ArrayLike<number>): OutputComparison {
  const sameLength = candidate.length === reference.length;
  const count = Math.min(candidate.length, reference.length);
  let maxAbsDiff = 0;
  let referenceScale = 0;
  let sawNaN = false;
  for (let i = 0; i < count; i++) {
    const a = candidate[i] ?? NaN;
    const b = reference[i] ?? NaN;
    if (Number.isNaN(a) || Number.isNaN(b)) sawNaN = true;
    maxAbsDiff = Math.max(maxAbsDiff, Math.abs(a - b));
    referenceScale = Math.max(referenceScale, Math.abs(b));
  }
  const relativeDiff = maxAbsDiff / Math.max(referenceScale, 1e-6);
  return {
    comparedCount: count,
    maxAbsDiff,
    referenceScale,
    relativeDiff,
    toleranceRelative: OUTPUT_TOLERANCE_RELATIVE,
    withinTolerance: sameLength && count > 0 && !sawNaN && relativeDiff <= OUTPUT_TOLERANCE_RELATIVE,
  };
}
