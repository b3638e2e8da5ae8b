// Service-time models: per-batch medians, profile interpolation, and the spread of random ones.
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { createServiceTimeModel, type SimServiceTime } from './service-time';

const profile: SimServiceTime = {
  kind: 'profile',
  byBatch: [
    { batch: 2, medianMs: 4 },
    { batch: 4, medianMs: 6 },
    { batch: 8, medianMs: 8 },
  ],
};

describe('service-time medians by batch size', () => {
  it.each<[string, SimServiceTime, [number, number][]]>([
    ['fixed plus per extra item', { kind: 'fixed', ms: 2, perExtraItemMs: 0.5 }, [[1, 2], [3, 3], [9, 6]]],
    ['profile: scaled below, interpolated inside, last slope beyond', profile, [[1, 2], [2, 4], [3, 5], [6, 7], [8, 8], [12, 10]]],
    ['lognormal: the given median', { kind: 'distribution', shape: 'lognormal', medianMs: 3, p99Ms: 6, perExtraItemMs: 1 }, [[1, 3], [2, 4]]],
  ])('%s', (_name, spec, expected) => {
    const model = createServiceTimeModel(spec, createRng(1));
    for (const [batch, medianMs] of expected) expect(model.medianMs(batch)).toBeCloseTo(medianMs, 9);
  });

  it('a deterministic model samples its median', () => {
    const model = createServiceTimeModel(profile, createRng(1));
    expect([model.sampleMs(3), model.meanMs(3)]).toEqual([5, 5]);
  });

  it('rejects a batch outside 1..256', () => {
    const model = createServiceTimeModel(profile, createRng(1));
    expect(() => model.sampleMs(0)).toThrow(/batch 0/);
  });
});

describe('random service times (50 000 samples, seed 3)', () => {
  const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] as number;

  it.each<[string, SimServiceTime, { mean: number; p50: number; p99: number }]>([
    ['lognormal median 3, p99 6', { kind: 'distribution', shape: 'lognormal', medianMs: 3, p99Ms: 6, perExtraItemMs: 0 }, { mean: 3 * Math.exp((Math.log(2) / 2.326347874) ** 2 / 2), p50: 3, p99: 6 }],
    ['exponential mean 2', { kind: 'exponential', meanMs: 2, perExtraItemMs: 0 }, { mean: 2, p50: 2 * Math.LN2, p99: 2 * Math.log(100) }],
    ['profile point with p99', { kind: 'profile', byBatch: [{ batch: 1, medianMs: 1, p99Ms: 1.5 }] }, { mean: Math.exp((Math.log(1.5) / 2.326347874) ** 2 / 2), p50: 1, p99: 1.5 }],
  ])('%s: mean, median and p99 within 3%', (_name, spec, expected) => {
    const model = createServiceTimeModel(spec, createRng(3));
    const xs = Array.from({ length: 50_000 }, () => model.sampleMs(1) as number);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean / expected.mean).toBeCloseTo(1, 1);
    expect(Math.abs(mean / expected.mean - 1)).toBeLessThan(0.03);
    expect(Math.abs(quantile(xs, 0.5) / expected.p50 - 1)).toBeLessThan(0.03);
    expect(Math.abs(quantile(xs, 0.99) / expected.p99 - 1)).toBeLessThan(0.03);
    expect(model.meanMs(1)).toBeCloseTo(expected.mean, 9);
  });
});
