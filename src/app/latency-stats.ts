// Summary statistics of a set of wall-clock latencies (count, median, p90, min, max, mean); quantiles by nearest rank, the lab's one definition.
import { nearestRank } from '../core/metrics';

/** Latency summary in ms; every field is NaN when `count` is 0. */
export interface LatencyStats {
  readonly count: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly meanMs: number;
}

/** Summarizes latencies in ms (order does not matter). */
export function latencyStats(latenciesMs: readonly number[]): LatencyStats {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const count = sorted.length;
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count,
    medianMs: nearestRank(sorted, 0.5) ?? NaN,
    p90Ms: nearestRank(sorted, 0.9) ?? NaN,
    minMs: count ? (sorted[0] ?? NaN) : NaN,
    maxMs: count ? (sorted[count - 1] ?? NaN) : NaN,
    meanMs: count ? sum / count : NaN,
  };
}
