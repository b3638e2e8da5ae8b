// The simulator's mechanics: contention between lanes, layer blocks, closed loops, drops, determinism.
import { describe, expect, it } from 'vitest';
import { closedLoopArrivals } from '../arrivals/closed-loop';
import { poissonArrivals, traceArrivals } from '../arrivals/open-loop';
import type { ArrivalSource } from '../arrivals/source';
import { NO_BATCHING } from '../batching/batch-plan';
import { exampleExperiment } from '../experiment/example';
import { createRng } from '../rng';
import type { DropReason, SchedRequest, TenantSchedConfig } from '../scheduler/types';
import { ms, perSec } from '../units';
import { createServiceTimeModel } from './service-time';
import { runSimulation, type SimPlan, type SimTenant } from './simulator';
import { simulateExperiment } from './simulate-experiment';

const sched = (over: Partial<TenantSchedConfig> = {}): TenantSchedConfig => ({
  sloMs: ms(1e6), weight: 1, priorityRank: 1, queueLimit: Infinity, overflow: 'drop-newest', batching: NO_BATCHING, ...over,
});
const tenant = (serviceMs: number, arrivals: ArrivalSource, over: Partial<TenantSchedConfig> = {}): SimTenant => ({
  sched: sched(over),
  service: createServiceTimeModel({ kind: 'fixed', ms: serviceMs, perExtraItemMs: 0 }, createRng(1)),
  arrivals,
});
const trace = (...timesMs: number[]): ArrivalSource => traceArrivals(timesMs.map(ms), ms(1e9));
const plan = (tenants: SimTenant[], over: Partial<SimPlan> = {}): SimPlan => ({
  tenants, policy: 'fcfs', admission: 'none', laneMode: 'time-sliced', blocks: 1, dispatchDepth: 1, contentionPerExtraLane: 1, ...over,
});

interface Outcome { id: number; tenant: number; arrivalMs: number; startMs?: number; endMs?: number; dropped?: DropReason }
function run(p: SimPlan): { outcomes: Outcome[]; stalled: number } {
  const byId = new Map<number, Outcome>();
  const stats = runSimulation(p, {
    arrived: (r: SchedRequest) => byId.set(r.id, { id: r.id, tenant: r.tenant, arrivalMs: r.arrivalMs }),
    started: () => undefined,
    dropped: (r, reason) => Object.assign(byId.get(r.id) as Outcome, { dropped: reason }),
    completed: (r, { startMs, endMs }) => Object.assign(byId.get(r.id) as Outcome, { startMs, endMs }),
  });
  return { outcomes: [...byId.values()], stalled: stats.stalledClosedLoop };
}

describe('concurrent lanes with contention', () => {
  it.each([
    // A (10 ms solo) starts at 0, B (10 ms) at 5: both at half speed from 5, so A ends at 15, B alone after 15 ends at 20.
    [1, [15, 20]],
    // Half the slowdown per extra lane: 1.5x while both run. A: 5 + 5 * 1.5 = 12.5; B: 7.5 / 1.5 = 5 done by 12.5, 5 more alone.
    [0.5, [12.5, 17.5]],
    // No contention: each runs its solo time.
    [0, [10, 15]],
  ])('contention %s per extra lane: ends at %j', (contention, ends) => {
    const p = plan([tenant(10, trace(0)), tenant(10, trace(5))], { laneMode: 'concurrent', contentionPerExtraLane: contention });
    expect(run(p).outcomes.map((o) => o.endMs)).toEqual(ends);
  });

  it('time-sliced mode runs one slice at a time with no contention', () => {
    expect(run(plan([tenant(10, trace(0)), tenant(10, trace(5))])).outcomes.map((o) => o.endMs)).toEqual([10, 20]);
  });
});

describe('layer blocks', () => {
  it('a real-time request waits at most one block of a heavy best-effort batch', () => {
    const rng = createRng(5);
    const blocks = 8;
    const heavyMs = 40;
    const p = plan(
      [
        tenant(2, poissonArrivals(perSec(50), rng.fork('rt'), ms(20_000)), { priorityRank: 0 }),
        tenant(heavyMs, closedLoopArrivals(4, ms(20_000)), { priorityRank: 1 }),
      ],
      { policy: 'priority', blocks },
    );
    const rt = run(p).outcomes.filter((o) => o.tenant === 0);
    expect(rt.length).toBeGreaterThan(500);
    const worstWaitMs = Math.max(...rt.map((o) => (o.startMs as number) - o.arrivalMs));
    // Another real-time block may be ahead too: one heavy block plus one real-time request.
    expect(worstWaitMs).toBeLessThanOrEqual(heavyMs / blocks + 2 + 1e-9);
    expect(worstWaitMs).toBeGreaterThan(heavyMs / blocks / 2);
  });
});

