// Table tests of the mean batch size over slices.
import { describe, expect, it } from 'vitest';
import { BatchMean, pooledMeanBatch } from './batch-mean';

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

describe('pooling mean batches', () => {
  it('merge: total requests over total slices', () => {
    const a = new BatchMean();
    const b = new BatchMean();
    for (const x of requestsOf([1, 1])) a.add(x);
    for (const x of requestsOf([8])) b.add(x);
    a.merge(b);
    // 10 requests in 3 slices.
    expect(a.mean).toBeCloseTo(10 / 3, 12);
  });

  it.each<[string, { requests: number; meanBatch: number | null }[], number | null]>([
    ['none', [], null],
    ['one run', [{ requests: 10, meanBatch: 2.5 }], 2.5],
    // 2 slices of 1 and 1 slice of 8: 10 requests in 3 slices, not the mean of the means (4.5).
    ['weighted by slices, not the mean of means', [{ requests: 2, meanBatch: 1 }, { requests: 8, meanBatch: 8 }], 10 / 3],
    ['a run without a mean or requests adds nothing', [{ requests: 0, meanBatch: null }, { requests: 6, meanBatch: 3 }, { requests: 5, meanBatch: null }], 3],
    ['a bad mean is skipped', [{ requests: 4, meanBatch: 0.5 }, { requests: 4, meanBatch: 4 }], 4],
  ])('%s', (_name, runs, mean) => {
    const pooled = pooledMeanBatch(runs);
    if (mean === null) expect(pooled).toBeNull();
    else expect(pooled).toBeCloseTo(mean, 12);
  });
});
