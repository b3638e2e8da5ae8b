// The event loop's ports besides the executor: its config, the observer of every request, and what it holds per tenant.
import type { ArrivalSource } from '../arrivals/source';
import type { LaneMode } from '../experiment/schema';
import type { DropFrom, DropReason } from '../metrics/events';
import type { AdmissionKind, Dispatch, PolicyKind, SchedRequest, ServiceEstimator, TenantSchedConfig } from '../scheduler/types';
import type { Ms } from '../units';
import type { BatchDone } from './batch-tracker';
import type { SliceTiming } from './executor';

/** One tenant as the loop runs it. */
export interface LoopTenant {
  readonly sched: TenantSchedConfig;
  readonly arrivals: ArrivalSource;
}

/** Scheduler settings and tenants, already resolved from an experiment. */
export interface LoopConfig {
  readonly tenants: readonly LoopTenant[];
  readonly policy: PolicyKind;
  readonly admission: AdmissionKind;
  readonly laneMode: LaneMode;
  /** Layer blocks per inference (1 = whole inference). */
  readonly blocks: number;
  /** Slices committed to a lane ahead of completion (>= 1). */
  readonly dispatchDepth: number;
  /** Predicted service of a whole batch, ms (batching and admission decide on it). */
  readonly estimateServiceMs: ServiceEstimator;
}

/** What the loop reports about every request; the metrics recorder and ledger sit behind it. */
export interface LoopObserver {
  arrived(request: SchedRequest): void;
  dropped(request: SchedRequest, reason: DropReason, from: DropFrom, nowMs: Ms): void;
  /** A batch's first slice was handed to a lane (its requests leave the queue). */
  started(dispatch: Dispatch, nowMs: Ms): void;
  /** Each slice as it ended (live: the GPU timeline). */
  sliceDone?(dispatch: Dispatch, timing: SliceTiming): void;
  /** A slice failed and its batch with it (once per batch: a block committed behind it fails silently). */
  sliceFailed?(dispatch: Dispatch, reason: string, nowMs: Ms): void;
  /** The request's batch completed; the loop learnt of it at `nowMs`. */
  completed(request: SchedRequest, done: BatchDone, nowMs: Ms): void;
  /** Nothing is left: no arrival to come, nothing queued, running or being rebuilt. */
  idle?(): void;
}

/** What the scheduler and lanes hold for a tenant now (for ledger checks). */
export interface LoopHoldings {
  /** Requests waiting in the scheduler's queue. */
  queued(tenant: number): number;
  /** Requests handed to lanes and not completed (layer-blocked batches between blocks included). */
  running(tenant: number): number;
}
