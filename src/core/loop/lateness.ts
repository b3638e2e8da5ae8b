// Arrival lateness (LoadGen, perf_analyzer): how long after its scheduled instant each open-loop arrival was issued.
import { Digest } from '../metrics/digest';

/** A request counts as late past this, ms. */
export const LATE_AFTER_MS = 1;

/** What a run's arrivals looked like: on a virtual clock always on time; live, as late as the timers fired. */
export interface ArrivalLateness {
  /** Open-loop arrivals issued. */
  readonly arrivals: number;
  /** Issued more than LATE_AFTER_MS after their scheduled instant. */
  readonly late: number;
  /** late / arrivals; null before any arrival. */
  readonly lateShare: number | null;
  /** p99 of (issue instant - scheduled instant), ms (relative error 1%); null before any arrival. */
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
}

/** Accumulates lateness in bounded memory: a count, and a sketch of the positive values only (zeros cost nothing). */
export class LatenessTracker {
  private arrivals = 0;
  private late = 0;
  private readonly positive = new Digest();

  /** One open-loop arrival scheduled at `scheduledMs`, issued at `issuedMs`. */
  add(scheduledMs: number, issuedMs: number): void {
    this.arrivals++;
    const lateMs = issuedMs - scheduledMs;
    if (!(lateMs > 0)) return;
    this.positive.add(lateMs);
    if (lateMs > LATE_AFTER_MS) this.late++;
  }

  summary(): ArrivalLateness {
    const n = this.arrivals;
    if (n === 0) return { arrivals: 0, late: 0, lateShare: null, p99Ms: null, maxMs: null };
    const positives = this.positive.count;
    // The overall p99 is 0 unless more than 1% of arrivals were late at all; then it is the positives'
    // quantile at the rank the overall p99 falls on among them.
    const zeros = n - positives;
    const rank = 0.99 * n;
    const p99Ms = positives === 0 || rank <= zeros ? 0 : (this.positive.quantile((rank - zeros) / positives) ?? 0);
    return { arrivals: n, late: this.late, lateShare: this.late / n, p99Ms, maxMs: positives === 0 ? 0 : this.positive.summary().max };
  }
}
