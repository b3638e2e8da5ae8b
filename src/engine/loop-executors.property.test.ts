// The scheduler's invariants through THE event loop, against both executors: the simulator's modelled lanes
// (virtual clock) and the live lane executor (fake lanes, fake clock): every request accounted for once,
// work-conserving lanes, weights honoured, a batch's layer blocks in order on one lane (committed ahead at
// depth >= 2), and Stop: the blocks already on a lane run, later ones drop.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { traceArrivals } from '../core/arrivals/open-loop';
import { closedLoopArrivals } from '../core/arrivals/closed-loop';
import type { ArrivalSource } from '../core/arrivals';
import { NO_BATCHING } from '../core/batching/batch-plan';
import { parseExperiment, type Experiment } from '../core/experiment';
import { EventLoop, VirtualClock, type LoopConfig, type LoopObserver } from '../core/loop';
import { createRng } from '../core/rng';
import type { PolicyKind, SchedRequest, TenantSchedConfig } from '../core/scheduler';
import type { DropReason } from '../core/metrics';
import { createServiceTimeModel, ModelledExecutor, runSimulation } from '../core/sim';
import { ms } from '../core/units';
import { engineTimerPort } from './engine-clock';
import { FakeClock, FakeLane } from './fake-lane.test-support';
import { LaneExecutor } from './lane-executor';
import { LanePool } from './lane-pool';
import { sessionKey, type PrepareSpec } from '../runtime/lane-protocol';
import type { ModelId } from '../zoo';

const MODELS = ['tiny-cnn', 'resnet18', 'mobilenet-v2', 'squeezenet'] as const;
/** Whole-inference service per model, ms (the fake lanes and the modelled ones run the same). */
const SERVICE_MS: Readonly<Record<(typeof MODELS)[number], number>> = { 'tiny-cnn': 2, resnet18: 3, 'mobilenet-v2': 5, squeezenet: 1 };

