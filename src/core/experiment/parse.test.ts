// Tests for experiment validation: defaults, field-named errors, JSON round trip.
import { describe, expect, it } from 'vitest';
import { exampleExperiment } from './example';
import { experimentToJson, formatPath, parseExperiment, parseExperimentJson } from './parse';
import type { Experiment } from './schema';

type Json = Record<string, unknown> & { tenants: Record<string, unknown>[] };
type Case = readonly [name: string, edit: (json: Json) => void, path: string];

/** The example as plain JSON, edited by `edit` (a deep copy each time). */
function variant(edit: (json: Json) => void): unknown {
  const json = JSON.parse(JSON.stringify(exampleExperiment())) as Json;
  edit(json);
  return json;
}

function issuesOf(json: unknown): { path: string; message: string }[] {
  const result = parseExperiment(json);
  if (result.ok) throw new Error('expected the experiment to be rejected');
  return [...result.issues];
}

describe('parseExperiment', () => {
  it('accepts the example unchanged', () => {
    const result = parseExperiment(exampleExperiment());
    expect(result).toEqual({ ok: true, experiment: exampleExperiment() });
  });

  it('fills documented defaults and nothing else', () => {
    const json = variant((j) => {
      delete j.tenants[0]?.weight;
      delete j.tenants[0]?.priority;
      delete j.tenants[0]?.overflow;
      j.lanes = { mode: 'concurrent' };
    });
    const result = parseExperiment(json);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const tenant = result.experiment.tenants[0];
    expect([tenant?.weight, tenant?.priority, tenant?.overflow]).toEqual([1, 'best-effort', 'drop-newest']);
    expect(result.experiment.lanes).toEqual({ mode: 'concurrent', dispatchDepth: 1 });
  });

  it.each<Case>([
    ['rate value not positive', (j) => {
      j.tenants[1] = { ...j.tenants[1], arrival: { kind: 'poisson', rate: { unit: 'per-sec', value: 0 } } };
    }, 'tenants[1].arrival.rate.value'],
    ['resolution not a multiple of 32', (j) => { j.tenants[0] = { ...j.tenants[0], resolution: 100 }; }, 'tenants[0].resolution'],
    ['resolution below 32', (j) => { j.tenants[0] = { ...j.tenants[0], resolution: 0 }; }, 'tenants[0].resolution'],
    ['unknown arrival kind', (j) => { j.tenants[0] = { ...j.tenants[0], arrival: { kind: 'uniform' } }; }, 'tenants[0].arrival.kind'],
    ['gamma without cv', (j) => {
      j.tenants[0] = { ...j.tenants[0], arrival: { kind: 'gamma', rate: { unit: 'per-sec', value: 5 } } };
    }, 'tenants[0].arrival.cv'],
    ['mmpp with both rates zero', (j) => {
      j.tenants[0] = { ...j.tenants[0], arrival: { kind: 'mmpp', rates: [{ unit: 'per-sec', value: 0 }, { unit: 'per-sec', value: 0 }], meanDwellMs: [10, 10] } };
    }, 'tenants[0].arrival.rates'],
    ['mmpp dwell not positive', (j) => {
      j.tenants[0] = { ...j.tenants[0], arrival: { kind: 'mmpp', rates: [{ unit: 'per-sec', value: 1 }, { unit: 'per-sec', value: 0 }], meanDwellMs: [10, -1] } };
    }, 'tenants[0].arrival.meanDwellMs[1]'],
    ['trace going backwards', (j) => { j.tenants[0] = { ...j.tenants[0], arrival: { kind: 'trace', timestampsMs: [0, 5, 3] } }; }, 'tenants[0].arrival.timestampsMs[2]'],
    ['closed loop with 0 outstanding', (j) => { j.tenants[1] = { ...j.tenants[1], arrival: { kind: 'closed-loop', outstanding: 0 } }; }, 'tenants[1].arrival.outstanding'],
    ['dynamic batch of 0', (j) => { j.tenants[1] = { ...j.tenants[1], batch: { kind: 'dynamic', maxBatch: 0, maxQueueDelayMs: 1 } }; }, 'tenants[1].batch.maxBatch'],
    ['weight 0', (j) => { j.tenants[0] = { ...j.tenants[0], weight: 0 }; }, 'tenants[0].weight'],
    ['unknown priority', (j) => { j.tenants[0] = { ...j.tenants[0], priority: 'urgent' }; }, 'tenants[0].priority'],
    ['queue limit not an integer', (j) => { j.tenants[0] = { ...j.tenants[0], queueLimit: 1.5 }; }, 'tenants[0].queueLimit'],
    ['bad model id', (j) => { j.tenants[0] = { ...j.tenants[0], model: 'ResNet 18' }; }, 'tenants[0].model'],
    ['typo in a field name', (j) => { j.tenants[0] = { ...j.tenants[0], sloMS: 3 }; }, 'tenants[0].sloMS'],
    ['missing slo', (j) => { j.tenants[0] = { ...j.tenants[0], sloMs: undefined }; }, 'tenants[0].sloMs'],
    ['layer blocks without a count', (j) => { j.scheduler = { policy: 'edf', granularity: 'layer-blocks' }; }, 'scheduler.blocks'],
    ['block count with whole inferences', (j) => { j.scheduler = { policy: 'edf', granularity: 'inference', blocks: 4 }; }, 'scheduler.blocks'],
    ['block balance with whole inferences', (j) => { j.scheduler = { policy: 'edf', granularity: 'inference', blockBalance: 'measured' }; }, 'scheduler.blockBalance'],
    ['unknown block balance', (j) => { j.scheduler = { policy: 'edf', granularity: 'layer-blocks', blocks: 4, blockBalance: 'flops' }; }, 'scheduler.blockBalance'],
    ['unknown policy', (j) => { j.scheduler = { policy: 'lottery', granularity: 'inference' }; }, 'scheduler.policy'],
    ['dispatch depth 0', (j) => { j.lanes = { mode: 'time-sliced', dispatchDepth: 0 }; }, 'lanes.dispatchDepth'],
    ['negative warm-up', (j) => { j.warmupMs = -1; }, 'warmupMs'],
    ['zero duration', (j) => { j.durationMs = 0; }, 'durationMs'],
    ['seed beyond uint32', (j) => { j.seed = 2 ** 32; }, 'seed'],
    ['future schema version', (j) => { j.schemaVersion = 2; }, 'schemaVersion'],
    ['no tenants', (j) => { j.tenants = []; }, 'tenants'],
    ['service model missing a model', (j) => { j.serviceModel = { byModel: { resnet18: { kind: 'fixed', ms: 5 } } }; }, 'serviceModel.byModel'],
    ['profile batches out of order', (j) => {
      j.serviceModel = { byModel: { resnet18: { kind: 'fixed', ms: 5 }, resnet50: { kind: 'profile', byBatch: [{ batch: 2, medianMs: 9 }, { batch: 1, medianMs: 5 }] } } };
    }, 'serviceModel.byModel.resnet50.byBatch[1].batch'],
    ['lognormal p99 below median', (j) => {
      j.serviceModel = { byModel: { resnet18: { kind: 'fixed', ms: 5 }, resnet50: { kind: 'distribution', shape: 'lognormal', medianMs: 9, p99Ms: 8 } } };
    }, 'serviceModel.byModel.resnet50.p99Ms'],
  ])('rejects %s', (_name, edit, path) => {
    const issues = issuesOf(variant(edit));
    expect(issues.map((i) => i.path)).toContain(path);
    for (const issue of issues) expect(issue.message.length).toBeGreaterThan(0);
  });

  it('names a duplicate tenant id and where it was first used', () => {
    const issues = issuesOf(variant((j) => { j.tenants[1] = { ...j.tenants[1], id: 'camera' }; }));
    expect(issues).toEqual([{ path: 'tenants[1].id', message: 'duplicate tenant id "camera" (also tenants[0])' }]);
  });

  it('rejects a non-object with a root issue', () => {
    expect(issuesOf(42).map((i) => i.path)).toEqual(['']);
  });
});

