// A latency (or ratio) distribution: DDSketch quantiles with bounded relative error, exact count/mean/min/max.
import { DDSketch } from '@datadog/sketches-js';
import { invariant } from '../assert';
import { minSamplesForQuantile } from './min-samples';

/** Default relative accuracy of the quantile sketches: 1%. */
export const DEFAULT_RELATIVE_ACCURACY = 0.01;

/** One estimated quantile. `value` is null without samples; `valid` once count >= minSamples (LoadGen). */
export interface QuantileEstimate {
  readonly value: number | null;
  readonly valid: boolean;
  readonly minSamples: number;
}

/**
 * Summary of a distribution (plain data). Quantiles come from a DDSketch: for non-negative data the
 * estimate of the q-quantile is within `relativeAccuracy` (relative) of the exact sample quantile,
 * taken as the element at 0-based rank floor(q * (count - 1)) of the sorted samples. `min`, `max`,
 * `mean` and `count` are exact; `max` is valid with one sample.
 */
export interface DistributionSummary {
  readonly count: number;
  readonly mean: number | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly p50: QuantileEstimate;
  readonly p90: QuantileEstimate;
  readonly p95: QuantileEstimate;
  readonly p99: QuantileEstimate;
}

const QUANTILES = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 } as const;
type QuantileName = keyof typeof QUANTILES;
const MIN_SAMPLES: Readonly<Record<QuantileName, number>> = {
  p50: minSamplesForQuantile(QUANTILES.p50),
  p90: minSamplesForQuantile(QUANTILES.p90),
  p95: minSamplesForQuantile(QUANTILES.p95),
  p99: minSamplesForQuantile(QUANTILES.p99),
};

/** Accumulates non-negative values (ms, or a dimensionless ratio) into a quantile sketch. */
export class Digest {
  private readonly sketch: DDSketch;

  /** @param relativeAccuracy relative error bound of the quantiles, in (0, 1); default 0.01. */
  constructor(readonly relativeAccuracy: number = DEFAULT_RELATIVE_ACCURACY) {
    invariant(relativeAccuracy > 0 && relativeAccuracy < 1, 'relative accuracy in (0, 1)');
    this.sketch = new DDSketch({ relativeAccuracy });
  }

  /** Adds one value (finite, >= 0). */
  add(value: number): void {
    // Checked before the message is built: this runs several times per simulated request.
    if (!(Number.isFinite(value) && value >= 0)) invariant(false, `digest value finite and >= 0 (got ${String(value)})`);
    this.sketch.accept(value);
  }

  /**
   * Adds every value of `other` (same relative accuracy): afterwards the quantiles, count, min and
   * max are exactly those of one digest fed both streams; the mean may differ in the last bits
   * (the sums are added, not the values one by one).
   */
  merge(other: Digest): void {
    invariant(other.relativeAccuracy === this.relativeAccuracy, 'merged digests have the same relative accuracy');
    const from = other.sketch;
    const to = this.sketch;
    if (from.count === 0) return;
    // Bin by bin through the store's public add, not DDSketch.merge: in sketches-js 2.1.1 that one
    // sizes the bins wrongly when the other's highest key is 0 (values near 1), see digest.test.ts.
    const { bins, offset } = from.store;
    for (let i = 0; i < bins.length; i++) {
      const binCount = bins[i] ?? 0;
      if (binCount > 0) to.store.add(i + offset, binCount);
    }
    to.zeroCount += from.zeroCount;
    to.count += from.count;
    to.sum += from.sum;
    to.min = Math.min(to.min, from.min);
    to.max = Math.max(to.max, from.max);
  }

  get count(): number {
    return this.sketch.count;
  }

  /** The q-quantile estimate (0 <= q <= 1), clamped to the exact [min, max]; undefined without samples. */
  quantile(q: number): number | undefined {
    if (this.sketch.count === 0) return undefined;
    const estimate = this.sketch.getValueAtQuantile(q);
    return Math.min(this.sketch.max, Math.max(this.sketch.min, estimate));
  }

  summary(): DistributionSummary {
    const { count, sum, min, max } = this.sketch;
    const estimate = (name: QuantileName): QuantileEstimate => ({
      value: this.quantile(QUANTILES[name]) ?? null,
      valid: count >= MIN_SAMPLES[name],
      minSamples: MIN_SAMPLES[name],
    });
    return {
      count,
      mean: count > 0 ? sum / count : null,
      min: count > 0 ? min : null,
      max: count > 0 ? max : null,
      p50: estimate('p50'),
      p90: estimate('p90'),
      p95: estimate('p95'),
      p99: estimate('p99'),
    };
  }
}
