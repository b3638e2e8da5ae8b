// The live Executor: slices onto lane workers. Only what is truly live: lane generations, the tensor carried
// between layer blocks, rebuilding a lost lane, wall-clock timing and dispatch gaps.
import { errorMessage, toError } from '../core/error-message';
import { blockBalanceOf, sessionModelOf, type Experiment } from '../core/experiment';
import type { Executor, ExecutorEvents } from '../core/loop';
import { Digest } from '../core/metrics';
import type { Dispatch, SchedRequest } from '../core/scheduler';
import { msOrNull, type Ms } from '../core/units';
import { sessionKey, type DispatchTiming } from '../runtime/lane-protocol';
import type { DispatchGapStats } from './engine-protocol';
import type { LanePool } from './lane-pool';

/** Names a batch's tensor between layer blocks in its lane: the tenant and the batch's first request. */
function carryKey(tenantId: string, requests: readonly SchedRequest[]): string {
  return `${tenantId}#${String(requests[0]?.id)}`;
}


/**
 * A lane that fails this many times in a row, rebuilt after each, with no slice done in between, is not
 * rebuilt again: the run fails naming the lane and the last reason (a model that fails every run would
 * otherwise rebuild its lane forever).
 */
export const MAX_CONSECUTIVE_LANE_FAILURES = 3;

/**
 * Runs the loop's slices on the lanes of a pool. Every slice is reported once: done, or failed. The
 * first failure of a lane fails every slice in flight on it (their answers, if any come, are ignored)
 * and rebuilds the lane (a new worker with every session re-created); a later block of a batch whose
 * earlier blocks ran on the lost lane fails too (the tensor between blocks died with it).
 */
export class LaneExecutor implements Executor {
  readonly laneCount: number;
  private readonly inFlight: Set<Dispatch>[];
  /** Layer-blocked batches between blocks: the lane generation their blocks run on. */
  private readonly blockGeneration = new Map<readonly SchedRequest[], number>();
  private readonly gaps = new Digest();
  /** Slices the lanes took from the shared dispatch ring. */
  private fromRing = 0;
  /** Per lane: failures since its last slice done. */
  private readonly failuresInARow: number[];
  private rebuilding = 0;
  /** Lane whose slice end is being reported right now (-1: none): a slice started meanwhile was waiting. */
  private handlingEndOf = -1;
  /** Per tenant index: what its sessions are named after (sessionModelOf: a zoo id, or a custom model's id with its hash). */
  private readonly sessionModels: readonly string[];

  constructor(
    private readonly experiment: Experiment,
    private readonly pool: LanePool,
    /** Epoch ms of loop time 0 (lane instants are epoch ms). */
    private readonly epochAtZeroMs: number,
    private readonly events: ExecutorEvents,
    /** Called when handling a lane's answer throws (a ledger violation): the run fails with it. */
    private readonly onError: (error: Error) => void,
    /** Write dispatches to the lanes' shared dispatch rings too (EngineOptions.dispatchRing). */
    private readonly viaRing = true,
  ) {
    this.laneCount = pool.slots.length;
    this.inFlight = pool.slots.map(() => new Set<Dispatch>());
    this.failuresInARow = pool.slots.map(() => 0);
    this.sessionModels = experiment.tenants.map((t) => sessionModelOf(experiment, t));
  }

  ready(lane: number): boolean {
    return this.pool.slot(lane).ready;
  }

  busy(): boolean {
    return this.rebuilding > 0;
  }

  /**
   * What the executor holds now: slices in flight (at most lanes x dispatch depth) and batches between
   * layer blocks (at most one per tenant). Neither grows with the length of a run; the soak test checks it.
   */
  retained(): { readonly inFlight: number; readonly betweenBlocks: number } {
    return { inFlight: this.inFlight.reduce((sum, lane) => sum + lane.size, 0), betweenBlocks: this.blockGeneration.size };
  }

  /** Gaps between a slice's end and the next slice's start on the same lane while work was waiting, ms (a sketch: bounded memory). */
  gapStats(): DispatchGapStats {
    const count = this.gaps.count;
    return {
      count,
      medianMs: msOrNull(this.gaps.quantile(0.5)),
      p99Ms: msOrNull(this.gaps.quantile(0.99)),
      maxMs: count === 0 ? null : msOrNull(this.gaps.summary().max),
      fromRing: this.fromRing,
    };
  }

