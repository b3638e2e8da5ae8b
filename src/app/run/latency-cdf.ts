// Per-tenant latency CDFs of a run's measured requests: counts in log-spaced buckets, so a run of any length draws a few hundred points per tenant.
import type { RequestEvent } from '../../engine/engine-protocol';

/** Buckets per decade of latency: each bucket about 5.9% wide. */
export const CDF_BUCKETS_PER_DECADE = 40;
/** Lowest and highest bucket edges, ms (faster requests count in the first bucket, slower in the last). */
export const CDF_MIN_MS = 0.01;
export const CDF_MAX_MS = 1e7;
const BUCKETS = Math.ceil(Math.log10(CDF_MAX_MS / CDF_MIN_MS) * CDF_BUCKETS_PER_DECADE);

/** One point of a CDF: the share of measured requests at or under `latencyMs`. */
export interface CdfPoint {
  readonly latencyMs: number;
  readonly fraction: number;
}

/** One tenant's CDF. */
export interface CdfCurve {
  readonly tenant: string;
  /** Measured requests counted. */
  readonly count: number;
  /** Ascending latency; empty without measured requests. */
  readonly points: readonly CdfPoint[];
}

/** The upper edge of bucket `k`, ms. */
const edgeMs = (k: number): number => CDF_MIN_MS * 10 ** ((k + 1) / CDF_BUCKETS_PER_DECADE);

/**
 * Counts each tenant's measured requests (arrival at or after the warm-up, as the metrics count them)
 * by latency bucket. Memory: BUCKETS (360) counts per tenant, whatever the run's length.
 */
export class LatencyCdf {
  private readonly counts = new Map<string, Uint32Array>();

  constructor(
    private readonly tenants: readonly string[],
    private readonly warmupMs: number,
  ) {
    for (const t of tenants) this.counts.set(t, new Uint32Array(BUCKETS));
  }

  add(e: Pick<RequestEvent, 'tenant' | 'arrivalMs' | 'latencyMs'>): void {
    if (e.arrivalMs < this.warmupMs || !Number.isFinite(e.latencyMs)) return;
    const counts = this.counts.get(e.tenant);
    if (counts === undefined) return;
    const raw = Math.floor(Math.log10(Math.max(e.latencyMs, CDF_MIN_MS) / CDF_MIN_MS) * CDF_BUCKETS_PER_DECADE);
    const k = Math.min(BUCKETS - 1, Math.max(0, raw));
    counts[k] = (counts[k] ?? 0) + 1;
  }

  /** Every tenant's CDF now, in experiment order: one point per non-empty bucket, at its upper edge. */
  curves(): CdfCurve[] {
    return this.tenants.map((tenant) => {
      const counts = this.counts.get(tenant) ?? new Uint32Array(0);
      let total = 0;
      for (const c of counts) total += c;
      const points: CdfPoint[] = [];
      let seen = 0;
      counts.forEach((c, k) => {
        if (c === 0) return;
        seen += c;
        points.push({ latencyMs: edgeMs(k), fraction: seen / total });
      });
      return { tenant, count: total, points };
    });
  }
}
