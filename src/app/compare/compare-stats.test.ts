// Tests for Compare's figures: from a simulated run's metrics, mean and 95% CI over repeats, mean CDFs, and the lesson's verdict.
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type Experiment } from '../../core/experiment';
import { simulateExperiment } from '../../core/sim';
import { figuresOf, formatFigure, meanCdf, summarize, verdictOf, worstVerdict, type TenantFigures, type TenantSummary } from './compare-stats';
import type { VerdictKind } from '../../core/metrics';
import type { LessonPromise } from './lessons';

const experiment: Experiment = {
  schemaVersion: SCHEMA_VERSION,
  tenants: [{
    id: 'a', model: 'm', resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'poisson', rate: { unit: 'per-sec', value: 100 } },
    sloMs: 10, weight: 1, priority: 'best-effort', queueLimit: 64, overflow: 'drop-newest',
  }],
  scheduler: { policy: 'fcfs', granularity: 'inference' },
  lanes: { mode: 'time-sliced', dispatchDepth: 1 },
  warmupMs: 100, durationMs: 5000, seed: 1,
  serviceModel: { byModel: { m: { kind: 'fixed', ms: 5, perExtraItemMs: 0 } }, contentionPerExtraLane: 1 },
};

const figures = (tenant: string, p99Ms: number, sloRate = 0.9): TenantFigures => ({
  tenant, p50Ms: p99Ms / 2, p99Ms, p99Valid: true, sloRate, throughputPerSec: 10, completed: 100,
  cdf: [{ latencyMs: 1, fraction: 0 }, { latencyMs: p99Ms / 2, fraction: 0.5 }, { latencyMs: p99Ms, fraction: 0.99 }],
});

describe('figuresOf', () => {
  it("reads a simulated run's metrics: p50 <= p99, an SLO rate in [0, 1], a CDF that never goes back and ends at 1", () => {
    const result = simulateExperiment(experiment);
    if (!result.ok) throw new Error('simulates');
    const f = figuresOf(result.report.perTenant.a!, experiment.tenants[0]!);
    expect(f.tenant).toBe('a');
    expect(f.p50Ms).not.toBeNull();
    expect(f.p50Ms!).toBeLessThanOrEqual(f.p99Ms!);
    expect(f.sloRate).toBeGreaterThan(0);
    expect(f.sloRate).toBeLessThanOrEqual(1);
    expect(f.throughputPerSec).toBeGreaterThan(80);
    expect(f.cdf.length).toBe(6);
    expect(f.cdf[0]?.fraction).toBe(0);
    expect(f.cdf.at(-1)?.fraction).toBe(1);
    for (let i = 1; i < f.cdf.length; i++) expect(f.cdf[i]!.latencyMs).toBeGreaterThanOrEqual(f.cdf[i - 1]!.latencyMs);
    // Whole inferences, one request each; about 500 requests in 5 s: fewer than LoadGen's 662.
    expect(f.meanBatch).toBe(1);
    expect(f.verdict).toMatchObject({ tenant: 'a', kind: 'INVALID', neededSamples: 662, sloMs: 10, p99Ms: f.p99Ms });
    expect(f.verdict?.samples).toBe(f.completed);
    expect(figuresOf(result.report.perTenant.a!, null).verdict).toBeNull();
  });
});

describe('mean batch and verdict over repeats', () => {
  const run = (kind: VerdictKind | null, completed: number, meanBatch: number | null): TenantFigures => ({
    ...figures('a', 10), completed, meanBatch,
    verdict: kind === null ? null : { tenant: 'a', kind, samples: 700, neededSamples: 662, dropped: 0, p99Ms: 10, sloMs: 20, reason: '' },
  });

  it.each<[string, TenantFigures[], number | null, (VerdictKind | null)[], VerdictKind | null]>([
    ['one repeat', [run('PASS', 100, 2)], 2, ['PASS'], 'PASS'],
    // 100 requests in 100 slices and 400 in 50: 500 in 150, not the mean of the means (4.5).
    ['pooled requests over pooled slices', [run('PASS', 100, 1), run('PASS', 400, 8)], 500 / 150, ['PASS', 'PASS'], 'PASS'],
    ['a FAIL in any repeat fails the variant', [run('PASS', 100, 1), run('FAIL', 100, 1), run('INVALID', 100, 1)], 1, ['PASS', 'FAIL', 'INVALID'], 'FAIL'],
    ['too few samples in a repeat: INVALID (samples are not pooled across repeats)', [run('PASS', 100, 1), run('INVALID', 100, 1)], 1, ['PASS', 'INVALID'], 'INVALID'],
    ['a file from before them: no mean batch, no verdict', [{ ...figures('a', 10) }], null, [null], null],
  ])('%s', (_name, runs, meanBatch, verdicts, verdict) => {
    const [a] = summarize(['a'], runs.map((r) => [r]));
    if (meanBatch === null) expect(a?.meanBatch).toBeNull();
    else expect(a?.meanBatch).toBeCloseTo(meanBatch, 12);
    expect(a?.verdicts).toEqual(verdicts);
    expect(a?.verdict).toBe(verdict);
  });

  it('worstVerdict: FAIL over INVALID over PASS, unknown ones ignored', () => {
    expect(worstVerdict([])).toBeNull();
    expect(worstVerdict([null, 'PASS'])).toBe('PASS');
    expect(worstVerdict(['INVALID', 'PASS'])).toBe('INVALID');
  });
});

