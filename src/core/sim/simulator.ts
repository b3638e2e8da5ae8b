// The discrete-event simulator: arrivals, the shared scheduler and modelled lanes on a simulated clock.
import type { ArrivalSource } from '../arrivals/source';
import { IndexedHeap } from '../scheduler/indexed-heap';
import { createScheduler } from '../scheduler/scheduler';
import type { LaneMode } from '../experiment/schema';
import type { AdmissionKind, Dispatch, DropReason, PolicyKind, SchedRequest, TenantSchedConfig } from '../scheduler/types';
import { ms, type Ms } from '../units';
import { SimLanes } from './lanes';
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
export interface SimHoldings {
  /** Requests waiting in the scheduler's queue. */
  queued(tenant: number): number;
  /** Requests handed to lanes and not completed (layer-blocked batches between blocks included). */
  running(tenant: number): number;
}

/** Receives what happens to every request; the metrics recorder and ledger sit behind it. */
export interface SimObserver {
  arrived(request: SchedRequest): void;
  dropped(request: SchedRequest, reason: DropReason, nowMs: Ms): void;
  /** A batch's first slice was handed to a lane (its requests leave the queue). */
  started(dispatch: Dispatch, nowMs: Ms): void;
  /**
   * Its batch's first slice started at startMs; its last slice ended at endMs. serviceMs is the sum of
   * its slices' service (with layer blocks, other tenants' blocks run between them are not charged to it).
   */
  completed(request: SchedRequest, startMs: Ms, endMs: Ms, batchSize: number, serviceMs: Ms): void;
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
 * Runs the plan to the end: arrivals stop at their sources' end, queued work
 * drains. Events at one instant are handled in a fixed order (slice ends, then
 * arrivals by tenant index, then batching timers) before any lane is filled,
 * so runs are deterministic. A closed-loop request refused at its own arrival
 * instant is reissued at the next slice end, so a refusing scheduler cannot
 * loop forever at one instant.
 */
export function runSimulation(plan: SimPlan, observer: SimObserver): SimRunStats {
  const n = plan.tenants.length;
  const laneCount = plan.laneMode === 'concurrent' ? n : 1;
  const blocks = plan.blocks;
  const arrivals = new IndexedHeap(n);
  const wakes = new IndexedHeap(laneCount);
  const dirty = new Uint8Array(laneCount);
  const dirtyLanes: number[] = [];
  const dueNow: number[] = [];
  let stalled: number[] = [];
  const batchStartMs = new Float64Array(n);
  const batchSoloMs = new Float64Array(n);
  /** Service of the tenant's batch in blocks so far, ms: its blocks end in order (one lane, FIFO). */
  const batchServiceMs = new Float64Array(n);
  const running = new Float64Array(n);
  const holdings: SimHoldings = { queued: (t) => scheduler.queuedCount(t), running: (t) => running[t] as number };
  const checkpointEveryMs = plan.checkpointEveryMs ?? Infinity;
  let nextCheckpointMs = checkpointEveryMs;
  // Hot path: instants are branded by cast, not by calling ms(), to keep a call off every event.
  let nowMs = 0 as Ms;
  let nextId = 0;

  const markDirty = (lane: number): void => {
    if (dirty[lane] === 1) return;
    dirty[lane] = 1;
    dirtyLanes.push(lane);
  };
  const laneOf = (tenant: number): number => (laneCount === 1 ? 0 : tenant);
  const services = plan.tenants.map((t) => t.service);
  const sources = plan.tenants.map((t) => t.arrivals);
  const sloMs = plan.tenants.map((t) => t.sched.sloMs);
  const closed = Uint8Array.from(sources, (s) => (s.mode === 'closed' ? 1 : 0));

  const scheduler = createScheduler({
    policy: plan.policy,
    admission: plan.admission,
    laneMode: plan.laneMode,
    blocks,
    tenants: plan.tenants.map((t) => t.sched),
    estimateServiceMs: (t, b) => (services[t] as ServiceTimeModel).medianMs(b),
    onDrop: (request, reason, atMs) => {
      observer.dropped(request, reason, atMs);
      if (closed[request.tenant] === 1) (atMs > request.arrivalMs ? dueNow : stalled).push(request.tenant);
    },
  });

  const lanes = new SimLanes(
    laneCount,
    plan.dispatchDepth,
    plan.contentionPerExtraLane,
    (d) => {
      // A batch's service is drawn once, at its first block, and split evenly among its blocks.
      if (d.block === 0) batchSoloMs[d.tenant] = (services[d.tenant] as ServiceTimeModel).sampleMs(d.requests.length);
      return ((batchSoloMs[d.tenant] as number) / blocks) as Ms;
    },
    (d: Dispatch, serviceMs, endMs) => {
      scheduler.onComplete(d, serviceMs, endMs);
      if (d.block === 0) {
        batchStartMs[d.tenant] = endMs - serviceMs;
        batchServiceMs[d.tenant] = serviceMs;
      } else batchServiceMs[d.tenant] = (batchServiceMs[d.tenant] as number) + serviceMs;
      if (d.block === d.blocks - 1) {
        const startMs = batchStartMs[d.tenant] as Ms;
        const batchMs = batchServiceMs[d.tenant] as Ms;
        const closedLoop = closed[d.tenant] === 1;
        running[d.tenant] = (running[d.tenant] as number) - d.requests.length;
        for (const request of d.requests) {
          observer.completed(request, startMs, endMs, d.requests.length, batchMs);
          if (closedLoop) dueNow.push(d.tenant);
        }
      }
      if (stalled.length > 0) {
        for (const t of stalled) dueNow.push(t);
        stalled = [];
      }
      markDirty(d.laneId);
    },
  );

  const issue = (tenant: number, atMs: Ms): void => {
    const request: SchedRequest = { id: nextId++, tenant, arrivalMs: atMs, deadlineMs: (atMs + (sloMs[tenant] as number)) as Ms };
    observer.arrived(request);
    scheduler.enqueue(request, atMs);
    markDirty(laneOf(tenant));
  };

  const advance = (tenant: number): void => {
    const source = sources[tenant] as ArrivalSource;
    const next = source.mode === 'open' ? source.next() : undefined;
    if (next === undefined) arrivals.remove(tenant);
    else arrivals.set(tenant, next);
  };

  const fillLane = (lane: number): void => {
    while (lanes.hasRoom(lane)) {
      const pick = scheduler.pick(nowMs, lane);
      if (pick === undefined) {
        wakes.remove(lane);
        return;
      }
      if (pick.kind === 'wait') {
        wakes.set(lane, pick.untilMs);
        return;
      }
      wakes.remove(lane);
      lanes.start(pick, nowMs);
      if (pick.block === 0) {
        running[pick.tenant] = (running[pick.tenant] as number) + pick.requests.length;
        observer.started(pick, nowMs);
      }
    }
  };

  /** Reissues due closed-loop requests and fills dirty lanes until nothing changes at this instant. */
  const settle = (): void => {
    while (dueNow.length > 0 || dirtyLanes.length > 0) {
      while (dueNow.length > 0) {
        const tenant = dueNow.shift() as number;
        const source = sources[tenant] as ArrivalSource;
        const next = source.mode === 'closed' ? source.onDone(nowMs) : undefined;
        if (next !== undefined) issue(tenant, next);
      }
      while (dirtyLanes.length > 0) {
        const lane = dirtyLanes.pop() as number;
        dirty[lane] = 0;
        fillLane(lane);
      }
    }
  };

  plan.tenants.forEach((tenant, i) => {
    if (tenant.arrivals.mode === 'closed') for (const atMs of tenant.arrivals.start()) issue(i, atMs);
    else advance(i);
  });
  settle();

  for (;;) {
    const endAt = lanes.nextEndMs();
    const arriveAt = arrivals.peekKey();
    const wakeAt = wakes.peekKey();
    const t = Math.min(endAt, arriveAt, wakeAt);
    if (t === Infinity) break;
    if (t > nextCheckpointMs) {
      observer.checkpoint?.(ms(nextCheckpointMs), holdings);
      nextCheckpointMs = (Math.floor(t / checkpointEveryMs) + 1) * checkpointEveryMs;
    }
    nowMs = t as Ms;
    while (lanes.nextEndMs() === t) lanes.completeNext(t as Ms);
    while (arrivals.peekKey() === t) {
      const tenant = arrivals.peek();
      issue(tenant, t as Ms);
      advance(tenant);
    }
    while (wakes.peekKey() === t) markDirty(wakes.pop());
    settle();
  }
  observer.checkpoint?.(nowMs, holdings);
  return { requests: nextId, endMs: nowMs, stalledClosedLoop: stalled.length };
}
