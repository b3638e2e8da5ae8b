// Tests for Jain's fairness index on known values.
import { describe, expect, it } from 'vitest';
import { jainIndex } from './fairness';

describe('jainIndex', () => {
  it.each([
    [[1, 1, 1, 1], 1],
    [[5], 1],
    [[1, 0, 0, 0], 0.25],
    [[1, 0], 0.5],
    [[1, 2, 3], 36 / 42],
    [[3, 1], 16 / 20],
    [[0.2, 0.2, 0.6], 1 / (3 * 0.44)],
  ])('J(%j) = %d', (xs, expected) => {
    expect(jainIndex(xs)).toBeCloseTo(expected, 12);
  });

  it.each([[[]], [[0, 0, 0]]])('is null for %j', (xs) => {
    expect(jainIndex(xs)).toBeNull();
  });

  it.each([[[1, -1]], [[1, NaN]], [[Infinity]]])('rejects %j', (xs) => {
    expect(() => jainIndex(xs)).toThrow(/finite allocations >= 0/);
  });
});
