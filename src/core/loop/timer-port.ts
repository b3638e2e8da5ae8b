// The timer port of the event loop: a clock and one-shot timers, virtual in the simulator, real in the live engine.
import type { Ms } from '../units';

/** One timer: at most one pending instant; scheduling again moves it. */
export interface LoopTimer {
  /** Fires the timer's callback at `atMs` (at once, as a new task, when `atMs` is not after now). */
  schedule(atMs: Ms): void;
  /** Forgets the pending instant, if any. */
  cancel(): void;
}

/** What the loop and executors read time from and wait on. Instants are ms since the run began. */
export interface TimerPort {
  now(): Ms;
  /** A timer that calls `fire` when due. Timers due at one instant fire in creation order. */
  createTimer(fire: () => void): LoopTimer;
}
