// The event loop's batch accounting: requests running per tenant, the timing of a batch across its layer blocks, and
// which layer-blocked batches still have blocks on a lane (so that a batch is completed or dropped exactly once).
import type { Dispatch, SchedRequest } from '../scheduler/types';
import type { Ms } from '../units';
import type { SliceTiming } from './executor';

/** A batch's last slice ended: how the whole batch ran. */
export interface BatchDone {
  readonly lane: number;
  readonly batch: number;
  /** Its first slice's start and its last slice's end on the lane, ms. */
  readonly startMs: Ms;
  readonly endMs: Ms;
  /** Sum of its slices' service (other tenants' blocks run in between are not its own), ms. */
  readonly serviceMs: Ms;
  /** Sum of its slices' GPU time, when every slice had one. */
  readonly gpuMs: Ms | undefined;
}

/** What became of a slice's batch when the slice ended. */
export type SliceEnd =
  /** Its last block: the batch completed. */
  | { readonly kind: 'completed'; readonly done: BatchDone }
  /** A block before the last; `onLane` of its later blocks are still on the lane. */
  | { readonly kind: 'between'; readonly onLane: number }
  /** The batch was already given up (failed or stopped) while this slice was on the lane. */
  | { readonly kind: 'given-up' };

/**
 * Tracks dispatched batches. A tenant's slices end in order on its one lane, so a batch's timing is
 * summed per tenant. Layer-blocked batches with blocks on a lane are counted per batch (at most lanes x
 * dispatch depth of them); a batch given up while some of its blocks are still on a lane is remembered
 * until those end, so that their ends are not counted again. Nothing here grows with a run's length.
 */
export class BatchTracker {
  /** Requests handed to lanes and not yet completed or dropped, per tenant. */
  readonly running: Float64Array;
  private readonly startMs: Float64Array;
  private readonly serviceMs: Float64Array;
  private readonly gpuMs: Float64Array;
  /** Layer-blocked batches: their slices on a lane now. */
  private readonly onLane = new Map<readonly SchedRequest[], number>();
  /** Layer-blocked batches already accounted for (dropped) while slices of theirs were still on a lane. */
  private readonly givenUp = new Set<readonly SchedRequest[]>();

  constructor(tenants: number) {
    this.running = new Float64Array(tenants);
    this.startMs = new Float64Array(tenants);
    this.serviceMs = new Float64Array(tenants);
    this.gpuMs = new Float64Array(tenants);
  }

  /** A slice was handed to a lane: block 0 starts its batch running. */
  dispatched(d: Dispatch): void {
    if (d.block === 0) this.running[d.tenant] = (this.running[d.tenant] as number) + d.requests.length;
    if (d.blocks > 1) this.onLane.set(d.requests, (this.onLane.get(d.requests) ?? 0) + 1);
  }

  /** Slices of the batch on a lane now (0 for a batch of whole inferences). */
  slicesOnLane(requests: readonly SchedRequest[]): number {
    return this.onLane.get(requests) ?? 0;
  }

  /** Takes one slice of a layer-blocked batch off the lane's count; whether the batch was given up already. */
  private leave(d: Dispatch): boolean {
    if (d.blocks === 1) return false;
    const left = (this.onLane.get(d.requests) ?? 1) - 1;
    if (left > 0) this.onLane.set(d.requests, left);
    else this.onLane.delete(d.requests);
    const givenUp = this.givenUp.has(d.requests);
    if (givenUp && left === 0) this.givenUp.delete(d.requests);
    return givenUp;
  }

  /** A slice ended: sums its timing into its batch and says what became of the batch. */
  sliceDone(d: Dispatch, timing: SliceTiming): SliceEnd {
    if (this.leave(d)) return { kind: 'given-up' };
    const t = d.tenant;
    const gpuMs = timing.gpuMs ?? NaN;
    if (d.block === 0) {
      this.startMs[t] = timing.startMs;
      this.serviceMs[t] = timing.serviceMs;
      this.gpuMs[t] = gpuMs;
    } else {
      this.serviceMs[t] = (this.serviceMs[t] as number) + timing.serviceMs;
      this.gpuMs[t] = (this.gpuMs[t] as number) + gpuMs;
    }
    if (d.block < d.blocks - 1) return { kind: 'between', onLane: this.slicesOnLane(d.requests) };
    this.running[t] = (this.running[t] as number) - d.requests.length;
    const batchGpuMs = this.gpuMs[t];
    return {
      kind: 'completed',
      done: {
        lane: d.laneId,
        batch: d.requests.length,
        startMs: this.startMs[t] as Ms,
        endMs: timing.endMs,
        serviceMs: this.serviceMs[t] as Ms,
        gpuMs: Number.isNaN(batchGpuMs) ? undefined : (batchGpuMs as Ms),
      },
    };
  }

  /** A slice failed; false when its batch was given up already (its requests are accounted for). */
  sliceFailed(d: Dispatch): boolean {
    return !this.leave(d);
  }

  /**
   * The batch is dropped now (a failed slice, or Stop): it no longer runs. Slices of it still on a lane
   * will end as given up.
   */
  drop(requests: readonly SchedRequest[]): void {
    const t = requests[0]?.tenant;
    if (t === undefined) return;
    this.running[t] = (this.running[t] as number) - requests.length;
    if (this.slicesOnLane(requests) > 0) this.givenUp.add(requests);
  }

  /** Whether any request is running (dispatched, not completed or dropped). */
  anyRunning(): boolean {
    for (const r of this.running) if (r > 0) return true;
    return false;
  }

  /** Batches between blocks with slices on a lane, and given-up batches waiting for theirs: bounded by lanes x depth. */
  retained(): { readonly onLane: number; readonly givenUp: number } {
    return { onLane: this.onLane.size, givenUp: this.givenUp.size };
  }
}
