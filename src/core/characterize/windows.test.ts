// Tests of measurement windows: which window a completion falls in, per-window figures, and the flattened stability figures.
import { describe, expect, it } from 'vitest';
import { figuresOver, stabilityFigures, windowIndex, type Completion } from './windows';

const grid = { startMs: 100, windowMs: 50 };
const done = (tenant: string, endMs: number, latencyMs: number, gpuMs: number | null = null): Completion => ({ tenant, endMs, latencyMs, gpuMs });

describe('windows', () => {
  it.each([
    [99, -1],
    [100, 0],
    [149.9, 0],
    [150, 1],
    [1000, 18],
  ])('instant %f is in window %i', (ms, k) => {
    expect(windowIndex(grid, ms)).toBe(k);
  });

  it('counts each tenant over the chosen windows only', () => {
    const cs = [done('a', 90, 9), done('a', 110, 1), done('a', 120, 3), done('b', 130, 5, 2), done('a', 160, 2), done('a', 260, 100)];
    const [a, b] = figuresOver(cs, ['a', 'b'], grid, 0, 2);
    expect(a).toEqual({ completed: 3, throughputPerSec: 30, p50Ms: 2, p99Ms: 3, gpuMs: null });
    expect(b).toEqual({ completed: 1, throughputPerSec: 10, p50Ms: 5, p99Ms: 5, gpuMs: 2 });
  });

  it('flattens throughput and p50 per tenant for the stability rule; an empty window has a NaN p50', () => {
    const cs = [done('a', 110, 1), done('a', 120, 3)];
    expect(stabilityFigures(cs, ['a', 'b'], grid, 0)).toEqual([40, 1, 0, NaN]);
  });
});
