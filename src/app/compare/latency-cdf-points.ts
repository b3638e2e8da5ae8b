// Compare's latency CDFs from the measured latencies themselves: a bounded, seeded sample per variant and tenant, drawn as every sample or as quantiles.
import type { CdfPoint } from './compare-stats';

/** Up to this many latencies a CDF has a point per sample; past it, {@link CDF_QUANTILES} + 1 quantile points. */
export const CDF_SAMPLE_LIMIT = 256;
/** Quantile steps of a CDF drawn from more than CDF_SAMPLE_LIMIT latencies: points at fractions 0, 1/256, ..., 1. */
export const CDF_QUANTILES = 256;
/** Most points one CDF has (what a comparison file allows). */
export const CDF_MAX_POINTS = Math.max(CDF_SAMPLE_LIMIT, CDF_QUANTILES + 1);
/** Latencies kept per variant and tenant (all repeats pooled); past it a uniform random sample of this size (reservoir). */
export const LATENCY_SAMPLE_CAP = 20_000;

/**
 * A uniform sample of at most `cap` latencies (Vitter's algorithm R on a seeded xorshift32, so a
 * comparison run twice on the same events keeps the same sample): every latency while fewer than
 * `cap` have come, so memory stays at `cap` numbers whatever the runs' length.
 */
export class LatencySample {
  private readonly values: number[] = [];
  private seen = 0;
  private state: number;

  constructor(
    private readonly cap = LATENCY_SAMPLE_CAP,
    seed = 0x9e3779b9,
  ) {
    this.state = seed >>> 0 || 1;
  }

  /** Latencies offered so far (kept or not). */
  get count(): number {
    return this.seen;
  }

  private random(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x1_0000_0000;
  }

  add(latencyMs: number): void {
    if (!Number.isFinite(latencyMs) || latencyMs < 0) return;
    this.seen++;
    if (this.values.length < this.cap) {
      this.values.push(latencyMs);
      return;
    }
    const k = Math.floor(this.random() * this.seen);
    if (k < this.cap) this.values[k] = latencyMs;
  }

  /** The kept latencies, ascending (a copy). */
  sorted(): Float64Array {
    return Float64Array.from(this.values).sort();
  }
}

/**
 * The empirical CDF of ascending latencies: with at most CDF_SAMPLE_LIMIT of them a point per sample
 * (the i-th at fraction (i + 1) / n), else the latency at each fraction k / CDF_QUANTILES (k = 0..CDF_QUANTILES:
 * the minimum, the nearest-rank quantiles, the maximum). Empty for no latency.
 */
export function empiricalCdf(sortedMs: ArrayLike<number>): CdfPoint[] {
  const n = sortedMs.length;
  const points: CdfPoint[] = [];
  if (n === 0) return points;
  if (n <= CDF_SAMPLE_LIMIT) {
    for (let i = 0; i < n; i++) points.push({ latencyMs: sortedMs[i] as number, fraction: (i + 1) / n });
    return points;
  }
  for (let k = 0; k <= CDF_QUANTILES; k++) {
    const fraction = k / CDF_QUANTILES;
    // Nearest rank: the smallest latency with at least `fraction` of the samples at or under it.
    const rank = Math.max(1, Math.ceil(fraction * n));
    points.push({ latencyMs: sortedMs[rank - 1] as number, fraction });
  }
  return points;
}
