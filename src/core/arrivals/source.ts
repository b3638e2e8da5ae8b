// The interface every arrival process implements: open loop (time-driven) or closed loop (completion-driven).
import type { Ms } from '../units';

/**
 * An open-loop process: scheduled arrival instants, ms from the start of the run,
 * non-decreasing, all before the run's end. `next()` gives undefined once the run's end
 * is reached and forever after.
 */
export interface OpenLoopSource {
  readonly mode: 'open';
  next(): Ms | undefined;
}

/**
 * A closed loop with `outstanding` requests in flight: `start()` (call once) gives the
 * initial arrivals (all at 0 ms); `onDone(atMs)` is called when one of its requests
 * completes or is dropped and gives the next arrival (at `atMs`), or undefined when
 * `atMs` is at or past the run's end.
 */
export interface ClosedLoopSource {
  readonly mode: 'closed';
  readonly outstanding: number;
  start(): readonly Ms[];
  onDone(atMs: Ms): Ms | undefined;
}

/** A tenant's arrivals. Switch on `mode`. */
export type ArrivalSource = OpenLoopSource | ClosedLoopSource;
