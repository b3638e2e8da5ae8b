// The Executor port of the event loop: runs slices on lanes and reports each one back exactly once.
import type { Dispatch } from '../scheduler/types';
import type { Ms } from '../units';

/** How one slice ran, ms on the loop's clock. */
export interface SliceTiming {
  /** When the lane began running it (after any slice ahead of it on the lane). */
  readonly startMs: Ms;
  /** When the lane finished it. */
  readonly endMs: Ms;
  /** Lane time charged to it (wall clock live; the modelled span in the simulator). */
  readonly serviceMs: Ms;
  /** Measured GPU time, when known. */
  readonly gpuMs?: Ms;
}

/** What an executor tells the loop. Every started slice ends in exactly one `sliceDone` or `sliceFailed`. */
export interface ExecutorEvents {
  sliceDone(dispatch: Dispatch, timing: SliceTiming): void;
  /** The slice failed (its lane died, or the tensor between its batch's blocks was lost); its batch fails. */
  sliceFailed(dispatch: Dispatch, reason: string): void;
  /** A lane that was not ready (being rebuilt) can take slices again. */
  laneReady(lane: number): void;
}

/**
 * Runs slices on lanes: the simulator's modelled lanes, or the live engine's lane workers. The loop
 * keeps each lane at most `dispatchDepth` slices deep; a lane runs its slices one after another.
 */
export interface Executor {
  readonly laneCount: number;
  /** Whether the lane takes slices now (false while a live lane is being rebuilt). */
  ready(lane: number): boolean;
  /** Whether the executor has work of its own in progress (a lane being rebuilt): the run is not over. */
  busy(): boolean;
  start(dispatch: Dispatch, nowMs: Ms): void;
}

/** Builds the executor of a loop, given the loop's events (the loop and its executor refer to each other). */
export type ExecutorFactory<E extends Executor = Executor> = (events: ExecutorEvents) => E;
