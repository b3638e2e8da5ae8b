// Counts events in a trailing time window, for throughput and goodput rates.
import { invariant } from '../assert';

/**
 * Event instants (ms) kept for `windowMs`; `ratePerSec(nowMs)` = events in (nowMs - windowMs, nowMs]
 * per second of that window, the window clipped to start no earlier than `startMs` (the end of
 * warm-up) so the first second is not under-reported. Instants may arrive slightly out of order.
 */
export class SlidingWindow {
  private times: number[] = [];
  private head = 0;

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

  add(atMs: number): void {
    // Insert in order; events come (nearly) sorted, so this walks back a step or two at most,
    // and most often appends (push, not splice: this runs on every completion).
    const times = this.times;
    let i = times.length;
    while (i > this.head && (times[i - 1] ?? 0) > atMs) i--;
    if (i === times.length) times.push(atMs);
    else times.splice(i, 0, atMs);
    this.prune((times[times.length - 1] ?? atMs) - this.windowMs);
  }

  /** Events per second in the window ending at `nowMs`; 0 before any measured time has passed. */
  ratePerSec(nowMs: number): number {
    const from = Math.max(nowMs - this.windowMs, this.startMs);
    const spanMs = nowMs - from;
    if (spanMs <= 0) return 0;
    let count = 0;
    for (let i = this.times.length - 1; i >= this.head; i--) {
      const t = this.times[i] ?? 0;
      if (t <= from) break;
      if (t <= nowMs) count++;
    }
    return (count * 1000) / spanMs;
  }

  /** Forgets instants at or before `cutoffMs`, compacting the array now and then. */
  private prune(cutoffMs: number): void {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= cutoffMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}
