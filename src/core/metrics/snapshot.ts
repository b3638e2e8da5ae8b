// The frozen, JSON-serialisable metrics snapshot that the UI, the CLI and reports read.
import type { DistributionSummary } from './digest';
import type { DropReason } from './events';
import type { LedgerCounts } from './ledger';

/** Where GPU-time shares come from: measured GPU time of every batch, or lane service time as a stand-in. */
export type GpuTimeSource = 'gpu-timestamps' | 'service-time';

/** Counts over measured requests only (scheduled arrival at or after the end of warm-up). */
export interface MeasuredCounts {
  readonly arrivals: number;
  readonly completed: number;
  /** Completed with latency (from scheduled arrival) <= the tenant's SLO. */
  readonly completedWithinSlo: number;
  readonly dropped: number;
  readonly droppedByReason: Readonly<Record<DropReason, number>>;
}

/** Metrics of one tenant, or of all tenants together (`id` = 'overall'). */
export interface TenantMetrics {
  readonly id: string;
  /** Every request including warm-up, at the snapshot instant; always balanced. */
  readonly ledger: LedgerCounts;
  readonly measured: MeasuredCounts;
  /** End-to-end latency from the scheduled arrival, ms. */
  readonly latencyMs: DistributionSummary;
  /** Latency minus service time: waiting for a lane (and between layer blocks), ms. */
  readonly queueMs: DistributionSummary;
  /** From dispatch to completion, ms. */
  readonly serviceMs: DistributionSummary;
  /** Latency / solo latency of the model at the same batch size; null without a solo profile. */
  readonly slowdown: DistributionSummary | null;
  /** Completions per second over the trailing window. */
  readonly throughputPerSec: number;
  /** Completions within SLO per second over the trailing window. */
  readonly goodputPerSec: number;
  /** Completions per second over the whole measured period so far. */
  readonly meanThroughputPerSec: number;
  /** Completions within SLO per second over the whole measured period so far. */
  readonly meanGoodputPerSec: number;
  /**
   * completedWithinSlo / (completed + dropped) over measured requests, less those cancelled by Stop
   * (reason `stopped`); requests still queued or running are not counted yet. Null before any measured request has finished or been dropped.
   */
  readonly sloSatisfaction: number | null;
  /** GPU time charged to this tenant (each request: its batch's time / batch size, from `gpuTimeSource`), ms. */
  readonly gpuMs: number;
  /** This tenant's fraction of all charged GPU time; null while none is charged. */
  readonly gpuShare: number | null;
  /**
   * Mean requests per slice over measured completions (the harmonic mean of their batch sizes: a batch
   * of b adds b requests and one slice); null before any. Absent from run files written before it.
   */
  readonly meanBatch: number | null;
}

/** Everything at one instant. Plain data: deep-frozen, JSON-serialisable (null, never NaN/Infinity). */
export interface MetricsSnapshot {
  readonly atMs: number;
  readonly warmupMs: number;
  /** Measured time so far: max(0, atMs - warmupMs), ms. */
  readonly measuredMs: number;
  /** Trailing window of the throughput and goodput rates, ms. */
  readonly windowMs: number;
  /** Relative error bound of every quantile. */
  readonly relativeAccuracy: number;
  readonly gpuTimeSource: GpuTimeSource;
  readonly tenants: readonly TenantMetrics[];
  readonly overall: TenantMetrics;
  /**
   * Jain's index over weight-normalised GPU shares, x_i = share_i / (weight_i / sum of weights):
   * 1 when every tenant gets GPU time in proportion to its weight. Null while no GPU time is charged.
   */
  readonly jainFairness: number | null;
}

/** Freezes a plain-data object graph in place and returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
