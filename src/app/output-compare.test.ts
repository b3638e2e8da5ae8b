// Tests for the WebGPU-vs-WASM output comparison and its relative tolerance.
import { describe, expect, it } from 'vitest';
import { compareOutputs } from './output-compare';

describe('compareOutputs', () => {
  it.each<[string, number[], number[], boolean]>([
    ['identical', [1, -2, 3], [1, -2, 3], true],
    ['tiny float noise', [1.0000001, -2, 3], [1, -2, 3], true],
    ['off by 1% of scale', [1.03, -2, 3], [1, -2, 3], false],
    ['different lengths', [1, 2], [1, 2, 3], false],
    ['NaN in the candidate', [NaN, 2, 3], [1, 2, 3], false],
    ['nothing to compare', [], [], false],
  ])('%s', (_label, candidate, reference, within) => {
    expect(compareOutputs(candidate, reference).withinTolerance).toBe(within);
  });

  it('reports the max abs diff relative to the reference scale', () => {
    const result = compareOutputs([1, 2.002, 4], [1, 2, 4]);
    expect(result.maxAbsDiff).toBeCloseTo(0.002, 12);
    expect(result.referenceScale).toBe(4);
    expect(result.relativeDiff).toBeCloseTo(0.0005, 12);
    expect(result.withinTolerance).toBe(true);
  });
});
