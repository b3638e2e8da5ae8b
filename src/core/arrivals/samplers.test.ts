// Tests for the random variates: moments over many fixed-seed samples.
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { sampleExponential, sampleGamma, sampleStandardNormal } from './samplers';

function moments(draw: () => number, n: number): { mean: number; cv: number; std: number } {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  const std = Math.sqrt(sumSq / n - mean * mean);
  return { mean, cv: std / mean, std };
}

describe('samplers', () => {
  it('exponential has the requested mean and cv 1', () => {
    const rng = createRng(1);
    const m = moments(() => sampleExponential(rng, 20), 200_000);
    expect(m.mean).toBeCloseTo(20, 0);
    expect(m.cv).toBeCloseTo(1, 1);
  });

  it('standard normal has mean 0 and std 1', () => {
    const rng = createRng(2);
    const m = moments(() => sampleStandardNormal(rng), 200_000);
    expect(Math.abs(m.mean)).toBeLessThan(0.01);
    expect(m.std).toBeCloseTo(1, 1);
  });

  it.each([
    [0.1, 3],
    [0.5, 2],
    [1, 5],
    [4, 0.25],
    [25, 1],
  ])('Gamma(shape %d, scale %d) has mean shape*scale and cv 1/sqrt(shape)', (shape, scale) => {
    const rng = createRng(3);
    const n = 200_000;
    const m = moments(() => sampleGamma(rng, shape, scale), n);
    // Four standard errors of the sample mean (relative): cv / sqrt(n).
    expect(Math.abs(m.mean / (shape * scale) - 1)).toBeLessThan((4 / Math.sqrt(shape)) / Math.sqrt(n));
    expect(Math.abs(m.cv * Math.sqrt(shape) - 1)).toBeLessThan(0.03);
  });

  it('never returns a negative or non-finite value', () => {
    const rng = createRng(4);
    for (let i = 0; i < 20_000; i++) {
      const x = sampleGamma(rng, 0.05, 1);
      expect(Number.isFinite(x) && x >= 0).toBe(true);
    }
  });
});
