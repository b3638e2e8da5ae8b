// The replay of a run's own trace: a simulated run replays to zero overhead exactly; overheads pair requests by arrival.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseExperiment } from '../experiment/parse';
import { SCHEMA_VERSION, type Experiment } from '../experiment/schema';
import { planSimulation } from './plan';
import { overheadsByTenant, replayRun, type TimedRequest } from './replay';
import { liveLoopConfig } from './live-loop-config';
import type { ServiceTimeModel } from './service-time';
import { runSimulation, type SimPlan } from './simulator';

function experimentOf(input: unknown): Experiment {
  const parsed = parseExperiment(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.experiment;
}

function planOf(experiment: Experiment): SimPlan {
  const planned = planSimulation(experiment);
  if (!planned.ok) throw new Error(JSON.stringify(planned.issues));
  return planned.plan;
}

/** Simulates without contention, recording every slice's service per tenant (a batch's sample split evenly among its blocks, as the simulator does). */
function simulate(experiment: Experiment): { completed: TimedRequest[]; dropped: number; slices: number[][] } {
  const plan = planOf(experiment);
  const slices: number[][] = plan.tenants.map(() => []);
  const recording = (t: number, model: ServiceTimeModel): ServiceTimeModel => ({
    medianMs: (b) => model.medianMs(b),
    meanMs: (b) => model.meanMs(b),
    sampleMs: (b) => {
      const sample = model.sampleMs(b);
      for (let k = 0; k < plan.blocks; k++) slices[t]?.push(sample / plan.blocks);
      return sample;
    },
  });
  const completed: TimedRequest[] = [];
  let dropped = 0;
  runSimulation({ ...plan, contentionPerExtraLane: 0, tenants: plan.tenants.map((t, i) => ({ ...t, service: recording(i, t.service) })) }, {
    arrived: () => undefined,
    started: () => undefined,
    dropped: () => {
      dropped++;
    },
    completed: (r, _done, nowMs) => {
      completed.push({ tenant: r.tenant, arrivalMs: r.arrivalMs, latencyMs: nowMs - r.arrivalMs });
    },
  });
  return { completed, dropped, slices };
}

/** The same experiment's loop configuration with fresh arrivals, and the simulator's estimator. */
function replayOf(experiment: Experiment, slices: readonly (readonly number[])[]): ReturnType<typeof replayRun> {
  const plan = planOf(experiment);
  return replayRun(
    { ...plan, estimateServiceMs: (t, b) => (plan.tenants[t] as SimPlan['tenants'][number]).service.medianMs(b) },
    slices,
  );
}

const tenant = (id: string, arrival: unknown, over: object = {}): unknown => ({
  id, model: 'resnet18', resolution: 224, batch: { kind: 'none' }, arrival, sloMs: 30, weight: 1, priority: 'best-effort', queueLimit: 16, overflow: 'drop-newest', ...over,
});
const open = (value: number): unknown => ({ kind: 'poisson', rate: { unit: 'capacity-fraction', value } });
const base = (over: object): unknown => ({
  schemaVersion: SCHEMA_VERSION,
  tenants: [tenant('open', open(0.4)), tenant('closed', { kind: 'closed-loop', outstanding: 4 })],
  scheduler: { policy: 'fcfs', granularity: 'inference' },
  lanes: { mode: 'time-sliced', dispatchDepth: 1 },
  warmupMs: 100, durationMs: 2000, seed: 7,
  serviceModel: { byModel: { resnet18: { kind: 'distribution', shape: 'lognormal', medianMs: 1.1, p99Ms: 3 } }, contentionPerExtraLane: 0 },
  ...over,
});

describe('replayRun', () => {
  it.each([
    ['fcfs, depth 1 (the bench depth test)', {}],
    ['fcfs, depth 2', { lanes: { mode: 'time-sliced', dispatchDepth: 2 } }],
    ['weighted-fair in 4 layer blocks', { scheduler: { policy: 'weighted-fair', granularity: 'layer-blocks', blocks: 4 } }],
    ['slo-aware drops, dynamic batching', {
      scheduler: { policy: 'slo-aware', granularity: 'inference' },
      tenants: [tenant('open', open(1.5), { sloMs: 4, batch: { kind: 'dynamic', maxBatch: 4, maxQueueDelayMs: 1 } }), tenant('closed', { kind: 'closed-loop', outstanding: 2 })],
    }],
    ['concurrent lanes', { lanes: { mode: 'concurrent', dispatchDepth: 2 } }],
  ])('replays a simulated run to zero overhead exactly: %s', (_name, over) => {
    const experiment = experimentOf(base(over));
    const sim = simulate(experiment);
    const replay = replayOf(experiment, sim.slices);
    expect(replay.unmatchedSlices).toBe(0);
    expect(replay.dropped).toBe(sim.dropped);
    expect(replay.completed).toEqual(sim.completed);
    for (const overheads of overheadsByTenant(sim.completed, replay.completed, 2)) {
      expect(overheads.length).toBeGreaterThan(0);
      expect(overheads.every((x) => x === 0)).toBe(true);
    }
  });

  it('over random experiments, a simulated run replays to zero overhead exactly', () => {
    const arb = fc.record({
      policy: fc.constantFrom('fcfs', 'round-robin', 'weighted-fair', 'edf', 'priority', 'slo-aware'),
      blocks: fc.integer({ min: 1, max: 4 }),
      mode: fc.constantFrom('time-sliced', 'concurrent'),
      depth: fc.integer({ min: 1, max: 3 }),
      load: fc.double({ min: 0.1, max: 1.5, noNaN: true }),
      outstanding: fc.integer({ min: 1, max: 5 }),
      seed: fc.nat(),
    });
    fc.assert(
      fc.property(arb, (p) => {
        const experiment = experimentOf(base({
          tenants: [tenant('open', open(p.load), { priority: 'real-time', weight: 2 }), tenant('closed', { kind: 'closed-loop', outstanding: p.outstanding })],
          scheduler: p.blocks === 1 ? { policy: p.policy, granularity: 'inference' } : { policy: p.policy, granularity: 'layer-blocks', blocks: p.blocks },
          lanes: { mode: p.mode, dispatchDepth: p.depth },
          durationMs: 300,
          seed: p.seed,
        }));
        const sim = simulate(experiment);
        const replay = replayOf(experiment, sim.slices);
        expect(replay.unmatchedSlices).toBe(0);
        expect(replay.completed).toEqual(sim.completed);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('charges a tenant its mean measured slice past the end of its trace, and counts those slices', () => {
    // Fixed service: the mean of any prefix is every slice's service, so the replay still matches.
    const experiment = experimentOf(base({ serviceModel: { byModel: { resnet18: { kind: 'fixed', ms: 1.25, perExtraItemMs: 0 } }, contentionPerExtraLane: 0 } }));
    const sim = simulate(experiment);
    const replay = replayOf(experiment, sim.slices.map((list) => list.slice(0, 10)));
    expect(replay.unmatchedSlices).toBe((sim.slices[0]?.length ?? 0) + (sim.slices[1]?.length ?? 0) - 20);
    expect(replay.completed).toEqual(sim.completed);
  });
});

describe('overheadsByTenant', () => {
  const r = (tenant: number, arrivalMs: number, latencyMs: number): TimedRequest => ({ tenant, arrivalMs, latencyMs });
  it.each([
    ['pairs by arrival, not completion order', [r(0, 2, 5), r(0, 1, 4)], [r(0, 1, 3), r(0, 2, 3)], 0, [[1, 2], []]],
    ['splits by tenant', [r(0, 1, 4), r(1, 1, 9)], [r(1, 1, 2), r(0, 1, 4)], 0, [[0], [7]]],
    ['pairs up to the shorter list', [r(0, 1, 4), r(0, 2, 4)], [r(0, 1, 1)], 0, [[3], []]],
    ['skips requests before fromMs', [r(0, 1, 4), r(0, 5, 6)], [r(0, 1, 1), r(0, 5, 1)], 5, [[5], []]],
  ])('%s', (_name, live, replayed, fromMs, expected) => {
    expect(overheadsByTenant(live, replayed, 2, fromMs).map((a) => [...a])).toEqual(expected);
  });
});

describe('liveLoopConfig', () => {
  it('gives equal arrivals on every call (a replay sees the run\'s own)', () => {
    const experiment = experimentOf(base({}));
    const profiles = [{ modelKey: 'resnet18@224', batch: 1, medianMs: 1.1 }];
    const draw = (): number[] => {
      const source = liveLoopConfig(experiment, profiles).tenants[0]!.arrivals;
      const out: number[] = [];
      for (let i = 0; i < 50 && source.mode === 'open'; i++) out.push(source.next() ?? NaN);
      return out;
    };
    const first = draw();
    expect(first.every(Number.isFinite)).toBe(true);
    expect(draw()).toEqual(first);
    expect(liveLoopConfig(experiment, profiles).estimateServiceMs(0, 1)).toBe(1.1);
  });
});
