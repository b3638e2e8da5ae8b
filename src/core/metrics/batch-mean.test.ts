// Table tests of the mean batch size over slices.
import { describe, expect, it } from 'vitest';
import { BatchMean } from './batch-mean';

/** Each slice's batch, expanded to its requests (a slice of b adds b requests of batch b). */
const requestsOf = (slices: readonly number[]): number[] => slices.flatMap((b) => Array.from({ length: b }, () => b));

describe('BatchMean', () => {
  it.each<[string, number[], number | null]>([
    ['no requests', [], null],
    ['all single', [1, 1, 1], 1],
    ['one slice of 8', [8], 8],
    ['slices 1 and 4: two slices, five requests', [1, 4], 2.5],
    ['slices 2, 2, 8', [2, 2, 8], 4],
    ['growing batches 1, 2, 4, 8', [1, 2, 4, 8], 3.75],
  ])('%s', (_name, slices, mean) => {
    const m = new BatchMean();
    for (const b of requestsOf(slices)) m.add(b);
    if (mean === null) expect(m.mean).toBeNull();
    else expect(m.mean).toBeCloseTo(mean, 9);
  });

  it('ignores a batch below 1 (never a real slice)', () => {
    const m = new BatchMean();
    m.add(0);
    m.add(Number.NaN);
    expect(m.mean).toBeNull();
  });
});