describe('summarize', () => {
  it('gives the mean and the Student-t 95% CI of each figure over the repeats, per tenant', () => {
    const [a] = summarize(['a'], [[figures('a', 10)], [figures('a', 20)], [figures('a', 30)]]);
    expect(a?.p99Ms.mean).toBe(20);
    expect(a?.p99Ms.n).toBe(3);
    // sd 10, t(0.975, 2) = 4.303: half-width 4.303 * 10 / sqrt(3).
    expect(a?.p99Ms.ci95High).toBeCloseTo(20 + (4.303 * 10) / Math.sqrt(3), 6);
    expect(a?.sloRate.mean).toBeCloseTo(0.9);
    expect(a?.cdf).toEqual([{ latencyMs: 1, fraction: 0 }, { latencyMs: 10, fraction: 0.5 }, { latencyMs: 20, fraction: 0.99 }]);
  });

  it('a tenant missing from every repeat has empty statistics, not an error', () => {
    const [b] = summarize(['b'], [[figures('a', 10)]]);
    expect(b).toMatchObject({ tenant: 'b', p99Valid: false, cdf: [] });
    expect(b?.p99Ms.mean).toBeNull();
  });
});

describe('meanCdf', () => {
  it.each([
    ['no repeats', [], []],
    ['only fractions every repeat has', [[{ latencyMs: 2, fraction: 0.5 }, { latencyMs: 4, fraction: 1 }], [{ latencyMs: 4, fraction: 0.5 }]], [{ latencyMs: 3, fraction: 0.5 }]],
  ])('%s', (_name, cdfs, expected) => {
    expect(meanCdf(cdfs)).toEqual(expected);
  });
});

const summaries = (p99s: readonly (readonly number[])[]): TenantSummary[][] => p99s.map((repeats) => summarize(['camera'], repeats.map((p) => [figures('camera', p)])));

describe('verdictOf', () => {
  const falls: LessonPromise = { tenant: 'camera', metric: 'p99', direction: 'falls', scope: 'each-step' };
  it.each<[string, LessonPromise, number[][], string, RegExp]>([
    ['falls at each step, intervals apart', falls, [[100, 101], [50, 51], [20, 21]], 'shown', /^shown: camera's p99 fell 100\.5 ms -> 50\.5 ms -> 20\.5 ms, 95% intervals apart$/],
    ['falls with one repeat: within the noise', falls, [[100], [50]], 'shown', /within the noise/],
    ['rises at a step', falls, [[100], [120], [20]], 'not-shown', /^not shown: .*promised to fall$/],
    ['ends only: the middle may go the other way', { ...falls, scope: 'ends' }, [[100], [120], [20]], 'shown', /fell/],
    ['a variant without runs', falls, [[100], []], 'unknown', /missing/],
    ['rises', { ...falls, direction: 'rises' }, [[10], [20]], 'shown', /rose/],
  ])('%s', (_name, promise, p99s, status, text) => {
    const verdict = verdictOf(promise, summaries(p99s));
    expect(verdict.status).toBe(status);
    expect(verdict.text).toMatch(text);
  });

  it('is unknown when the tenant is not in the variants', () => {
    expect(verdictOf({ ...falls, tenant: 'other' }, summaries([[1], [2]])).status).toBe('unknown');
  });
});

describe('formatFigure', () => {
  it.each([
    [12.345, 'p99', '12.3 ms'],
    [0.9512, 'slo-rate', '95.1%'],
    [41.25, 'throughput', '41.3 req/s'],
  ] as const)('%s %s -> %s', (value, metric, text) => expect(formatFigure(value, metric)).toBe(text));
});
