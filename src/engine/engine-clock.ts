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

/** What {@link taskTimers} needs from its host: timers and a message channel (a worker's own, or fakes in tests). */
export interface TimerHost {
  setTimeout(fire: () => void, delayMs: number): unknown;
  clearTimeout(id: unknown): void;
  /** A channel whose port1 receives, as a new task each, what port2 posts. */
  createChannel(): { port1: { onmessage: ((event: { data: unknown }) => void) | null }; port2: { postMessage(data: unknown): void } };
}

/**
 * One-shot timers that are never early and never clamped. A timer due now is a message on a
 * MessageChannel (a new task, at once); a later one waits `Math.ceil(delayMs)` in setTimeout, which
 * takes whole ms (WebIDL `long`: 2.9 becomes 2, so a timer would fire up to 1 ms early), and then
 * posts that message. Every callback so runs in a message task, not a timer task: the timers it sets
 * start at nesting level 1, where setTimeout's clamp (a delay under 4 ms becomes 4 ms past 5 nested
 * levels, https://html.spec.whatwg.org/multipage/timers-and-user-prompts.html#timer-initialisation-steps)
 * never applies, however long a chain of arrivals sets timers from timers.
 */
export function taskTimers(host: TimerHost): EngineClock['setTimer'] {
  let channel: ReturnType<TimerHost['createChannel']> | null = null;
  const due = new Map<number, () => void>();
  let nextId = 0;
  const open = (): ReturnType<TimerHost['createChannel']> => {
    const created = host.createChannel();
    created.port1.onmessage = (event) => {
      const id = event.data as number;
      const fire = due.get(id);
      if (fire === undefined) return; // cancelled meanwhile
      due.delete(id);
      fire();
    };
    return created;
  };
  return (fire, delayMs) => {
    // Made on first use, so that importing this module opens no port (it would keep a Node process alive).
    const port = (channel ??= open()).port2;
    const id = nextId++;
    due.set(id, fire);
    const waitMs = Math.ceil(delayMs);
    if (!(waitMs > 0)) {
      port.postMessage(id);
      return () => void due.delete(id);
    }
    const timeout = host.setTimeout(() => port.postMessage(id), waitMs);
    return () => {
      host.clearTimeout(timeout);
      due.delete(id);
    };
  };
}

const monotonicMs = (): number => performance.now();
const toEpochMs = (ms: number): number => performance.timeOrigin + ms;

/** The real timers of a worker: performance.now(), and {@link taskTimers} on its setTimeout and a MessageChannel. */
export const WORKER_CLOCK: EngineClock = {
  monotonicMs,
  toEpochMs,
  setTimer: taskTimers({
    setTimeout: (fire, delayMs) => setTimeout(fire, delayMs),
    clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
    createChannel: () => new MessageChannel() as unknown as ReturnType<TimerHost['createChannel']>,
  }),
};

/** A worker's plain setTimeout (whole ms, truncated; clamped to 4 ms when nested deep): the timers of old, for bench:runtime's A/B. */
export const TIMEOUT_CLOCK: EngineClock = {
  monotonicMs,
  toEpochMs,
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
