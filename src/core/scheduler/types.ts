// Shared vocabulary of the scheduler: requests, dispatches, pick results, policies.
import type { Ms } from '../units';
import type { BatchingConfig } from '../batching/batch-plan';
import type { DropReason as MetricsDropReason } from '../metrics/events';
import type { LaneMode, OverflowPolicy } from '../experiment/schema';

/** A request waiting for the GPU. Tenants are identified by their index in the experiment. */
export interface SchedRequest {
  /** Unique per run, ascending in arrival order. */
  readonly id: number;
  /** Index of the owning tenant (0-based). */
  readonly tenant: number;
  /** Scheduled arrival (LoadGen counts latency from here), ms. */
  readonly arrivalMs: Ms;
  /** arrivalMs + the tenant's SLO, ms. */
  readonly deadlineMs: Ms;
}

/** One slice handed to a lane: a batch of requests of ONE tenant, or one layer block of it. */
export interface Dispatch {
  readonly kind: 'dispatch';
  readonly tenant: number;
  /** The batch, oldest first. The same array travels with every block of the batch. */
  readonly requests: readonly SchedRequest[];
  readonly laneId: number;
  /** Which layer block this slice runs, 0-based; `blocks` = 1 for a whole inference. */
  readonly block: number;
  readonly blocks: number;
}

/** Nothing may run now, but a tenant's batching delay ends at `untilMs`: ask again then. */
export interface WaitHint {
  readonly kind: 'wait';
  readonly untilMs: Ms;
}

/** What `pick` answers: run this, wait until then, or undefined when no work is queued. */
export type PickResult = Dispatch | WaitHint | undefined;

/**
 * Order among tenants with a ready batch:
 * - fcfs: oldest head request first;
 * - round-robin: tenants take turns, one batch each;
 * - weighted-fair: weighted fair sharing of measured GPU time (start-time fair queueing:
 *   least virtual time = charged service / weight first);
 * - edf: earliest head deadline (arrival + SLO) first;
 * - priority: strict priority by rank (0 = real-time first), FCFS within a rank.
 */
export type PolicyKind = 'fcfs' | 'round-robin' | 'weighted-fair' | 'edf' | 'priority';

/** 'slo-aware' drops a request that can no longer meet its SLO (reason 'slo-unreachable'). */
export type AdmissionKind = 'none' | 'slo-aware';

/** Why the scheduler gives a request up (the metrics' reasons, less lane failures). */
export type DropReason = Exclude<MetricsDropReason, 'lane-error'>;

/** Per-tenant scheduling parameters. */
export interface TenantSchedConfig {
  /** Latency objective, ms; deadline = arrival + sloMs. */
  readonly sloMs: Ms;
  /** Share weight for weighted-fair (> 0). */
  readonly weight: number;
  /** Strict-priority rank: lower runs first (0 = real-time, 1 = best-effort). */
  readonly priorityRank: number;
  /** Most requests waiting in the queue (Infinity = unbounded). */
  readonly queueLimit: number;
  /** Which request a full queue gives up: the arriving one, or the oldest waiting one. */
  readonly overflow: OverflowPolicy;
  readonly batching: BatchingConfig;
}

/** Receives every request the scheduler gives up, with why and when. */
export type DropListener = (request: SchedRequest, reason: DropReason, nowMs: Ms) => void;

/** Predicted service time of a batch of `batch` requests of `tenant`, ms (the simulator uses its model's median). */
export type ServiceEstimator = (tenant: number, batch: number) => Ms;

/** Everything a scheduler is built from. */
export interface SchedulerOptions {
  readonly policy: PolicyKind;
  readonly admission: AdmissionKind;
  /**
   * time-sliced: lanes are shared by all tenants and the policy picks each slice;
   * concurrent: lane i serves only tenant i, FCFS.
   */
  readonly laneMode: LaneMode;
  /** Layer blocks per inference (1 = whole inference; K > 1 = pick per block). */
  readonly blocks: number;
  readonly tenants: readonly TenantSchedConfig[];
  readonly estimateServiceMs: ServiceEstimator;
  readonly onDrop: DropListener;
  /**
   * Layer blocks: a batch's next block may be picked while its previous block is still on the lane
   * (it follows that block on the same lane, with no round trip between them). The loop sets it at
   * dispatch depth >= 2, where slices are committed ahead anyway. Default false: one block of a
   * tenant at a time (a waiting urgent request waits at most one block).
   */
  readonly commitAhead?: boolean;
}

/** The scheduler that the event loop (src/core/loop) drives, in the simulator and in the live engine. */
export interface Scheduler {
  /** A request arrived (or was released) at nowMs. It may be dropped at once (queue full, SLO). */
  enqueue(request: SchedRequest, nowMs: Ms): void;
  /** The next slice for an idle lane (concurrent mode: lane i = tenant i). */
  pick(nowMs: Ms, laneId: number): PickResult;
  /** A slice finished after `serviceMs` of lane time; charges it for fair sharing. */
  onComplete(dispatch: Dispatch, serviceMs: Ms, nowMs: Ms): void;
  /**
   * A slice failed (its lane died), or its batch is given up after it (Stop): the batch gets no later
   * block, and the tenant can be picked again. Nothing is charged; the caller accounts for the batch's requests.
   */
  onAbort(dispatch: Dispatch, nowMs: Ms): void;
  /**
   * Stop: gives up every queued request (reason `stopped`, through the drop listener) and returns, per
   * tenant that had one, the layer-blocked batch with blocks not yet dispatched (cleared here: none of
   * them will be picked; the caller accounts for its requests). Blocks already dispatched are left alone
   * (some may still be on the lane).
   */
  cancelAll(nowMs: Ms): readonly (readonly SchedRequest[])[];
  /** Requests waiting (not yet dispatched) for one tenant, or all tenants. */
  queuedCount(tenant?: number): number;
}