  start(d: Dispatch, _nowMs: Ms): void {
    const slot = this.pool.slot(d.laneId);
    const tenant = this.experiment.tenants[d.tenant];
    if (tenant === undefined) throw new Error(`tenant ${String(d.tenant)} exists`);
    if (d.blocks > 1) {
      if (d.block === 0) this.blockGeneration.set(d.requests, slot.generation);
      else if (this.blockGeneration.get(d.requests) !== slot.generation) {
        this.blockGeneration.delete(d.requests);
        this.events.sliceFailed(d, 'the lane was rebuilt between layer blocks of this batch (the tensor between blocks was lost with it)');
        return;
      }
    }
    const lane = this.inFlight[d.laneId] as Set<Dispatch>;
    // Work was waiting when the lane's previous slice ended if this one queues behind another, or is
    // posted while that end is being reported: then the gap is the dispatch path's cost.
    const backToBack = lane.size > 0 || this.handlingEndOf === d.laneId;
    lane.add(d);
    const key = sessionKey(this.sessionModels[d.tenant] ?? tenant.model, tenant.resolution, { blocks: d.blocks, balance: blockBalanceOf(this.experiment) });
    const slice = d.blocks === 1
      ? slot.client.dispatch(key, d.requests.length, undefined, this.viaRing)
      : slot.client.dispatchBlock(key, d.requests.length, d.block, carryKey(tenant.id, d.requests), undefined, this.viaRing);
    slice.then(
      (timing) => this.guard(() => this.done(d, timing, backToBack)),
      (error: unknown) => this.guard(() => this.failed(d, errorMessage(error))),
    );
  }

  private guard(handle: () => void): void {
    try {
      handle();
    } catch (error) {
      this.onError(toError(error));
    }
  }

  private done(d: Dispatch, timing: DispatchTiming, backToBack: boolean): void {
    if (!(this.inFlight[d.laneId] as Set<Dispatch>).delete(d)) return; // failed with its lane already
    const slot = this.pool.slot(d.laneId);
    if (backToBack && Number.isFinite(slot.lastEndEpochMs)) this.gaps.add(Math.max(0, timing.startEpochMs - slot.lastEndEpochMs));
    slot.lastEndEpochMs = timing.endEpochMs;
    if (timing.fromRing === true) this.fromRing++;
    this.failuresInARow[d.laneId] = 0;
    if (d.block === d.blocks - 1) this.blockGeneration.delete(d.requests);
    this.handlingEndOf = d.laneId;
    try {
      this.events.sliceDone(d, {
        startMs: (timing.startEpochMs - this.epochAtZeroMs) as Ms,
        endMs: (timing.endEpochMs - this.epochAtZeroMs) as Ms,
        serviceMs: timing.serviceMs,
        gpuMs: timing.gpuMs === null ? undefined : (timing.gpuMs),
      });
    } finally {
      this.handlingEndOf = -1;
    }
  }

  /** The first failure on a lane fails everything in flight on it and rebuilds it. */
  private failed(d: Dispatch, reason: string): void {
    const lane = this.inFlight[d.laneId] as Set<Dispatch>;
    if (!lane.has(d)) return;
    const failing = [...lane];
    lane.clear();
    const inARow = (this.failuresInARow[d.laneId] ?? 0) + 1;
    this.failuresInARow[d.laneId] = inARow;
    const givingUp = inARow >= MAX_CONSECUTIVE_LANE_FAILURES;
    // First take the lane out of service (not ready, next generation), so that the loop, told of the
    // failures, dispatches nothing more to the dying worker.
    if (givingUp) this.pool.retire(d.laneId, `retired after ${String(inARow)} failures in a row`);
    else this.rebuild(d.laneId);
    for (const f of failing) {
      this.blockGeneration.delete(f.requests);
      this.events.sliceFailed(f, reason);
    }
    if (givingUp) {
      this.onError(new Error(`lane ${String(d.laneId)} failed ${String(inARow)} times in a row, rebuilt after each, without completing a slice; last: ${reason}`));
    }
  }

  private rebuild(laneId: number): void {
    this.rebuilding++;
    this.pool.rebuild(laneId).then(
      () => {
        this.rebuilding--;
        this.guard(() => this.events.laneReady(laneId));
      },
      (error: unknown) => this.onError(new Error(`lane ${String(laneId)} could not be rebuilt: ${errorMessage(error)}`)),
    );
  }
}
