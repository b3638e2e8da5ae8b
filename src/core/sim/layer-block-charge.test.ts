// A layer-blocked batch is charged the sum of its blocks' service, not the span in which other tenants' blocks ran.
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../experiment/parse';
import type { ExperimentInput } from '../experiment/schema';
import { simulateExperiment, type SimReport } from './simulate-experiment';

/** Absolute tolerance on a GPU share: one block of the slowest model over a 10 s run is far below it. */
const SHARE_TOLERANCE = 0.01;

const weights = [1, 3, 1, 1] as const;
const models = ['resnet18', 'resnet50', 'vgg16', 'resnet18'] as const;

function experiment(mode: 'time-sliced' | 'concurrent', dispatchDepth: number): ExperimentInput {
  return {
    schemaVersion: 1,
    tenants: weights.map((weight, i) => ({
      id: `t${String(i)}`, model: models[i] as string, resolution: 224, batch: { kind: 'none' },
      arrival: { kind: 'closed-loop', outstanding: 3 }, sloMs: 1000, weight, queueLimit: 16,
    })),
    scheduler: { policy: 'weighted-fair', granularity: 'layer-blocks', blocks: 4 },
    lanes: { mode, dispatchDepth },
    warmupMs: 500,
    durationMs: 10_000,
    seed: 11,
    serviceModel: {
      byModel: {
        resnet18: { kind: 'fixed', ms: 4, perExtraItemMs: 0 },
        resnet50: { kind: 'distribution', shape: 'lognormal', medianMs: 9, p99Ms: 14 },
        vgg16: { kind: 'fixed', ms: 20, perExtraItemMs: 0 },
      },
      contentionPerExtraLane: 1,
    },
  };
}

function simulate(input: ExperimentInput): SimReport {
  const parsed = parseExperiment(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const result = simulateExperiment(parsed.experiment);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.report;
}

describe('layer blocks: a batch is charged its blocks, not its span', () => {
  it.each([1, 2])('weighted-fair 1:3:1:1 in 4 blocks, time-sliced, depth %d: GPU shares follow the weights', (depth) => {
    const report = simulate(experiment('time-sliced', depth));
    const shares = Object.values(report.perTenant).map((t) => t.gpuShare);
    const total = weights.reduce((a, b) => a + b, 0);
    shares.forEach((share, i) => expect(Math.abs((share ?? 0) - (weights[i] as number) / total)).toBeLessThan(SHARE_TOLERANCE));
    expect(report.jainFairness).toBeGreaterThan(0.99);
    // One lane: the GPU time charged to all tenants fits in the measured wall time.
    const charged = Object.values(report.perTenant).reduce((sum, t) => sum + t.gpuMs, 0);
    expect(charged).toBeLessThanOrEqual(report.simulatedMs - report.experiment.warmupMs);
    expect(charged).toBeGreaterThan(0.9 * (report.simulatedMs - report.experiment.warmupMs));
  });

  it('concurrent lanes: each tenant (its own lane) is charged at most the wall time', () => {
    const report = simulate(experiment('concurrent', 2));
    for (const t of Object.values(report.perTenant)) {
      expect(t.gpuMs).toBeGreaterThan(0);
      expect(t.gpuMs).toBeLessThanOrEqual(report.simulatedMs - report.experiment.warmupMs);
    }
  });

  it('service per request is the sum of its blocks: a lone tenant serves in its solo time, with no queueing inside the batch', () => {
    const input = experiment('time-sliced', 1);
    const report = simulate({ ...input, tenants: [input.tenants[0] as ExperimentInput['tenants'][number]] });
    const t0 = report.perTenant.t0;
    // resnet18: fixed 4 ms, whether in one piece or in four blocks of 1 ms.
    expect(t0?.serviceMs.p50.value).toBeCloseTo(4, 1);
    expect(t0?.serviceMs.max).toBeCloseTo(4, 1);
  });
});
