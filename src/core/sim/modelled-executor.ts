// The simulator's modelled Executor: lanes with sampled service times and GPU contention, on the loop's timer port.
import { invariant } from '../assert';
import type { Executor, ExecutorEvents } from '../loop/executor';
import type { LoopTimer, TimerPort } from '../loop/timer-port';
import type { Dispatch } from '../scheduler/types';
import type { Ms } from '../units';

/** Solo service time of a slice, ms (already divided among layer blocks). */
export type SliceServiceSampler = (dispatch: Dispatch) => Ms;

/**
 * Lanes that run one slice at a time each; slices committed behind the running one wait in a FIFO
 * (the loop bounds how many). While k lanes are busy, every running slice progresses at
 * 1 / (1 + contentionPerExtraLane * (k - 1)) of its solo speed, re-evaluated whenever k changes,
 * so a slice that started alone slows down when others join. A slice's service is its span on the lane.
 * A batch's next layer block committed behind its current one (dispatch depth >= 2) simply follows it.
 */
export class ModelledExecutor implements Executor {
  private readonly timers: LoopTimer[];
  private readonly running: (Dispatch | undefined)[];
  private readonly committed: Dispatch[][];
  private readonly startMs: Float64Array;
  /** Solo work left at `updatedMs`, ms. */
  private readonly remainingMs: Float64Array;
  private readonly updatedMs: Float64Array;
  private readonly busyLanes: number[] = [];
  /** Layer-blocked batches between blocks: the block that may start next (a batch's blocks run in order on its lane). */
  private readonly nextBlock = new WeakMap<Dispatch['requests'], number>();
  private factor = 1;

  constructor(
    readonly laneCount: number,
    private readonly clock: TimerPort,
    private readonly contentionPerExtraLane: number,
    private readonly sampleSoloMs: SliceServiceSampler,
    private readonly events: ExecutorEvents,
  ) {
    invariant(laneCount >= 1, 'at least one lane');
    this.timers = Array.from({ length: laneCount }, (_, lane) => clock.createTimer(() => this.complete(lane)));
    this.running = new Array<Dispatch | undefined>(laneCount).fill(undefined);
    this.committed = Array.from({ length: laneCount }, () => []);
    this.startMs = new Float64Array(laneCount);
    this.remainingMs = new Float64Array(laneCount);
    this.updatedMs = new Float64Array(laneCount);
  }

  /** Modelled lanes never die. */
  ready(): boolean {
    return true;
  }

  busy(): boolean {
    return false;
  }

  start(dispatch: Dispatch, nowMs: Ms): void {
    const lane = dispatch.laneId;
    if (this.running[lane] === undefined) this.run(lane, dispatch, nowMs);
    else (this.committed[lane] as Dispatch[]).push(dispatch);
  }

  /** Ends the lane's running slice (its timer fired), starts its next committed one, then reports the end. */
  private complete(lane: number): void {
    const nowMs = this.clock.now();
    const dispatch = this.running[lane];
    invariant(dispatch !== undefined, 'a finishing lane runs a slice');
    this.running[lane] = undefined;
    this.busyLanes.splice(this.busyLanes.indexOf(lane), 1);
    this.rescale(nowMs);
    const startMs = this.startMs[lane] as Ms;
    if (dispatch.block < dispatch.blocks - 1) this.nextBlock.set(dispatch.requests, dispatch.block + 1);
    else this.nextBlock.delete(dispatch.requests);
    const next = (this.committed[lane] as Dispatch[]).shift();
    if (next !== undefined) this.run(lane, next, nowMs);
    this.events.sliceDone(dispatch, { startMs, endMs: nowMs, serviceMs: (nowMs - startMs) as Ms });
  }

  private run(lane: number, dispatch: Dispatch, nowMs: number): void {
    if (dispatch.block > 0 && this.nextBlock.get(dispatch.requests) !== dispatch.block) {
      invariant(false, `block ${String(dispatch.block)} of tenant ${String(dispatch.tenant)}'s batch started before block ${String(dispatch.block - 1)} ended on lane ${String(lane)}`);
    }
    this.running[lane] = dispatch;
    this.startMs[lane] = nowMs;
    this.remainingMs[lane] = this.sampleSoloMs(dispatch);
    this.updatedMs[lane] = nowMs;
    this.busyLanes.push(lane);
    this.rescale(nowMs, lane);
    this.setEnd(lane, nowMs + (this.remainingMs[lane]) * this.factor);
  }

  private setEnd(lane: number, atMs: number): void {
    (this.timers[lane] as LoopTimer).schedule(atMs as Ms);
  }

  /** Brings every running slice's progress up to now and re-times it under the new busy count (`starting` is timed by run()). */
  private rescale(nowMs: number, starting = -1): void {
    const next = 1 + this.contentionPerExtraLane * Math.max(0, this.busyLanes.length - 1);
    if (next === this.factor) return;
    for (const lane of this.busyLanes) {
      if (lane === starting) continue;
      const left = (this.remainingMs[lane] as number) - (nowMs - (this.updatedMs[lane] as number)) / this.factor;
      this.remainingMs[lane] = Math.max(0, left);
      this.updatedMs[lane] = nowMs;
      this.setEnd(lane, nowMs + (this.remainingMs[lane]) * next);
    }
    this.factor = next;
  }
}
