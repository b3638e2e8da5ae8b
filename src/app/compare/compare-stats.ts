// Compare's figures: per tenant and repeat from a metrics snapshot, their mean and 95% CI per variant, CDFs, and the lesson's verdict.
import { repeatStats, type RepeatStats } from '../../core/characterize/repeat-stats';
import { pooledMeanBatch, verdictInputOf, verdictRecordOf, type TenantMetrics, type VerdictKind, type VerdictRecord } from '../../core/metrics';
import type { LessonMetric, LessonPromise } from './lessons';

/** One point of a latency CDF: the fraction of requests at or under `latencyMs`. */
export interface CdfPoint {
  readonly latencyMs: number;
  readonly fraction: number;
}

/** One tenant's figures from one run (measured requests only), or from the simulator's prediction. */
export interface TenantFigures {
  readonly tenant: string;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  /** False while the run had fewer samples than LoadGen needs for a p99 (662). */
  readonly p99Valid: boolean;
  /** completedWithinSlo / (completed + dropped) over measured requests, 0-1. */
  readonly sloRate: number | null;
  /** Completions per second over the measured period. */
  readonly throughputPerSec: number;
  readonly completed: number;
  /** At most {@link CDF_FRACTIONS}.length + 1 points from the digest: the minimum, then its quantiles and maximum. */
  readonly cdf: CdfPoint[];
  /** Mean requests per slice over the measured requests; null before any (absent in files from before it). */
  readonly meanBatch?: number | null;
  /** The run's MLPerf-style verdict on p99 against the tenant's SLO, with its figures and reason; absent in files from before it. */
  readonly verdict?: VerdictRecord | null;
}

/** The fractions a CDF is drawn at (quantiles the metrics digest keeps, and the maximum). */
export const CDF_FRACTIONS = [0.5, 0.9, 0.95, 0.99, 1] as const;

/** A figure's value, or null when it is not a finite number. */
const finite = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/**
 * One tenant's figures from its metrics (a live snapshot's or a simulation report's), with its verdict
 * against `tenant`'s SLO (null: no verdict, e.g. a tenant the experiment does not name).
 */
export function figuresOf(metrics: TenantMetrics, tenant: { readonly sloMs: number } | null): TenantFigures {
  const l = metrics.latencyMs;
  const byFraction: readonly (number | null)[] = [l.p50.value, l.p90.value, l.p95.value, l.p99.value, l.max];
  const cdf: CdfPoint[] = [];
  const min = finite(l.min);
  if (min !== null) cdf.push({ latencyMs: min, fraction: 0 });
  CDF_FRACTIONS.forEach((fraction, i) => {
    const latencyMs = finite(byFraction[i]);
    // Sketch quantiles may sit a hair below the exact minimum: a CDF never goes back.
    if (latencyMs !== null) cdf.push({ latencyMs: Math.max(latencyMs, cdf[cdf.length - 1]?.latencyMs ?? 0), fraction });
  });
  return {
    tenant: metrics.id,
    p50Ms: finite(l.p50.value),
    p99Ms: finite(l.p99.value),
    p99Valid: l.p99.valid,
    sloRate: finite(metrics.sloSatisfaction),
    throughputPerSec: finite(metrics.meanThroughputPerSec) ?? 0,
    completed: metrics.measured.completed,
    cdf,
    meanBatch: finite(metrics.meanBatch),
    verdict: tenant === null ? null : verdictRecordOf(metrics.id, verdictInputOf(metrics, tenant.sloMs)),
  };
}

/** Every tenant's figures of a run (its metrics in any order; each judged against its tenant's SLO in `experiment`). */
export function figuresOfRun(metrics: readonly TenantMetrics[], experiment: { readonly tenants: readonly { readonly id: string; readonly sloMs: number }[] }): TenantFigures[] {
  return metrics.map((m) => figuresOf(m, experiment.tenants.find((t) => t.id === m.id) ?? null));
}

