// Tests for solo latency lookup by batch size.
import { describe, expect, it } from 'vitest';
import { soloLatencyAt, soloLatencyEstimate } from './solo-profile';

const points = [
  { batch: 4, latencyMs: 20 },
  { batch: 1, latencyMs: 8 },
  { batch: 8, latencyMs: 36 },
];

describe('soloLatencyAt', () => {
  it.each([
    [1, 8],
    [4, 20],
    [2, 12],
    [6, 28],
    [8, 36],
    [0, undefined],
    [9, undefined],
  ])('batch %d -> %s ms', (batch, expected) => {
    expect(soloLatencyAt(points, batch)).toBe(expected);
  });
});

describe('soloLatencyEstimate', () => {
  it.each([
    [2, 12],
    [8, 36],
    [16, 36 + 4 * 8],
    [9, 40],
  ])('batch %d -> %s ms (the last slope, 4 ms per item, past batch 8)', (batch, expected) => {
    expect(soloLatencyEstimate(points, batch)).toBe(expected);
  });

  it('one point grows in proportion; no points give nothing', () => {
    expect(soloLatencyEstimate([{ batch: 1, latencyMs: 5 }], 4)).toBe(20);
    expect(soloLatencyEstimate([], 4)).toBeUndefined();
  });
});
