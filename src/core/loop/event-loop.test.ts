// The event loop on timer ports that fire on time (virtual clock) or late: arrival lateness is what the timers cost.
import { describe, expect, it } from 'vitest';
import { traceArrivals } from '../arrivals/open-loop';
import { NO_BATCHING } from '../batching/batch-plan';
import { ms, type Ms } from '../units';
import { ModelledExecutor } from '../sim/modelled-executor';
import { EventLoop } from './event-loop';
import type { TimerPort } from './timer-port';
import { VirtualClock } from './virtual-clock';

/** A timer port whose timers fire `lateMs` after their instant (a busy browser's setTimeout). */
function lateTimers(clock: VirtualClock, lateMs: number): TimerPort {
  return {
    now: () => clock.now(),
    createTimer: (fire) => {
      const timer = clock.createTimer(fire);
      return { schedule: (atMs: Ms) => timer.schedule((atMs + lateMs) as Ms), cancel: () => timer.cancel() };
    },
  };
}

function run(lateMs: number): ReturnType<EventLoop['arrivalLateness']> {
  const clock = new VirtualClock();
  const loop = new EventLoop(
    {
      tenants: [{ sched: { sloMs: ms(100), weight: 1, priorityRank: 0, queueLimit: 100, overflow: 'drop-newest', batching: NO_BATCHING }, arrivals: traceArrivals([5, 10, 20, 40].map(ms), ms(100)) }],
      policy: 'fcfs', admission: 'none', laneMode: 'time-sliced', blocks: 1, dispatchDepth: 1, estimateServiceMs: () => ms(1),
    },
    (events) => new ModelledExecutor(1, clock, 0, () => ms(1), events),
    lateTimers(clock, lateMs),
    { arrived: () => undefined, dropped: () => undefined, started: () => undefined, completed: () => undefined },
  );
  loop.start();
  clock.run();
  return loop.arrivalLateness();
}

describe('arrival lateness through the loop', () => {
  it.each([
    [0, { arrivals: 4, late: 0, lateShare: 0, p99Ms: 0 }],
    [0.5, { arrivals: 4, late: 0, lateShare: 0 }],
    [3, { arrivals: 4, late: 4, lateShare: 1 }],
  ] as const)('timers %d ms late: %j', (lateMs, expected) => {
    const lateness = run(lateMs);
    expect(lateness).toMatchObject(expected);
    expect(lateness.p99Ms).toBeCloseTo(lateMs, 1);
  });
});