/**
 * A variant's verdict over its repeats: each repeat is judged on its own (LoadGen's minimum sample count
 * holds per run, so samples are not pooled across repeats), and the variant gets the worst: FAIL when any
 * repeat failed, else INVALID when any had too few samples, else PASS; null when no repeat has a verdict.
 */
export function worstVerdict(kinds: readonly (VerdictKind | null)[]): VerdictKind | null {
  const known = kinds.filter((k): k is VerdictKind => k !== null);
  if (known.length === 0) return null;
  return known.includes('FAIL') ? 'FAIL' : known.includes('INVALID') ? 'INVALID' : 'PASS';
}

/** One tenant over a variant's repeats: each figure's mean and 95% CI (Student t), and a CDF averaged quantile by quantile. */
export interface TenantSummary {
  readonly tenant: string;
  readonly p50Ms: RepeatStats;
  readonly p99Ms: RepeatStats;
  /** True when every repeat's p99 had LoadGen's sample count. */
  readonly p99Valid: boolean;
  readonly sloRate: RepeatStats;
  readonly throughputPerSec: RepeatStats;
  readonly cdf: readonly CdfPoint[];
  /**
   * Requests per slice over every repeat pooled: total requests / total slices (each repeat's slices being
   * its completed requests / its mean batch); null when no repeat has one.
   */
  readonly meanBatch: number | null;
  /** Each repeat's verdict in order (null for a repeat without one: a file from before verdicts). */
  readonly verdicts: readonly (VerdictKind | null)[];
  /** Each repeat's verdict reason in order (samples against the minimum, dropped share, p99 against the bound), null where none. */
  readonly verdictReasons: readonly (string | null)[];
  /** The variant's verdict: the worst of its repeats' ({@link worstVerdict}). */
  readonly verdict: VerdictKind | null;
}

/** The mean CDF of the repeats: at each fraction every repeat has, the mean latency (quantile averaging). */
export function meanCdf(cdfs: readonly (readonly CdfPoint[])[]): CdfPoint[] {
  if (cdfs.length === 0) return [];
  const fractions = [0, ...CDF_FRACTIONS].filter((f) => cdfs.every((cdf) => cdf.some((p) => p.fraction === f)));
  return fractions.map((fraction) => {
    let sum = 0;
    for (const cdf of cdfs) sum += cdf.find((p) => p.fraction === fraction)?.latencyMs ?? 0;
    return { latencyMs: sum / cdfs.length, fraction };
  });
}

/** Per tenant (in the order of `tenants`), the statistics of its figures over `repeats` (each repeat: every tenant's figures). */
export function summarize(tenants: readonly string[], repeats: readonly (readonly TenantFigures[])[]): TenantSummary[] {
  return tenants.map((tenant) => {
    const mine = repeats.map((r) => r.find((f) => f.tenant === tenant)).filter((f): f is TenantFigures => f !== undefined);
    const values = (pick: (f: TenantFigures) => number | null): number[] => mine.map(pick).filter((x): x is number => x !== null);
    const verdicts = mine.map((f) => f.verdict?.kind ?? null);
    return {
      tenant,
      p50Ms: repeatStats(values((f) => f.p50Ms)),
      p99Ms: repeatStats(values((f) => f.p99Ms)),
      p99Valid: mine.length > 0 && mine.every((f) => f.p99Valid),
      sloRate: repeatStats(values((f) => f.sloRate)),
      throughputPerSec: repeatStats(values((f) => f.throughputPerSec)),
      cdf: meanCdf(mine.map((f) => f.cdf)),
      meanBatch: pooledMeanBatch(mine.map((f) => ({ requests: f.completed, meanBatch: f.meanBatch ?? null }))),
      verdicts,
      verdictReasons: mine.map((f) => f.verdict?.reason ?? null),
      verdict: worstVerdict(verdicts),
    };
  });
}

