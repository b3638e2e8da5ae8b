// Quantiles of a sliding window with removals: log buckets (1% relative error) counted in a Fenwick tree.
import { invariant } from '../assert';
import { DEFAULT_RELATIVE_ACCURACY } from './digest';

/** Smallest value told apart from 0; smaller ones count as 0 (ms: one nanosecond). */
const MIN_VALUE = 1e-6;
/** Largest value told apart; larger ones count as this (ms: about 4 months). */
const MAX_VALUE = 1e10;

/**
 * A multiset of non-negative values with `add`, `remove` and nearest-rank quantiles, each O(log B)
 * for B buckets (about 1900 at 1%), whatever the number of values: a chart's trailing window over a
 * million requests costs the same per point as one over ten. Each value is kept as its log bucket, so
 * a quantile is within `relativeAccuracy` of the exact nearest-rank value (the same bound as
 * {@link Digest}); values at or below 1e-6 count as 0, values above 1e10 as 1e10.
 */
export class WindowQuantiles {
  private readonly gamma: number;
  private readonly logGamma: number;
  private readonly buckets: number;
  /** Fenwick tree over bucket counts, 1-based. */
  private readonly tree: Float64Array;
  private readonly top: number;
  private total = 0;

  constructor(readonly relativeAccuracy: number = DEFAULT_RELATIVE_ACCURACY) {
    invariant(relativeAccuracy > 0 && relativeAccuracy < 1, 'relative accuracy in (0, 1)');
    this.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.logGamma = Math.log(this.gamma);
    // Bucket 0 holds the zeros; bucket k >= 1 holds (MIN_VALUE * gamma^(k-1), MIN_VALUE * gamma^k].
    this.buckets = Math.ceil(Math.log(MAX_VALUE / MIN_VALUE) / this.logGamma) + 1;
    this.tree = new Float64Array(this.buckets + 1);
    let top = 1;
    while (top * 2 <= this.buckets) top *= 2;
    this.top = top;
  }

  /** Values in the window. */
  get count(): number {
    return this.total;
  }

  /** Adds one value (finite, >= 0). */
  add(value: number): void {
    this.update(this.bucketOf(value), 1);
  }

  /** Removes one value added before (the same number; its bucket loses one count). */
  remove(value: number): void {
    this.update(this.bucketOf(value), -1);
  }

  /** The nearest-rank q-quantile (q in [0, 1]) within the relative accuracy; null when empty. */
  quantile(q: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.min(this.total, Math.max(1, Math.ceil(q * this.total)));
    // Fenwick descent: the largest position whose prefix count is below `rank`, then the next bucket.
    let pos = 0;
    let below = 0;
    for (let step = this.top; step > 0; step >>= 1) {
      const next = pos + step;
      if (next <= this.buckets && below + (this.tree[next] ?? 0) < rank) {
        pos = next;
        below += this.tree[next] ?? 0;
      }
    }
    const bucket = pos; // 0-based bucket index = 1-based position - 1 = pos
    return bucket === 0 ? 0 : (MIN_VALUE * Math.pow(this.gamma, bucket - 1) * 2 * this.gamma) / (1 + this.gamma);
  }

  private bucketOf(value: number): number {
    if (!(Number.isFinite(value) && value >= 0)) invariant(false, `window value finite and >= 0 (got ${String(value)})`);
    if (value <= MIN_VALUE) return 0;
    const k = Math.ceil(Math.log(Math.min(value, MAX_VALUE) / MIN_VALUE) / this.logGamma);
    return Math.min(this.buckets - 1, Math.max(1, k));
  }

  private update(bucket: number, delta: number): void {
    this.total += delta;
    invariant(this.total >= 0, 'window count >= 0 (a value removed that was never added)');
    for (let i = bucket + 1; i <= this.buckets; i += i & -i) this.tree[i] = (this.tree[i] ?? 0) + delta;
  }
}