interface Scenario {
  readonly policy: PolicyKind;
  readonly mode: 'time-sliced' | 'concurrent';
  readonly blocks: number;
  readonly depth: number;
  readonly tenants: readonly { readonly weight: number; readonly queueLimit: number; readonly closed: number; readonly trace: readonly number[] }[];
  /** End of arrivals, ms (default END_MS). */
  readonly endMs?: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  policy: fc.constantFrom<PolicyKind>('fcfs', 'round-robin', 'weighted-fair', 'edf', 'priority'),
  mode: fc.constantFrom('time-sliced' as const, 'concurrent' as const),
  blocks: fc.constantFrom(1, 2, 4),
  depth: fc.integer({ min: 1, max: 3 }),
  tenants: fc.array(
    fc.record({
      weight: fc.integer({ min: 1, max: 4 }),
      queueLimit: fc.constantFrom(2, 8, 1000),
      // 0: open loop on the trace; k > 0: a closed loop of k.
      closed: fc.constantFrom(0, 0, 1, 3),
      trace: fc.array(fc.double({ min: 0, max: 150, noNaN: true }), { maxLength: 40 }).map((xs) => [...xs].sort((a, b) => a - b)),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

const END_MS = 160;

function experimentOf(s: Scenario): Experiment {
  const parsed = parseExperiment({
    schemaVersion: 1,
    tenants: s.tenants.map((t, i) => ({
      id: `t${String(i)}`, model: MODELS[i] as string, resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'closed-loop', outstanding: 1 },
      sloMs: 1000, weight: t.weight, queueLimit: t.queueLimit,
    })),
    scheduler: s.blocks === 1 ? { policy: 'fcfs', granularity: 'inference' } : { policy: 'fcfs', granularity: 'layer-blocks', blocks: s.blocks },
    lanes: { mode: s.mode, dispatchDepth: s.depth },
    warmupMs: 0,
    durationMs: s.endMs ?? END_MS,
    seed: 1,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.experiment;
}

const sched = (t: Scenario['tenants'][number], i: number): TenantSchedConfig => ({
  sloMs: ms(1000), weight: t.weight, priorityRank: i % 2, queueLimit: t.queueLimit, overflow: 'drop-newest', batching: NO_BATCHING,
});
const arrivalsOf = (t: Scenario['tenants'][number], endMs = END_MS): ArrivalSource =>
  t.closed > 0 ? closedLoopArrivals(t.closed, ms(endMs)) : traceArrivals(t.trace.map(ms), ms(endMs));
const serviceOf = (i: number): number => SERVICE_MS[MODELS[i] as (typeof MODELS)[number]];

function loopConfig(s: Scenario): LoopConfig {
  return {
    tenants: s.tenants.map((t, i) => ({ sched: sched(t, i), arrivals: arrivalsOf(t, s.endMs) })),
    policy: s.policy, admission: 'none', laneMode: s.mode, blocks: s.blocks, dispatchDepth: s.depth,
    estimateServiceMs: (t) => ms(serviceOf(t)),
  };
}

/** What a run did: each request's end, and every slice with its lane interval. */
interface Trace {
  readonly requests: Map<number, { tenant: number; arrivalMs: number; startedMs?: number; end?: 'completed' | DropReason }>;
  readonly slices: { lane: number; tenant: number; startMs: number; endMs: number; serviceMs: number; block: number; blocks: number; batch: readonly SchedRequest[] }[];
}

function tracer(): { trace: Trace; observer: LoopObserver } {
  const trace: Trace = { requests: new Map(), slices: [] };
  const end = (r: SchedRequest, how: 'completed' | DropReason): void => {
    const entry = trace.requests.get(r.id);
    expect(entry?.end).toBeUndefined();
    if (entry !== undefined) entry.end = how;
  };
  return {
    trace,
    observer: {
      arrived: (r) => {
        expect(trace.requests.has(r.id)).toBe(false);
        trace.requests.set(r.id, { tenant: r.tenant, arrivalMs: r.arrivalMs });
      },
      dropped: (r, reason) => end(r, reason),
      started: (d, nowMs) => {
        for (const r of d.requests) Object.assign(trace.requests.get(r.id) ?? {}, { startedMs: nowMs });
      },
      sliceDone: (d, t) => trace.slices.push({ lane: d.laneId, tenant: d.tenant, startMs: t.startMs, endMs: t.endMs, serviceMs: t.serviceMs, block: d.block, blocks: d.blocks, batch: d.requests }),
      completed: (r) => end(r, 'completed'),
    },
  };
}

/** Runs the scenario on the simulator's modelled lanes (virtual clock); `stopAtMs`: the live Stop (cancelQueued) then. */
function simulate(s: Scenario, stopAtMs?: number): Trace {
  const { trace, observer } = tracer();
  if (stopAtMs === undefined) {
    runSimulation(
      {
        tenants: s.tenants.map((t, i) => ({
          sched: sched(t, i), arrivals: arrivalsOf(t, s.endMs),
          service: createServiceTimeModel({ kind: 'fixed', ms: serviceOf(i), perExtraItemMs: 0 }, createRng(1)),
        })),
        policy: s.policy, admission: 'none', laneMode: s.mode, blocks: s.blocks, dispatchDepth: s.depth, contentionPerExtraLane: 0,
      },
      observer,
    );
    return trace;
  }
  const clock = new VirtualClock();
  const lanes = s.mode === 'concurrent' ? s.tenants.length : 1;
  const loop = new EventLoop(loopConfig(s), (events) => new ModelledExecutor(lanes, clock, 0, (d) => ms(serviceOf(d.tenant) / d.blocks), events), clock, observer);
  clock.createTimer(() => loop.stop({ cancelQueued: true })).schedule(ms(stopAtMs));
  loop.start();
  clock.run();
  return trace;
}

/** Runs the scenario on the live lane executor (fake lanes, fake clock); `stopAtMs`: Stop (cancelQueued) then. */
async function runLive(s: Scenario, stopAtMs?: number): Promise<Trace> {
  const { trace, observer } = tracer();
  const clock = new FakeClock();
  const experiment = experimentOf(s);
  const pool = new LanePool(s.mode === 'concurrent' ? s.tenants.length : 1, () => {
    const lane = new FakeLane((model) => SERVICE_MS[model as (typeof MODELS)[number]]);
    lane.clock = clock;
    return lane;
  });
  // The run's sessions, as prepareSessions makes them: one per tenant's model (and granularity) in its lane.
  for (const [i, tenant] of experiment.tenants.entries()) {
    const lane = s.mode === 'concurrent' ? i : 0;
    const spec: PrepareSpec = { source: { kind: 'zoo', modelId: tenant.model as ModelId, resolution: 32, seed: 1 }, maxBatch: 1, blocks: s.blocks, backend: 'wasm', build: 'webgpu-ep', allowFallback: false, inputSeed: 1, gpuTiming: false };
    await pool.prepare(lane, sessionKey(tenant.model, 32, { blocks: s.blocks }), spec);
  }
  let idle = false;
  let error: Error | undefined;
  const onError = (e: Error): void => {
    error = e;
  };
  const loop = new EventLoop(
    loopConfig(s),
    (events) => new LaneExecutor(experiment, pool, clock.toEpochMs(0), events, onError),
    engineTimerPort(clock, 0, onError),
    { ...observer, idle: () => (idle = true) },
  );
  if (stopAtMs !== undefined) clock.setTimer(() => loop.stop({ cancelQueued: true }), stopAtMs);
  loop.start();
  await clock.runUntil(() => idle || error !== undefined);
  if (error !== undefined) throw error;
  return trace;
}

/** Every request ended exactly once; no lane was idle while a request of its tenants waited (no batching here). */
function checkInvariants(s: Scenario, trace: Trace): void {
  for (const r of trace.requests.values()) expect(r.end).toBeDefined();
  const laneOf = (tenant: number): number => (s.mode === 'concurrent' ? tenant : 0);
  const byLane = new Map<number, Trace['slices']>();
  for (const slice of trace.slices) byLane.set(slice.lane, [...(byLane.get(slice.lane) ?? []), slice]);
  for (const r of trace.requests.values()) {
    if (r.startedMs === undefined) continue;
    // Busy intervals of its lane must cover its wait, but for instants (a slice ends and the next starts).
    const slices = [...(byLane.get(laneOf(r.tenant)) ?? [])].sort((a, b) => a.startMs - b.startMs);
    let covered = r.arrivalMs;
    for (const slice of slices) {
      if (slice.endMs <= covered) continue;
      if (slice.startMs > covered + 1e-6) break;
      covered = slice.endMs;
    }
    expect(covered + 1e-6).toBeGreaterThanOrEqual(r.startedMs);
  }
  // A batch's blocks: 0, 1, ... in order, each once, on one lane, each starting after the last one ended;
  // its requests complete only when its last block ran.
  const byBatch = new Map<readonly SchedRequest[], Trace['slices']>();
  for (const slice of trace.slices) byBatch.set(slice.batch, [...(byBatch.get(slice.batch) ?? []), slice]);
  for (const [batch, slices] of byBatch) {
    expect(slices.map((x) => x.block)).toEqual(slices.map((_, i) => i));
    expect(new Set(slices.map((x) => x.lane)).size).toBe(1);
    for (let i = 1; i < slices.length; i++) expect((slices[i] as Trace['slices'][number]).startMs).toBeGreaterThanOrEqual((slices[i - 1] as Trace['slices'][number]).endMs - 1e-9);
    const ranAll = slices.length === (slices[0] as Trace['slices'][number]).blocks;
    for (const r of batch) expect(trace.requests.get(r.id)?.end === 'completed').toBe(ranAll);
  }
}

describe('the event loop against both executors', () => {
  it('simulated and live: every request accounted for once, lanes work-conserving, and the same run on the same service times', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const simulated = simulate(s);
        const live = await runLive(s);
        checkInvariants(s, simulated);
        checkInvariants(s, live);
        // Fixed service times and no contention: the live run ends as the simulated one, tenant by tenant
        // (ids may differ where lanes end at one instant: the clocks order such ties differently).
        const outcome = (t: Trace): Map<string, number> => {
          const counts = new Map<string, number>();
          for (const r of t.requests.values()) counts.set(`${String(r.tenant)}:${String(r.end)}`, (counts.get(`${String(r.tenant)}:${String(r.end)}`) ?? 0) + 1);
          return counts;
        };
        expect(outcome(live)).toEqual(outcome(simulated));
      }),
      { numRuns: 25, seed: 10 },
    );
  });

  it('Stop (cancelQueued) at any instant: every request ends once, blocks already on a lane run and later ones drop, simulated as live', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.double({ min: 0, max: 150, noNaN: true }), async (s, stopAtMs) => {
        const outcomes: Map<string, number>[] = [];
        for (const trace of [simulate(s, stopAtMs), await runLive(s, stopAtMs)]) {
          checkInvariants(s, trace);
          // Slices that started after the stop were on their lane already: at most `depth` per lane.
          const lateByLane = new Map<number, number>();
          for (const slice of trace.slices) if (slice.startMs > stopAtMs + 1e-9) lateByLane.set(slice.lane, (lateByLane.get(slice.lane) ?? 0) + 1);
          for (const late of lateByLane.values()) expect(late).toBeLessThanOrEqual(s.depth);
          // Nothing arrived after the stop; what did not complete was dropped (here only a stop or a full queue drops).
          for (const r of trace.requests.values()) {
            expect(r.arrivalMs).toBeLessThanOrEqual(stopAtMs + 1e-9);
            expect(['completed', 'stopped', 'queue-full']).toContain(r.end);
          }
          const counts = new Map<string, number>();
          for (const r of trace.requests.values()) counts.set(`${String(r.tenant)}:${String(r.end)}`, (counts.get(`${String(r.tenant)}:${String(r.end)}`) ?? 0) + 1);
          outcomes.push(counts);
        }
        expect(outcomes[1]).toEqual(outcomes[0]);
      }),
      { numRuns: 40, seed: 12 },
    );
  });

  // Start-time fair queueing is within one slice (<= 5 ms here) of the weights per tenant: 5 ms of 2 s is 0.0025.
  it.each(['simulated', 'live'] as const)('%s: weighted-fair 1:3:2 backlogged tenants get GPU time in proportion (within 0.01)', async (executor) => {
    const s: Scenario = {
      policy: 'weighted-fair', mode: 'time-sliced', blocks: 1, depth: 1,
      tenants: [1, 3, 2].map((weight) => ({ weight, queueLimit: 1000, closed: 3, trace: [] })), endMs: 2000,
    };
    const trace = executor === 'simulated' ? simulate(s) : await runLive(s);
    checkInvariants(s, trace);
    const charged = [0, 0, 0];
    for (const slice of trace.slices) charged[slice.tenant] = (charged[slice.tenant] ?? 0) + slice.serviceMs;
    const total = charged.reduce((a, b) => a + b, 0);
    [1, 3, 2].forEach((w, i) => expect(Math.abs((charged[i] ?? 0) / total - w / 6)).toBeLessThan(0.01));
  });
});
