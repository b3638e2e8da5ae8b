// Tests of the interference model: the least-squares fit recovers known parameters, held-out error, time-sliced queueing.
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { coRunnerShare, fitContention, predictConcurrent, predictTimeSliced, type MeasuredCell, type SoloFigures } from './interference-model';
import { errorPct, evaluateModel } from './model-evaluation';

const solo = (p50Ms: number): SoloFigures => ({ p50Ms, p99Ms: p50Ms * 1.2, throughputPerSec: 1000 / p50Ms });
const SOLO = new Map<string, SoloFigures>([
  ['a@32', solo(2)],
  ['b@32', solo(5)],
  ['c@32', solo(11)],
]);
const KEYS = ['a@32', 'b@32', 'c@32'] as const;

/** Concurrent cells measured exactly as the model says (alpha, beta), times (1 + noise). */
function syntheticCells(alpha: number, beta: number, noise: () => number): MeasuredCell[] {
  const cells: MeasuredCell[] = [];
  for (let i = 0; i < KEYS.length; i++) {
    for (let j = i; j < KEYS.length; j++) {
      const models = [KEYS[i] ?? '', KEYS[j] ?? ''] as const;
      const sa = SOLO.get(models[0]) ?? solo(1);
      const sb = SOLO.get(models[1]) ?? solo(1);
      const fig = (self: SoloFigures, other: SoloFigures) => {
        const s = (1 + alpha + beta * coRunnerShare(self, other)) * (1 + noise());
        return { p50Ms: self.p50Ms * s, p99Ms: self.p99Ms * s, throughputPerSec: self.throughputPerSec / s };
      };
      cells.push({ mode: 'concurrent', models, measured: [fig(sa, sb), fig(sb, sa)] });
    }
  }
  return cells;
}

describe('fitContention', () => {
  it.each([
    [0.2, 1.5],
    [0, 1],
    [0.5, 0],
    [-0.1, 2.2],
  ])('recovers alpha %f and beta %f from exact data', (alpha, beta) => {
    const xs = [0.1, 0.3, 0.5, 0.7, 0.9];
    const fit = fitContention(xs.map((x) => ({ x, y: alpha + beta * x })));
    expect(fit?.alpha).toBeCloseTo(alpha, 10);
    expect(fit?.beta).toBeCloseTo(beta, 10);
  });

  it('falls back to the mean with one distinct share, and to null with no points', () => {
    expect(fitContention([{ x: 0.5, y: 0.8 }, { x: 0.5, y: 1.2 }])).toEqual({ alpha: 1, beta: 0 });
    expect(fitContention([])).toBeNull();
  });

  it('predicts p50 and p99 scaled up and throughput scaled down by the slowdown', () => {
    const p = predictConcurrent(solo(10), solo(10), { alpha: 0, beta: 2 });
    expect(p.p50Ms).toBeCloseTo(20, 10);
    expect(p.p99Ms).toBeCloseTo(24, 10);
    expect(p.throughputPerSec).toBeCloseTo(50, 10);
  });
});

describe('evaluateModel (held out)', () => {
  it('has a held-out error of zero on data the model describes exactly', () => {
    const ev = evaluateModel(syntheticCells(0.1, 1.4, () => 0), SOLO);
    expect(ev.alpha).toBeCloseTo(0.1, 9);
    expect(ev.beta).toBeCloseTo(1.4, 9);
    expect(ev.predictions).toHaveLength(12);
    expect(ev.mapePct.concurrent).toBeCloseTo(0, 6);
    expect(ev.mapePct.timeSliced).toBeNull();
  });

  it.each([1, 2, 3])('states an error near the noise on noisy data (seed %i), above the in-sample error', (seed) => {
    const rng = createRng(seed);
    const cells = syntheticCells(0.1, 1.4, () => (rng.next() - 0.5) * 0.2);
    const ev = evaluateModel(cells, SOLO);
    expect(ev.mapePct.concurrent).toBeGreaterThan(0.5);
    expect(ev.mapePct.concurrent).toBeLessThan(25);
  });

  it('skips cells whose models have no solo figures', () => {
    const cells: MeasuredCell[] = [{ mode: 'concurrent', models: ['x@32', 'a@32'], measured: [{ p50Ms: 1, p99Ms: 1, throughputPerSec: 1 }, { p50Ms: 1, p99Ms: 1, throughputPerSec: 1 }] }];
    expect(evaluateModel(cells, SOLO).predictions).toEqual([]);
  });

  it.each([
    [12, 10, 20],
    [10, 10, 0],
    [null, 10, null],
    [10, 0, null],
  ])('errorPct(%s, %s) = %s', (p, m, e) => {
    const got = errorPct(p, m);
    if (e === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(e, 10);
  });
});

describe('predictTimeSliced', () => {
  it('queues two deterministic tenants on one lane: each waits for the other (latency = sum, throughput = 1 / cycle)', () => {
    const fixed = (ms: number): SoloFigures => ({ p50Ms: ms, p99Ms: ms, throughputPerSec: 1000 / ms });
    const p = predictTimeSliced(['a@32', 'b@32'], [fixed(4), fixed(6)], 'round-robin', 7);
    expect(p).not.toBeNull();
    for (const t of p ?? []) {
      expect(t.p50Ms).toBeGreaterThan(10 * 0.97);
      expect(t.p50Ms).toBeLessThan(10 * 1.03);
      expect(t.throughputPerSec).toBeGreaterThan(100 * 0.97);
      expect(t.throughputPerSec).toBeLessThan(100 * 1.03);
    }
  });
});
