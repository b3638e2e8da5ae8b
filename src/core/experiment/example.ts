// A small valid experiment: a starting point for the UI form, the CLI and tests.
import type { Experiment } from './schema';
import { SCHEMA_VERSION } from './schema';

/**
 * Two tenants at 224 px on one time-sliced lane: a real-time ResNet-18 (Poisson, 40% of solo
 * capacity, 50 ms SLO) beside a best-effort ResNet-50 (closed loop, 2 outstanding). 2 s warm-up,
 * 20 s measured, seed 42. Returns a fresh object each call.
 */
export function exampleExperiment(): Experiment {
  return {
    schemaVersion: SCHEMA_VERSION,
    name: 'real-time beside best-effort',
    tenants: [
      {
        id: 'camera',
        model: 'resnet18',
        resolution: 224,
        batch: { kind: 'none' },
        arrival: { kind: 'poisson', rate: { unit: 'capacity-fraction', value: 0.4 } },
        sloMs: 50,
        weight: 2,
        priority: 'real-time',
        queueLimit: 32,
        overflow: 'drop-oldest',
      },
      {
        id: 'batch-job',
        model: 'resnet50',
        resolution: 224,
        batch: { kind: 'dynamic', maxBatch: 4, maxQueueDelayMs: 10 },
        arrival: { kind: 'closed-loop', outstanding: 2 },
        sloMs: 500,
        weight: 1,
        priority: 'best-effort',
        queueLimit: 64,
        overflow: 'drop-newest',
      },
    ],
    scheduler: { policy: 'priority', granularity: 'inference' },
    lanes: { mode: 'time-sliced', dispatchDepth: 1 },
    warmupMs: 2000,
    durationMs: 20000,
    seed: 42,
  };
}
