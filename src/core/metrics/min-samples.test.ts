// Tests for LoadGen's minimum sample counts.
import { describe, expect, it } from 'vitest';
import { minSamplesForQuantile } from './min-samples';

describe('minSamplesForQuantile', () => {
  it.each([
    [0.9, 64],
    [0.99, 662],
    [0.5, 11],
    [0.95, 130],
    [0.999, 6636],
  ])('p%d needs %d samples', (p, expected) => {
    expect(minSamplesForQuantile(p)).toBe(expected);
  });

  it.each([0, 1, -0.1, 1.5])('rejects quantile %d', (p) => {
    expect(() => minSamplesForQuantile(p)).toThrow(/quantile in \(0, 1\)/);
  });
});
