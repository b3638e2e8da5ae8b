// Measurement windows over completed requests: per-window figures for the stability rule, and the figures of the settled windows.
import { nearestRank } from '../metrics/sample-stats';

/** What a window needs of a completed request (a RequestEvent has these fields). */
export interface Completion {
  readonly tenant: string;
  /** Completion instant, ms from the start of the run. */
  readonly endMs: number;
  /** Latency from the scheduled arrival, ms. */
  readonly latencyMs: number;
  /** GPU time of its batch, ms; null when not measured. */
  readonly gpuMs: number | null;
}

/** Windows of `windowMs` from `startMs`: window k is [startMs + k * windowMs, startMs + (k + 1) * windowMs). */
export interface WindowGrid {
  readonly startMs: number;
  readonly windowMs: number;
}

/** Index of the window holding instant `ms`, or -1 before the first. */
export function windowIndex(grid: WindowGrid, ms: number): number {
  return ms < grid.startMs ? -1 : Math.floor((ms - grid.startMs) / grid.windowMs);
}

/** A tenant's figures over some windows. */
export interface WindowedFigures {
  readonly completed: number;
  readonly throughputPerSec: number;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly gpuMs: number | null;
}

/**
 * Every tenant's figures over windows [from, to) of the grid, in `tenants` order. Throughput counts
 * completions in those windows (a window with none gives 0 and a null p50).
 */
export function figuresOver(completions: readonly Completion[], tenants: readonly string[], grid: WindowGrid, from: number, to: number): WindowedFigures[] {
  const spanSec = ((to - from) * grid.windowMs) / 1000;
  return tenants.map((tenant) => {
    const latencies: number[] = [];
    const gpu: number[] = [];
    for (const c of completions) {
      if (c.tenant !== tenant) continue;
      const k = windowIndex(grid, c.endMs);
      if (k < from || k >= to) continue;
      latencies.push(c.latencyMs);
      if (c.gpuMs !== null) gpu.push(c.gpuMs);
    }
    return {
      completed: latencies.length,
      throughputPerSec: spanSec > 0 ? latencies.length / spanSec : 0,
      p50Ms: nearestRank(latencies, 0.5),
      p99Ms: nearestRank(latencies, 0.99),
      gpuMs: nearestRank(gpu, 0.5),
    };
  });
}

/** The figures the stability rule watches for window k: each tenant's throughput and p50, flattened. */
export function stabilityFigures(completions: readonly Completion[], tenants: readonly string[], grid: WindowGrid, k: number): number[] {
  return figuresOver(completions, tenants, grid, k, k + 1).flatMap((f) => [f.throughputPerSec, f.p50Ms ?? NaN]);
}