describe('JSON round trip', () => {
  it('experimentToJson then parseExperimentJson gives an equal experiment', () => {
    const full: Experiment = {
      ...exampleExperiment(),
      serviceModel: {
        byModel: {
          resnet18: { kind: 'distribution', shape: 'lognormal', medianMs: 4, p99Ms: 9, perExtraItemMs: 1.5 },
          resnet50: { kind: 'profile', byBatch: [{ batch: 1, medianMs: 10, p99Ms: 14 }, { batch: 4, medianMs: 25 }] },
        },
        contentionPerExtraLane: 0.8,
      },
    };
    expect(parseExperimentJson(experimentToJson(full))).toEqual({ ok: true, experiment: full });
  });

  it.each(['macs', 'measured'] as const)('keeps a block balance of %s through the round trip', (blockBalance) => {
    const blocked: Experiment = { ...exampleExperiment(), scheduler: { policy: 'fcfs', granularity: 'layer-blocks', blocks: 4, blockBalance } };
    expect(parseExperimentJson(experimentToJson(blocked))).toEqual({ ok: true, experiment: blocked });
  });

  it('reports malformed JSON at the root', () => {
    const result = parseExperimentJson('{"schemaVersion": 1,');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]?.message).toMatch(/^invalid JSON/);
  });
});

describe('formatPath', () => {
  it.each([
    [[], ''],
    [['tenants', 1, 'arrival', 'rate', 'value'], 'tenants[1].arrival.rate.value'],
    [['a', 0, 1, 'b'], 'a[0][1].b'],
  ] as const)('%j -> %s', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});
