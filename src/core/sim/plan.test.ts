// From Experiment to simulator plan: policy names, batch policies, tenant settings, simulated capacities.
import { describe, expect, it } from 'vitest';
import { exampleExperiment } from '../experiment/example';
import type { BatchPolicy } from '../experiment/arrival-schema';
import type { PolicyName } from '../experiment/schema';
import { ms } from '../units';
import { batchingOf, planSimulation, policyOf, schedConfigOf } from './plan';

describe('plan', () => {
  it.each<[PolicyName, ReturnType<typeof policyOf>]>([
    ['fcfs', { policy: 'fcfs', admission: 'none' }],
    ['round-robin', { policy: 'round-robin', admission: 'none' }],
    ['weighted-fair', { policy: 'weighted-fair', admission: 'none' }],
    ['edf', { policy: 'edf', admission: 'none' }],
    ['priority', { policy: 'priority', admission: 'none' }],
    ['slo-aware', { policy: 'edf', admission: 'slo-aware' }],
  ])('policy %s runs as %j', (name, expected) => {
    expect(policyOf(name)).toEqual(expected);
  });

  it.each<[BatchPolicy, ReturnType<typeof batchingOf>]>([
    [{ kind: 'none' }, { mode: 'fixed', maxBatch: 1, maxQueueDelayMs: ms(0) }],
    [{ kind: 'dynamic', maxBatch: 8, maxQueueDelayMs: 3 }, { mode: 'fixed', maxBatch: 8, maxQueueDelayMs: ms(3) }],
    [{ kind: 'adaptive', maxBatch: 16 }, { mode: 'adaptive', maxBatch: 16, maxQueueDelayMs: ms(Infinity) }],
  ])('batch %j is planned as %j', (batch, expected) => {
    expect(batchingOf(batch)).toEqual(expected);
  });

  it('ranks real-time tenants before best-effort ones', () => {
    const [camera, job] = exampleExperiment().tenants.map(schedConfigOf);
    expect([camera?.priorityRank, job?.priorityRank]).toEqual([0, 1]);
  });

  it('resolves capacity-fraction rates against 1000 / mean solo service time', () => {
    // camera: 40% of resnet18's capacity; resnet18 takes 5 ms, so 80 req/s expected.
    const experiment = {
      ...exampleExperiment(),
      serviceModel: {
        byModel: { resnet18: { kind: 'fixed' as const, ms: 5, perExtraItemMs: 0 }, resnet50: { kind: 'fixed' as const, ms: 10, perExtraItemMs: 0 } },
        contentionPerExtraLane: 1,
      },
    };
    const planned = planSimulation(experiment);
    if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
    const source = planned.plan.tenants[0]?.arrivals;
    if (source?.mode !== 'open') throw new Error('camera is open loop');
    let count = 0;
    while (source.next() !== undefined) count++;
    const expected = 0.4 * 200 * ((experiment.warmupMs + experiment.durationMs) / 1000);
    expect(Math.abs(count / expected - 1)).toBeLessThan(0.05);
  });

  it('asks for a service model when the experiment has none', () => {
    expect(planSimulation(exampleExperiment())).toEqual({
      ok: false,
      issues: [{ path: 'serviceModel', message: 'expected a service model: the simulator needs service times per model' }],
    });
  });
});
