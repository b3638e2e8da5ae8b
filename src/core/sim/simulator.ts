// The discrete-event simulator: the core event loop with modelled lanes on a virtual clock.
import type { ArrivalSource } from '../arrivals/source';
import type { LaneMode } from '../experiment/schema';
import { EventLoop, type LoopHoldings, type LoopObserver } from '../loop/event-loop';
import { VirtualClock } from '../loop/virtual-clock';
import type { AdmissionKind, PolicyKind, TenantSchedConfig } from '../scheduler/types';
import { ms, type Ms } from '../units';
import { ModelledExecutor } from './modelled-executor';
import type { ServiceTimeModel } from './service-time';

/** One tenant as the simulator runs it. */
export interface SimTenant {
  readonly sched: TenantSchedConfig;
  readonly service: ServiceTimeModel;
  readonly arrivals: ArrivalSource;
}

/** Everything a run needs, already resolved (see plan.ts for building it from an Experiment). */
export interface SimPlan {
  readonly tenants: readonly SimTenant[];
  readonly policy: PolicyKind;
  readonly admission: AdmissionKind;
  readonly laneMode: LaneMode;
  /** Layer blocks per inference (1 = whole inference). */
  readonly blocks: number;
  /** Slices committed to a lane ahead of completion (>= 1). */
  readonly dispatchDepth: number;
  /** With k lanes busy each runs 1 + c * (k - 1) times slower. */
  readonly contentionPerExtraLane: number;
  /** Simulated interval between observer checkpoints, ms (default: none). */
  readonly checkpointEveryMs?: number;
}

/** What the scheduler and lanes really hold for a tenant at a checkpoint. */
export type SimHoldings = LoopHoldings;

/** Receives what happens to every request (the loop's observer), and checkpoints. */
export interface SimObserver extends LoopObserver {
  /** Every checkpointEveryMs of simulated time, between events, and once at the end. */
  checkpoint?(nowMs: Ms, holdings: SimHoldings): void;
}

export interface SimRunStats {
  /** Requests issued (arrived), dropped ones included. */
  readonly requests: number;
  /** Instant of the last event, ms. */
  readonly endMs: Ms;
  /** Closed-loop requests never reissued because nothing completed after they were refused. */
  readonly stalledClosedLoop: number;
}

/**
 * Runs the plan to the end on a virtual clock: arrivals stop at their sources' end, queued work
 * drains. The event loop (src/core/loop) is the live engine's; only the executor is modelled: a
 * batch's service is drawn once, at its first block, and split evenly among its blocks.
 */
export function runSimulation(plan: SimPlan, observer: SimObserver): SimRunStats {
  const n = plan.tenants.length;
  const laneCount = plan.laneMode === 'concurrent' ? n : 1;
  const blocks = plan.blocks;
  const services = plan.tenants.map((t) => t.service);
  const batchSoloMs = new Float64Array(n);
  const sampleSliceMs = (d: { tenant: number; block: number; requests: readonly unknown[] }): Ms => {
    if (d.block === 0) batchSoloMs[d.tenant] = (services[d.tenant] as ServiceTimeModel).sampleMs(d.requests.length);
    return ((batchSoloMs[d.tenant] as number) / blocks) as Ms;
  };
  const clock = new VirtualClock(laneCount + 1);
  const loop = new EventLoop(
    {
      tenants: plan.tenants,
      policy: plan.policy,
      admission: plan.admission,
      laneMode: plan.laneMode,
      blocks,
      dispatchDepth: plan.dispatchDepth,
      estimateServiceMs: (t, b) => (services[t] as ServiceTimeModel).medianMs(b),
    },
    (events) => new ModelledExecutor(laneCount, clock, plan.contentionPerExtraLane, sampleSliceMs, events),
    clock,
    observer,
  );
  const checkpointEveryMs = plan.checkpointEveryMs ?? Infinity;
  let nextCheckpointMs = checkpointEveryMs;
  loop.start();
  clock.run((t) => {
    if (t <= nextCheckpointMs) return;
    observer.checkpoint?.(ms(nextCheckpointMs), loop.holdings);
    nextCheckpointMs = (Math.floor(t / checkpointEveryMs) + 1) * checkpointEveryMs;
  });
  const endMs = clock.now();
  observer.checkpoint?.(endMs, loop.holdings);
  return { requests: loop.requests, endMs, stalledClosedLoop: loop.stalledClosedLoop };
}