/** The statistics of one lesson metric. */
export function statOf(summary: TenantSummary, metric: LessonMetric): RepeatStats {
  switch (metric) {
    case 'p50':
      return summary.p50Ms;
    case 'p99':
      return summary.p99Ms;
    case 'slo-rate':
      return summary.sloRate;
    case 'throughput':
      return summary.throughputPerSec;
  }
}

/** One step of a verdict: the promised metric's mean in two variants, and whether their 95% CIs are apart. */
export interface VerdictStep {
  readonly from: number;
  readonly to: number;
  readonly fromMean: number | null;
  readonly toMean: number | null;
  /** The means moved the promised way. */
  readonly holds: boolean;
  /** The 95% intervals do not overlap (needs 2 repeats or more); false otherwise. */
  readonly separated: boolean;
}

/** Whether a lesson's promise showed: `shown` (every step the promised way), `not-shown`, or `unknown` (a figure is missing). */
export interface Verdict {
  readonly status: 'shown' | 'not-shown' | 'unknown';
  readonly steps: readonly VerdictStep[];
  /** One line for the page, e.g. `shown: camera's p99 fell 120 -> 80 -> 40 ms`. */
  readonly text: string;
}

/** The verdict of `promise` over the variants' summaries (`byVariant[i]`: variant i's tenant summaries). */
export function verdictOf(promise: LessonPromise, byVariant: readonly (readonly TenantSummary[])[]): Verdict {
  const stats = byVariant.map((summaries) => {
    const mine = summaries.find((s) => s.tenant === promise.tenant);
    return mine === undefined ? null : statOf(mine, promise.metric);
  });
  const pairs: [number, number][] = promise.scope === 'each-step' ? stats.slice(1).map((_, i) => [i, i + 1]) : stats.length >= 2 ? [[0, stats.length - 1]] : [];
  const steps = pairs.map(([from, to]): VerdictStep => {
    const a = stats[from] ?? null;
    const b = stats[to] ?? null;
    const fromMean = a?.mean ?? null;
    const toMean = b?.mean ?? null;
    const holds = fromMean !== null && toMean !== null && (promise.direction === 'falls' ? toMean < fromMean : toMean > fromMean);
    const apart = a?.ci95Low != null && a.ci95High != null && b?.ci95Low != null && b.ci95High != null && (b.ci95High < a.ci95Low || b.ci95Low > a.ci95High);
    return { from, to, fromMean, toMean, holds, separated: holds && apart };
  });
  const means = stats.map((s) => (s?.mean == null ? '?' : formatFigure(s.mean, promise.metric))).join(' -> ');
  const metric = promise.metric === 'slo-rate' ? 'SLO rate' : promise.metric;
  if (steps.length === 0 || steps.some((s) => s.fromMean === null || s.toMean === null)) {
    return { status: 'unknown', steps, text: `unknown: ${promise.tenant}'s ${metric} is missing in a variant (${means})` };
  }
  const shown = steps.every((s) => s.holds);
  const sure = steps.every((s) => s.separated) ? ', 95% intervals apart' : steps.some((s) => s.separated) ? '' : ', within the noise (95% intervals overlap or one repeat)';
  const verb = promise.direction === 'falls' ? 'fell' : 'rose';
  return shown
    ? { status: 'shown', steps, text: `shown: ${promise.tenant}'s ${metric} ${verb} ${means}${sure}` }
    : { status: 'not-shown', steps, text: `not shown: ${promise.tenant}'s ${metric} was ${means}, promised to ${promise.direction === 'falls' ? 'fall' : 'rise'}` };
}

/** A figure with its unit: ms to 1 decimal, an SLO rate as a percentage, a throughput in req/s. */
export function formatFigure(value: number, metric: LessonMetric): string {
  switch (metric) {
    case 'p50':
    case 'p99':
      return `${value.toFixed(1)} ms`;
    case 'slo-rate':
      return `${(value * 100).toFixed(1)}%`;
    case 'throughput':
      return `${value.toFixed(1)} req/s`;
  }
}
