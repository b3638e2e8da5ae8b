// Closed-loop arrivals: N requests outstanding, each completion or drop issues the next one at once.
import { invariant } from '../assert';
import { ms, type Ms } from '../units';
import type { ClosedLoopSource } from './source';

/**
 * A closed loop keeping `outstanding` (integer >= 1) requests in flight, as Triton
 * perf_analyzer's concurrency mode and LoadGen's MultiStream do. No think time.
 */
export function closedLoopArrivals(outstanding: number, endMs: Ms): ClosedLoopSource {
  invariant(Number.isInteger(outstanding) && outstanding >= 1, 'outstanding is an integer >= 1');
  let started = false;
  let lastDoneMs = -Infinity;
  return {
    mode: 'closed',
    outstanding,
    start: () => {
      invariant(!started, 'closed-loop start() called once');
      started = true;
      return endMs > 0 ? new Array<Ms>(outstanding).fill(ms(0)) : [];
    },
    onDone: (atMs) => {
      invariant(started, 'closed-loop onDone() after start()');
      invariant(atMs >= lastDoneMs, 'closed-loop completions in time order');
      lastDoneMs = atMs;
      return atMs < endMs ? atMs : undefined;
    },
  };
}
