// Tests for solo latency lookup by batch size.
import { describe, expect, it } from 'vitest';
import { soloLatencyAt } from './solo-profile';

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
