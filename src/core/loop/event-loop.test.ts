// The event loop on timer ports that fire on time (virtual clock) or late (arrival lateness is what the timers cost); layer blocks committed ahead, and Stop.
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

/**
 * One request in K blocks of 10 ms each at dispatch depth `depth`, stopped (cancelQueued) at `stopAtMs`:
 * the blocks that ran, when the next block was handed over relative to the last one's end, and how the request ended.
 */
function blockedStop(blocks: number, depth: number, stopAtMs: number) {
  const clock = new VirtualClock();
  const ran: { block: number; startMs: number; endMs: number }[] = [];
  const handedAtMs: number[] = [];
  let end = '';
  const loop = new EventLoop(
    {
      tenants: [{ sched: { sloMs: ms(1000), weight: 1, priorityRank: 0, queueLimit: 10, overflow: 'drop-newest', batching: NO_BATCHING }, arrivals: traceArrivals([ms(0)], ms(100)) }],
      policy: 'fcfs', admission: 'none', laneMode: 'time-sliced', blocks, dispatchDepth: depth, estimateServiceMs: () => ms(10 * blocks),
    },
    (events) => {
      const executor = new ModelledExecutor(1, clock, 0, () => ms(10), events);
      const start = executor.start.bind(executor);
      executor.start = (d, nowMs) => {
        handedAtMs.push(nowMs);
        start(d, nowMs);
      };
      return executor;
    },
    clock,
    {
      arrived: () => undefined,
      dropped: (_r, reason) => (end = reason),
      started: () => undefined,
      completed: () => (end = 'completed'),
      sliceDone: (d, t) => ran.push({ block: d.block, startMs: t.startMs, endMs: t.endMs }),
    },
  );
  clock.createTimer(() => loop.stop({ cancelQueued: true })).schedule(ms(stopAtMs));
  loop.start();
  clock.run();
  return { blocks: ran.map((r) => r.block), handedAtMs, end, ranUntilMs: ran[ran.length - 1]?.endMs };
}

describe('layer blocks committed ahead, and Stop', () => {
  it.each([
    // depth 1: each block is handed over when the last one ended; depth 2: one block ahead, at once.
    [1, [0, 10, 20, 30]],
    [2, [0, 0, 10, 20]],
    [3, [0, 0, 0, 10]],
  ] as const)('depth %d: 4 blocks handed to the lane at %j ms, run back to back', (depth, handed) => {
    const r = blockedStop(4, depth, 1000);
    expect(r).toEqual({ blocks: [0, 1, 2, 3], handedAtMs: handed, end: 'completed', ranUntilMs: 40 });
  });

  it.each([
    // Stopped while block 0 runs: at depth 1 nothing is committed behind it; at depth 2 block 1 is, and runs.
    [4, 1, 5, { blocks: [0], end: 'stopped', ranUntilMs: 10 }],
    [4, 2, 5, { blocks: [0, 1], end: 'stopped', ranUntilMs: 20 }],
    // The last block was committed already: the batch completes.
    [2, 2, 5, { blocks: [0, 1], end: 'completed', ranUntilMs: 20 }],
    [4, 2, 25, { blocks: [0, 1, 2, 3], end: 'completed', ranUntilMs: 40 }],
  ] as const)('%d blocks, depth %d, stopped at %d ms: the committed block runs, later ones drop: %j', (blocks, depth, stopAtMs, expected) => {
    expect(blockedStop(blocks, depth, stopAtMs)).toMatchObject(expected);
  });
});
