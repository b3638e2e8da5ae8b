// The live engine's clock and timers: the core loop's timer port on real (or, in tests, fake) timers.
import type { LoopTimer, TimerPort } from '../core/loop';
import type { Ms } from '../core/units';

/** What the engine reads time from and waits on: performance.now() and setTimeout in the worker, a fake clock in tests. */
export interface EngineClock {
  /** A monotonic clock, ms. */
  monotonicMs(): number;
  /** Epoch ms of a monotonic instant (performance.timeOrigin + it in the worker). */
  toEpochMs(monotonicMs: number): number;
  /** Calls `fire` once after `delayMs`; returns a function that cancels it. */
  setTimer(fire: () => void, delayMs: number): () => void;
}

/** The real timers of a worker. */
export const WORKER_CLOCK: EngineClock = {
  monotonicMs: () => performance.now(),
  toEpochMs: (monotonicMs) => performance.timeOrigin + monotonicMs,
  setTimer: (fire, delayMs) => {
    const id = setTimeout(fire, delayMs);
    return () => clearTimeout(id);
  },
};

/**
 * The loop's timer port on `clock`, with instants in ms since `zeroMs` (a monotonic instant: the run's
 * start). What a timer's callback throws goes to `onError` (the run fails with it), not to the worker.
 */
export function engineTimerPort(clock: EngineClock, zeroMs: number, onError: (error: Error) => void): TimerPort {
  // A timer may fire a hair before its instant as the engine computes it (a timer clock apart from
  // performance.now(), float rounding): from a firing on, the loop reads at least that instant, so
  // what was due then is due, and never re-armed for a moment that has already come.
  let floorMs = 0;
  const now = (): Ms => Math.max(floorMs, clock.monotonicMs() - zeroMs) as Ms;
  return {
    now,
    createTimer(fire: () => void): LoopTimer {
      let cancel: (() => void) | null = null;
      let atMs = NaN;
      const clear = (): void => {
        cancel?.();
        cancel = null;
        atMs = NaN;
      };
      return {
        schedule: (at: Ms) => {
          if (cancel !== null && at === atMs) return;
          clear();
          atMs = at;
          cancel = clock.setTimer(() => {
            cancel = null;
            floorMs = Math.max(floorMs, atMs);
            atMs = NaN;
            try {
              fire();
            } catch (error) {
              onError(error instanceof Error ? error : new Error(String(error)));
            }
          }, Math.max(0, at - now()));
        },
        cancel: clear,
      };
    },
  };
}