describe('closed loops and drops', () => {
  it('keeps N requests outstanding until the end', () => {
    const { outcomes } = run(plan([tenant(2, closedLoopArrivals(3, ms(100)))]));
    // 3 at a time, 2 ms each, one lane: a completion every 2 ms from 2 to 100 reissues one (the one at 100 is past the end).
    expect(outcomes.length).toBe(3 + 49);
    expect(outcomes.every((o) => o.endMs !== undefined)).toBe(true);
  });

  it('a closed loop refused at arrival stalls instead of looping forever', () => {
    const p = plan([tenant(10, closedLoopArrivals(2, ms(100)), { sloMs: ms(5) })], { admission: 'slo-aware' });
    const { outcomes, stalled } = run(p);
    expect(outcomes.map((o) => o.dropped)).toEqual(['slo-unreachable', 'slo-unreachable']);
    expect(stalled).toBe(2);
  });

  it.each([
    ['drop-newest', [undefined, undefined, 'queue-full', undefined]],
    ['drop-oldest', [undefined, 'queue-full', undefined, undefined]],
  ] as const)('%s with a queue of 1: reasons %j', (overflow, reasons) => {
    const p = plan([tenant(10, trace(0, 1, 2, 12), { queueLimit: 1, overflow })]);
    expect(run(p).outcomes.map((o) => o.dropped)).toEqual(reasons);
  });
});

describe('dispatch depth', () => {
  it('commits slices ahead but runs them one after another on the lane', () => {
    const p = plan([tenant(10, trace(0, 0, 0))], { dispatchDepth: 2 });
    expect(run(p).outcomes.map((o) => [o.startMs, o.endMs])).toEqual([[0, 10], [10, 20], [20, 30]]);
  });
});

describe('simulateExperiment', () => {
  const experiment = {
    ...exampleExperiment(),
    durationMs: 5000,
    serviceModel: {
      byModel: {
        resnet18: { kind: 'fixed' as const, ms: 4, perExtraItemMs: 1 },
        resnet50: { kind: 'distribution' as const, shape: 'lognormal' as const, medianMs: 9, p99Ms: 14, perExtraItemMs: 4 },
      },
      contentionPerExtraLane: 1,
    },
  };

  it('is deterministic for a seed and changes with it', () => {
    const a = JSON.stringify(simulateExperiment(experiment));
    expect(JSON.stringify(simulateExperiment(experiment))).toBe(a);
    expect(JSON.stringify(simulateExperiment({ ...experiment, seed: 43 }))).not.toBe(a);
  });

  const schedulers = [{ granularity: 'inference' as const }, { granularity: 'layer-blocks' as const, blocks: 4 }];
  it.each(['fcfs', 'round-robin', 'weighted-fair', 'edf', 'priority', 'slo-aware'] as const)(
    '%s balances the ledger in both lane modes, by inference and by layer block, at dispatch depth 1 and 2',
    (policy) => {
      for (const mode of ['time-sliced', 'concurrent'] as const) {
        for (const slicing of schedulers) {
          for (const dispatchDepth of [1, 2]) {
            const result = simulateExperiment({ ...experiment, scheduler: { policy, ...slicing }, lanes: { mode, dispatchDepth } });
            if (!result.ok) throw new Error(JSON.stringify(result.issues));
            const { overall } = result.report;
            expect(overall.ledger.arrivals).toBe(overall.ledger.completed + overall.ledger.dropped);
            expect(overall.measured.completed).toBeGreaterThan(100);
          }
        }
      }
    },
  );

  it('slo-aware admission reports its drops with reason slo-unreachable under overload', () => {
    const overloaded = { ...experiment, scheduler: { policy: 'slo-aware' as const, granularity: 'inference' as const } };
    overloaded.tenants = overloaded.tenants.map((t) => ({ ...t, arrival: { kind: 'poisson' as const, rate: { unit: 'capacity-fraction' as const, value: 1.5 } } }));
    const result = simulateExperiment(overloaded);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.report.overall.measured.droppedByReason['slo-unreachable']).toBeGreaterThan(0);
  });

  it('weighted-fair gives saturating tenants GPU-time shares within 2 points of their weights (Jain ~ 1)', () => {
    const weights = [1, 2, 3];
    const models = ['resnet18', 'resnet50', 'vgg16'];
    const base = exampleExperiment();
    const result = simulateExperiment({
      ...base,
      scheduler: { policy: 'weighted-fair', granularity: 'inference' },
      tenants: weights.map((weight, i) => ({
        ...(base.tenants[1] as (typeof base.tenants)[number]),
        id: `w${weight}`,
        model: models[i] as string,
        weight,
        batch: { kind: 'none' as const },
        arrival: { kind: 'closed-loop' as const, outstanding: 4 },
      })),
      serviceModel: {
        byModel: {
          resnet18: { kind: 'distribution', shape: 'lognormal', medianMs: 2, p99Ms: 3, perExtraItemMs: 0 },
          resnet50: { kind: 'fixed', ms: 5, perExtraItemMs: 0 },
          vgg16: { kind: 'fixed', ms: 11, perExtraItemMs: 0 },
        },
        contentionPerExtraLane: 1,
      },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    weights.forEach((w) => expect(Math.abs((result.report.perTenant[`w${w}`]?.gpuShare ?? 0) - w / 6)).toBeLessThan(0.02));
    expect(result.report.jainFairness).toBeGreaterThan(0.99);
  });
});
