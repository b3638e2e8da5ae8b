// Tests of the adaptive average pooling matrix against torch bin rules.
import { describe, expect, it } from 'vitest';
import { adaptiveBin, adaptivePoolMatrix } from './adaptive-pool';

describe('adaptivePoolMatrix', () => {
  it.each([
    [7, 7],
    [1, 7],
    [2, 7],
    [14, 7],
    [10, 7],
    [3, 1],
  ])('every output column of %i -> %i averages its bin (weights sum to 1)', (inLen, outLen) => {
    const p = adaptivePoolMatrix(inLen, inLen, outLen, outLen);
    const cols = outLen * outLen;
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      for (let r = 0; r < inLen * inLen; r++) sum += p[r * cols + c] ?? 0;
      expect(sum).toBeCloseTo(1, 6);
    }
  });

  it('is the identity when sizes match', () => {
    const p = adaptivePoolMatrix(7, 7, 7, 7);
    for (let r = 0; r < 49; r++) for (let c = 0; c < 49; c++) expect(p[r * 49 + c]).toBe(r === c ? 1 : 0);
  });

  it('replicates a 1x1 input to every output cell (torch upsampling behaviour)', () => {
    expect(Array.from(adaptivePoolMatrix(1, 1, 7, 7))).toEqual(new Array<number>(49).fill(1));
  });

  it.each([
    [0, 10, 7, [0, 2]],
    [1, 10, 7, [1, 3]],
    [6, 10, 7, [8, 10]],
    [3, 2, 7, [0, 2]],
    [2, 2, 7, [0, 1]],
  ])('bin %i of %i -> %i is torch start/end', (o, inLen, outLen, bin) => {
    expect(adaptiveBin(o, inLen, outLen)).toEqual(bin);
  });
});
