// Summary statistics of a set of wall-clock latencies (count, median, p90, min, max, mean).

/** Latency summary in ms; every field is NaN when `count` is 0. */
export interface LatencyStats {
  readonly count: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

/**
 * Percentile by linear interpolation between closest ranks (numpy's default),
 * over values sorted ascending; `q` in [0, 1].
 */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? NaN;
  const high = sorted[upper] ?? NaN;
  return low + (high - low) * (position - lower);
}

/** Summarizes latencies in ms (order does not matter). */
export function latencyStats(latenciesMs: readonly number[]): LatencyStats {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const count = sorted.length;
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count,
    medianMs: percentile(sorted, 0.5),
    p90Ms: percentile(sorted, 0.9),
    minMs: count ? (sorted[0] ?? NaN) : NaN,
    maxMs: count ? (sorted[count - 1] ?? NaN) : NaN,
    meanMs: count ? sum / count : NaN,
  };
}
