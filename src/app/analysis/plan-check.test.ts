// Predicted against measured: which runs match a plan, and the rows beside each other.
import { describe, expect, it } from 'vitest';
import { planExperiment } from '../../core/analysis/planner';
import { SCHEMA_VERSION, type Experiment } from '../../core/experiment';
import { simulateExperiment } from '../../core/sim';
import { planCheckRows, runMatchesPlan } from './plan-check';

const experiment: Experiment = {
  schemaVersion: SCHEMA_VERSION,
  tenants: [
    {
      id: 'a', model: 'tiny', resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'poisson', rate: { unit: 'per-sec', value: 150 } },
      sloMs: 100, weight: 1, priority: 'best-effort', queueLimit: 256, overflow: 'drop-newest',
    },
  ],
  scheduler: { policy: 'fcfs', granularity: 'inference' },
  lanes: { mode: 'time-sliced', dispatchDepth: 1 },
  warmupMs: 200,
  durationMs: 5000,
  seed: 1,
  serviceModel: { byModel: { tiny: { kind: 'fixed', ms: 10, perExtraItemMs: 1 } }, contentionPerExtraLane: 1 },
};

describe('plan check', () => {
  it('matches a run of the plan (durations and rates may differ), not one with another batch or policy', () => {
    const plan = { ...experiment, tenants: experiment.tenants.map((t) => ({ ...t, batch: { kind: 'adaptive' as const, maxBatch: 32 } })) };
    expect(runMatchesPlan(plan, { ...plan, durationMs: 1000, serviceModel: undefined })).toBe(true);
    expect(runMatchesPlan(plan, experiment)).toBe(false);
    expect(runMatchesPlan(plan, { ...plan, scheduler: { policy: 'edf', granularity: 'inference' } })).toBe(false);
  });

  it('puts the planner\u2019s predictions beside a run\u2019s measured figures (here a simulated run of the plan)', () => {
    const planned = planExperiment(experiment, { minSamples: 200 });
    if (!planned.ok || planned.outcome.plan === null) throw new Error('a plan fits');
    const plan = planned.outcome.plan;
    const run = simulateExperiment(plan.experiment);
    if (!run.ok) throw new Error('the plan simulates');
    const rows = planCheckRows(plan, { tenants: Object.values(run.report.perTenant) });
    expect(rows.map((r) => r.tenant)).toEqual(['a']);
    expect(rows[0]?.predictedSloRate).toBeGreaterThanOrEqual(0.99);
    expect(rows[0]?.measuredSloRate).toBeGreaterThanOrEqual(0.99);
    expect(rows[0]?.measuredP99Valid).toBe(true);
  });
});
