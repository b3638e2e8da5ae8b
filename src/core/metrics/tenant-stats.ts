// Measured statistics of one tenant (or of all tenants together): counts, digests, windows, GPU time.
import { invariant } from '../assert';
import { BatchMean } from './batch-mean';
import { DROP_REASONS, type DropReason } from './events';
import { Digest } from './digest';
import { SlidingWindow } from './sliding-window';
import type { LedgerCounts } from './ledger';
import type { TenantMetrics } from './snapshot';

/** One measured completion, already split into its parts (all ms except the dimensionless slowdown). */
export interface Completion {
  readonly endMs: number;
  readonly latencyMs: number;
  readonly queueMs: number;
  readonly serviceMs: number;
  readonly withinSlo: boolean;
  /** GPU time charged to this request, if measured. */
  readonly gpuChargeMs: number | undefined;
  /** Service time charged to this request (service / batch), the stand-in for GPU time. */
  readonly serviceChargeMs: number;
  readonly slowdown: number | undefined;
  /** Requests served in this request's batch (>= 1). */
  readonly batch: number;
}

/** Accumulates measured requests (warm-up already excluded by the caller). */
export class TenantStats {
  private arrivals = 0;
  private completed = 0;
  private completedWithinSlo = 0;
  private readonly droppedByReason = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<DropReason, number>;
  private readonly latency: Digest;
  private readonly queue: Digest;
  private readonly service: Digest;
  private readonly slowdown: Digest | undefined;
  private readonly throughput: SlidingWindow;
  private readonly goodput: SlidingWindow;
  private readonly batches = new BatchMean();
  /** Sum of measured GPU charges, ms. */
  gpuMs = 0;
  /** Sum of service-time charges, ms. */
  serviceChargeMs = 0;
  /** Completions without a measured GPU time. */
  gpuMissing = 0;

  constructor(options: { windowMs: number; startMs: number; relativeAccuracy: number; trackSlowdown: boolean }) {
    this.latency = new Digest(options.relativeAccuracy);
    this.queue = new Digest(options.relativeAccuracy);
    this.service = new Digest(options.relativeAccuracy);
    this.slowdown = options.trackSlowdown ? new Digest(options.relativeAccuracy) : undefined;
    this.throughput = new SlidingWindow(options.windowMs, options.startMs);
    this.goodput = new SlidingWindow(options.windowMs, options.startMs);
  }

  onArrival(): void {
    this.arrivals++;
  }

  onDrop(reason: DropReason): void {
    this.droppedByReason[reason]++;
  }

  onComplete(c: Completion): void {
    this.completed++;
    this.latency.add(c.latencyMs);
    this.queue.add(c.queueMs);
    this.service.add(c.serviceMs);
    this.throughput.add(c.endMs);
    if (c.withinSlo) {
      this.completedWithinSlo++;
      this.goodput.add(c.endMs);
    }
    if (c.gpuChargeMs === undefined) this.gpuMissing++;
    else this.gpuMs += c.gpuChargeMs;
    this.serviceChargeMs += c.serviceChargeMs;
    if (c.slowdown !== undefined) this.slowdown?.add(c.slowdown);
    this.batches.add(c.batch);
  }

  /**
   * Adds everything `other` measured (built with the same options, or without slowdown tracking),
   * as if its requests had been recorded here too: how the overall statistics are formed from the
   * tenants' at snapshot time instead of feeding every value twice.
   */
  merge(other: TenantStats): void {
    this.arrivals += other.arrivals;
    this.completed += other.completed;
    this.completedWithinSlo += other.completedWithinSlo;
    for (const r of DROP_REASONS) this.droppedByReason[r] += other.droppedByReason[r];
    this.latency.merge(other.latency);
    this.queue.merge(other.queue);
    this.service.merge(other.service);
    if (other.slowdown !== undefined) {
      invariant(this.slowdown !== undefined, 'stats merged into tracks slowdown when the merged ones do');
      this.slowdown.merge(other.slowdown);
    }
    this.throughput.merge(other.throughput);
    this.goodput.merge(other.goodput);
    this.batches.merge(other.batches);
    this.gpuMs += other.gpuMs;
    this.serviceChargeMs += other.serviceChargeMs;
    this.gpuMissing += other.gpuMissing;
  }

  /** Plain-data metrics at `nowMs`; `chargedMs` and `gpuShare` come from the recorder, which sees every tenant. */
  snapshot(id: string, ledger: LedgerCounts, nowMs: number, measuredMs: number, chargedMs: number, gpuShare: number | null): TenantMetrics {
    const dropped = DROP_REASONS.reduce((a, r) => a + this.droppedByReason[r], 0);
    // A request cancelled by Stop neither met nor missed its SLO: the SLO rate leaves it out.
    const finished = this.completed + dropped - this.droppedByReason.stopped;
    const perMeasuredSec = (n: number): number => (measuredMs > 0 ? (n * 1000) / measuredMs : 0);
    return {
      id,
      ledger,
      measured: {
        arrivals: this.arrivals,
        completed: this.completed,
        completedWithinSlo: this.completedWithinSlo,
        dropped,
        droppedByReason: { ...this.droppedByReason },
      },
      latencyMs: this.latency.summary(),
      queueMs: this.queue.summary(),
      serviceMs: this.service.summary(),
      slowdown: this.slowdown?.summary() ?? null,
      throughputPerSec: this.throughput.ratePerSec(nowMs),
      goodputPerSec: this.goodput.ratePerSec(nowMs),
      meanThroughputPerSec: perMeasuredSec(this.completed),
      meanGoodputPerSec: perMeasuredSec(this.completedWithinSlo),
      sloSatisfaction: finished > 0 ? this.completedWithinSlo / finished : null,
      gpuMs: chargedMs,
      gpuShare,
      meanBatch: this.batches.mean,
    };
  }
}
