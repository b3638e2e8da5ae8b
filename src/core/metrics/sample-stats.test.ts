// Tests for the nearest-rank quantiles against hand-computed tables.
import { describe, expect, it } from 'vitest';
import { nearestRank } from './sample-stats';

describe('nearestRank', () => {
  it.each([
    [[5], 0.5, 5],
    [[3, 1, 2], 0.5, 2],
    [[4, 1, 3, 2], 0.5, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.99, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.1, 1],
    [[10, 20], 0, 10],
  ])('of %j at %d is %d', (values, q, expected) => {
    expect(nearestRank(values, q)).toBe(expected);
  });

  it('is null for no values', () => {
    expect(nearestRank([], 0.5)).toBeNull();
  });
});
