// Simulated lanes: the Executor of the simulator, with GPU contention between concurrently busy lanes.
import { IndexedHeap } from '../scheduler/indexed-heap';
import type { CompletionListener, Dispatch, Executor } from '../scheduler/types';
import { invariant } from '../assert';
import type { Ms } from '../units';

/** Solo service time of a slice, ms (already divided among layer blocks). */
export type SliceServiceSampler = (dispatch: Dispatch) => Ms;

/**
 * Lanes that run one slice at a time each, with up to `depth` slices committed
 * per lane (the running one plus a FIFO behind it). While k lanes are busy, every
 * running slice progresses at 1 / (1 + contentionPerExtraLane * (k - 1)) of its
 * solo speed, re-evaluated whenever k changes, so a slice that started alone
 * slows down when others join. The measured service time is its wall span.
 */
export class SimLanes implements Executor {
  private readonly finish: IndexedHeap;
  private readonly running: (Dispatch | undefined)[];
  private readonly committed: Dispatch[][];
  private readonly startMs: Float64Array;
  /** Solo work left at `updatedMs`, ms. */
  private readonly remainingMs: Float64Array;
  private readonly updatedMs: Float64Array;
  private readonly busyLanes: number[] = [];
  private factor = 1;

  constructor(
    laneCount: number,
    private readonly depth: number,
    private readonly contentionPerExtraLane: number,
    private readonly sampleSoloMs: SliceServiceSampler,
    private readonly onDone: CompletionListener,
  ) {
    invariant(laneCount >= 1 && depth >= 1, 'at least one lane of depth >= 1');
    this.finish = new IndexedHeap(laneCount);
    this.running = new Array<Dispatch | undefined>(laneCount).fill(undefined);
    this.committed = Array.from({ length: laneCount }, () => []);
    this.startMs = new Float64Array(laneCount);
    this.remainingMs = new Float64Array(laneCount);
    this.updatedMs = new Float64Array(laneCount);
  }

  /** Slices running or committed on the lane. */
  load(laneId: number): number {
    return (this.running[laneId] === undefined ? 0 : 1) + (this.committed[laneId] as Dispatch[]).length;
  }

  /** Whether the lane can take another slice (load below depth). */
  hasRoom(laneId: number): boolean {
    return this.load(laneId) < this.depth;
  }

  /** When the next slice ends, ms (Infinity when all lanes are idle). */
  nextEndMs(): number {
    return this.finish.peekKey();
  }

  start(dispatch: Dispatch, nowMs: Ms): void {
    const lane = dispatch.laneId;
    if (!this.hasRoom(lane)) invariant(false, `lane ${lane} is full`);
    if (this.running[lane] === undefined) this.run(lane, dispatch, nowMs);
    else (this.committed[lane] as Dispatch[]).push(dispatch);
  }

  /** Ends the slice due at `nowMs` (= nextEndMs()), starts the lane's next committed one; returns the lane. */
  completeNext(nowMs: Ms): number {
    const lane = this.finish.pop();
    const dispatch = this.running[lane];
    invariant(dispatch !== undefined, 'a finishing lane runs a slice');
    this.running[lane] = undefined;
    this.busyLanes.splice(this.busyLanes.indexOf(lane), 1);
    this.rescale(nowMs);
    this.onDone(dispatch, (nowMs - (this.startMs[lane] as number)) as Ms, nowMs);
    const next = (this.committed[lane] as Dispatch[]).shift();
    if (next !== undefined) this.run(lane, next, nowMs);
    return lane;
  }

  private run(lane: number, dispatch: Dispatch, nowMs: number): void {
    this.running[lane] = dispatch;
    this.startMs[lane] = nowMs;
    this.remainingMs[lane] = this.sampleSoloMs(dispatch);
    this.updatedMs[lane] = nowMs;
    this.busyLanes.push(lane);
    this.rescale(nowMs);
    this.finish.set(lane, nowMs + (this.remainingMs[lane]) * this.factor);
  }

  /** Brings every running slice's progress up to now and re-times it under the new busy count. */
  private rescale(nowMs: number): void {
    const next = 1 + this.contentionPerExtraLane * Math.max(0, this.busyLanes.length - 1);
    if (next === this.factor) return;
    for (const lane of this.busyLanes) {
      if (!this.finish.has(lane)) continue; // the lane just starting: timed by run()
      const left = (this.remainingMs[lane] as number) - (nowMs - (this.updatedMs[lane] as number)) / this.factor;
      this.remainingMs[lane] = Math.max(0, left);
      this.updatedMs[lane] = nowMs;
      this.finish.set(lane, nowMs + (this.remainingMs[lane]) * next);
    }
    this.factor = next;
  }
}
