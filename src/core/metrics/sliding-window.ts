// Counts events in a trailing time window, for throughput and goodput rates.
import { invariant } from '../assert';

const INITIAL_CAPACITY = 64;

/**
 * Event instants (ms) kept for `windowMs`; `ratePerSec(nowMs)` = events in (nowMs - windowMs, nowMs]
 * per second of that window, the window clipped to start no earlier than `startMs` (the end of
 * warm-up) so the first second is not under-reported. Instants may arrive slightly out of order.
 * Instants at or before (latest instant - windowMs) are forgotten.
 */
export class SlidingWindow {
  /**
   * The instants, sorted, in times[head..tail) (forgotten ones may linger at the front until the
   * buffer fills); a flat buffer, compacted or doubled when full.
   */
  private times = new Float64Array(INITIAL_CAPACITY);
  private head = 0;
  private tail = 0;

  /**
   * @param windowMs window length in ms (> 0)
   * @param startMs instant before which no event is counted (the measured period's start), ms
   */
  constructor(
    readonly windowMs: number,
    private readonly startMs: number,
  ) {
    invariant(windowMs > 0, 'window length > 0');
  }

  /** Instants the buffer has room for: about twice those in one window at most, whatever the run's length (soak tests check it). */
  get capacity(): number {
    return this.times.length;
  }

  /** Adds one instant: amortised O(1) when instants come (nearly) in order, no allocation. */
  add(atMs: number): void {
    if (this.tail === this.times.length) this.makeRoom();
    const times = this.times;
    // Insert in order; events come (nearly) sorted, so this walks back a step or two at most.
    let i = this.tail;
    while (i > this.head && (times[i - 1] ?? 0) > atMs) i--;
    if (i < this.tail) times.copyWithin(i + 1, i, this.tail);
    times[i] = atMs;
    this.tail++;
  }

  /** Events per second in the window ending at `nowMs`; 0 before any measured time has passed. */
  ratePerSec(nowMs: number): number {
    const from = Math.max(nowMs - this.windowMs, this.startMs);
    const spanMs = nowMs - from;
    if (spanMs <= 0) return 0;
    // Instants already forgotten (see cutoffMs) may still be in the buffer: they count as gone.
    const after = Math.max(from, this.cutoffMs());
    let count = 0;
    for (let i = this.tail - 1; i >= this.head; i--) {
      const t = this.times[i] ?? 0;
      if (t <= after) break;
      if (t <= nowMs) count++;
    }
    return (count * 1000) / spanMs;
  }

  /**
   * Adds every instant `other` still keeps (same window length and start), as if each had been
   * added here: the result keeps exactly the instants after (latest of both - windowMs).
   */
  merge(other: SlidingWindow): void {
    invariant(other.windowMs === this.windowMs && other.startMs === this.startMs, 'merged windows have the same length and start');
    const a = this.times;
    const b = other.times;
    const merged = new Float64Array(Math.max(INITIAL_CAPACITY, this.tail - this.head + other.tail - other.head));
    let i = this.head;
    let j = other.head;
    let k = 0;
    while (i < this.tail || j < other.tail) {
      const x = i < this.tail ? (a[i] ?? 0) : Infinity;
      const y = j < other.tail ? (b[j] ?? 0) : Infinity;
      if (x <= y) i++;
      else j++;
      merged[k++] = Math.min(x, y);
    }
    this.times = merged;
    this.head = 0;
    this.tail = k;
    this.prune();
  }

  /**
   * Instants at or before this are forgotten: the latest instant minus the window. They leave the
   * buffer lazily (see makeRoom), so adding stays a store and an increment.
   */
  private cutoffMs(): number {
    return this.tail > this.head ? (this.times[this.tail - 1] ?? 0) - this.windowMs : -Infinity;
  }

  /** Drops forgotten instants from the front of the buffer (they are sorted). */
  private prune(): void {
    const cutoffMs = this.cutoffMs();
    while (this.head < this.tail && (this.times[this.head] ?? 0) <= cutoffMs) this.head++;
  }

  /** Called when the buffer is full: forgets, then slides the kept instants to the front, or doubles the buffer if over half are kept. */
  private makeRoom(): void {
    this.prune();
    const kept = this.tail - this.head;
    if (kept * 2 <= this.times.length) {
      this.times.copyWithin(0, this.head, this.tail);
    } else {
      const bigger = new Float64Array(this.times.length * 2);
      bigger.set(this.times.subarray(this.head, this.tail));
      this.times = bigger;
    }
    this.head = 0;
    this.tail = kept;
  }
}
