// The metrics recorder: consumes request events, keeps the ledger and per-tenant/overall statistics, publishes snapshots.
import { assertUnreachable, invariant } from '../assert';
import { modelKey, type Experiment } from '../experiment/schema';
import type { Ms } from '../units';
import { DEFAULT_RELATIVE_ACCURACY } from './digest';
import type { MetricsEvent } from './events';
import { jainIndex } from './fairness';
import { Ledger } from './ledger';
import { deepFreeze, type GpuTimeSource, type MetricsSnapshot } from './snapshot';
import { soloLatencyAt, soloPointsOf, type SoloProfiles } from './solo-profile';
import { TenantStats } from './tenant-stats';

/** Recorder settings; every field has a default. */
export interface RecorderOptions {
  /** Trailing window of throughput/goodput rates, ms (default 1000). */
  readonly windowMs?: number;
  /** Relative error bound of every quantile (default 0.01). */
  readonly relativeAccuracy?: number;
  /** Solo latency by batch per `modelKey(model, resolution)`, for slowdown (default: none). */
  readonly soloProfiles?: SoloProfiles;
}

/** Slack for float rounding when checking service <= latency, ms. */
const EPSILON_MS = 1e-6;

/**
 * Records every request of an experiment. All requests go through the {@link Ledger} (each event's
 * transition is checked; a violation throws). Requests whose scheduled arrival is before `warmupMs` are
 * excluded from every statistic but still counted in the ledger.
 */
export class MetricsRecorder {
  readonly ledger: Ledger;
  private readonly tenantStats: TenantStats[];
  private readonly sloMs: number[];
  private readonly soloMs: (((batch: number) => Ms | undefined) | undefined)[];
  private readonly windowMs: number;
  private readonly relativeAccuracy: number;

  constructor(
    private readonly experiment: Experiment,
    options: RecorderOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 1000;
    this.relativeAccuracy = options.relativeAccuracy ?? DEFAULT_RELATIVE_ACCURACY;
    this.ledger = new Ledger(experiment.tenants.length);
    this.soloMs = experiment.tenants.map((t) => {
      const points = soloPointsOf(options.soloProfiles, modelKey(t.model, t.resolution));
      return points === undefined ? undefined : (batch: number) => soloLatencyAt(points, batch);
    });
    this.sloMs = experiment.tenants.map((t) => t.sloMs);
    this.tenantStats = this.soloMs.map((solo) => this.newStats(solo !== undefined));
  }

  private newStats(trackSlowdown: boolean): TenantStats {
    return new TenantStats({ windowMs: this.windowMs, startMs: this.experiment.warmupMs, relativeAccuracy: this.relativeAccuracy, trackSlowdown });
  }

  /** Applies one event; throws (LedgerViolation or an invariant error) on an inconsistent event. */
  record(event: MetricsEvent): void {
    // Conditions first, messages only on failure: this runs three or more times per simulated request.
    const stats = this.tenantStats[event.tenant];
    if (stats === undefined) invariant(false, `event for unknown tenant index ${String(event.tenant)}`);
    if (!Number.isFinite(event.arrivalMs)) invariant(false, 'event arrivalMs is finite');
    const measured = event.arrivalMs >= this.experiment.warmupMs;
    switch (event.type) {
      case 'arrival':
        this.ledger.arrive(event.tenant);
        if (measured) stats.onArrival();
        break;
      case 'started':
        this.ledger.start(event.tenant);
        break;
      case 'dropped':
        this.ledger.drop(event.tenant, event.from, event.reason);
        if (measured) stats.onDrop(event.reason);
        break;
      case 'completed':
        this.ledger.complete(event.tenant);
        if (measured) this.recordCompletion(event, stats);
        break;
      default:
        assertUnreachable(event);
    }
  }

  private recordCompletion(event: Extract<MetricsEvent, { type: 'completed' }>, stats: TenantStats): void {
    const { tenant, arrivalMs, endMs, serviceMs, batch, gpuMs } = event;
    const latencyMs = endMs - arrivalMs;
    if (!(Number.isInteger(batch) && batch >= 1)) invariant(false, `completed batch is an integer >= 1 (got ${String(batch)})`);
    if (!(serviceMs >= 0 && serviceMs <= latencyMs + EPSILON_MS)) invariant(false, `0 <= serviceMs ${String(serviceMs)} <= latency ${String(latencyMs)}`);
    if (!(gpuMs === undefined || gpuMs >= 0)) invariant(false, 'gpuMs >= 0');
    const sloMs = this.sloMs[tenant] ?? Infinity;
    const soloMs = this.soloMs[tenant]?.(batch);
    const completion = {
      endMs,
      latencyMs,
      queueMs: Math.max(0, latencyMs - serviceMs),
      serviceMs,
      withinSlo: latencyMs <= sloMs,
      gpuChargeMs: gpuMs === undefined ? undefined : gpuMs / batch,
      serviceChargeMs: serviceMs / batch,
      slowdown: soloMs === undefined || soloMs <= 0 ? undefined : latencyMs / soloMs,
      batch,
    };
    stats.onComplete(completion);
  }

  /** A deep-frozen, JSON-serialisable snapshot at `nowMs` (the rates' window ends there). */
  snapshot(nowMs: Ms): MetricsSnapshot {
    const { warmupMs, tenants } = this.experiment;
    const measuredMs = Math.max(0, nowMs - warmupMs);
    // The overall statistics are the tenants' merged (cheaper than recording every value twice).
    const overallStats = this.newStats(this.soloMs.some((s) => s !== undefined));
    for (const s of this.tenantStats) overallStats.merge(s);
    // Measured GPU time only if every measured completion had one; otherwise service time for all.
    const gpuTimeSource: GpuTimeSource = overallStats.gpuMissing === 0 ? 'gpu-timestamps' : 'service-time';
    const charged = this.tenantStats.map((s) => (gpuTimeSource === 'gpu-timestamps' ? s.gpuMs : s.serviceChargeMs));
    const totalCharged = charged.reduce((a, b) => a + b, 0);
    const shares = charged.map((c) => (totalCharged > 0 ? c / totalCharged : null));
    const totalWeight = tenants.reduce((a, t) => a + t.weight, 0);
    const normalised = shares.map((share, i) => (share ?? 0) / ((tenants[i]?.weight ?? 1) / totalWeight));
    const snapshot: MetricsSnapshot = {
      atMs: nowMs,
      warmupMs,
      measuredMs,
      windowMs: this.windowMs,
      relativeAccuracy: this.relativeAccuracy,
      gpuTimeSource,
      tenants: this.tenantStats.map((s, i) =>
        s.snapshot(tenants[i]?.id ?? String(i), this.ledger.counts(i), nowMs, measuredMs, charged[i] ?? 0, shares[i] ?? null),
      ),
      overall: overallStats.snapshot('overall', this.ledger.total(), nowMs, measuredMs, totalCharged, totalCharged > 0 ? 1 : null),
      jainFairness: totalCharged > 0 ? jainIndex(normalised) : null,
    };
    return deepFreeze(snapshot);
  }
}
