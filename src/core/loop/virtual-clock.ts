// A virtual clock: the simulator's timer port. Time jumps from one due timer to the next; nothing waits.
import { invariant } from '../assert';
import { IndexedHeap } from '../scheduler/indexed-heap';
import type { Ms } from '../units';
import type { LoopTimer, TimerPort } from './timer-port';

/**
 * Timers on simulated time. `run()` fires due timers in time order (ties: creation order) until none
 * is left; a callback may schedule more. Deterministic: no real time is read and nothing is awaited.
 */
export class VirtualClock implements TimerPort {
  private nowMs = 0;
  private heap: IndexedHeap;
  private readonly fires: (() => void)[] = [];

  /** `capacity`: expected number of timers (the heap grows past it). */
  constructor(capacity = 8) {
    this.heap = new IndexedHeap(Math.max(1, capacity));
  }

  now(): Ms {
    return this.nowMs as Ms;
  }

  createTimer(fire: () => void): LoopTimer {
    const id = this.fires.length;
    this.fires.push(fire);
    if (id >= this.heap.capacity) this.grow();
    return {
      schedule: (atMs: Ms) => {
        if (!(atMs >= this.nowMs)) invariant(false, `timer scheduled at ${String(atMs)} ms, before now (${String(this.nowMs)} ms)`);
        this.heap.set(id, atMs);
      },
      cancel: () => this.heap.remove(id),
    };
  }

  /** Instant of the next due timer, ms (Infinity when none is pending). */
  nextMs(): number {
    return this.heap.peekKey();
  }

  /**
   * Fires every timer in order until none is pending. `beforeInstant(t)` is called before the first
   * timer of each new instant t (the clock still reads the previous instant).
   */
  run(beforeInstant?: (atMs: Ms) => void): void {
    for (let t = this.heap.peekKey(); t !== Infinity; t = this.heap.peekKey()) {
      if (t !== this.nowMs) beforeInstant?.(t as Ms);
      this.nowMs = t;
      const id = this.heap.pop();
      (this.fires[id] as () => void)();
    }
  }

  private grow(): void {
    const next = new IndexedHeap(this.heap.capacity * 2);
    while (this.heap.size > 0) {
      const key = this.heap.peekKey();
      next.set(this.heap.pop(), key);
    }
    this.heap = next;
  }
}
