// Metrics as CSV (RFC 4180): one row per tenant and one for all tenants together; shared by the simulator CLI and run export.
import { DROP_REASONS } from './events';
import type { DistributionSummary } from './digest';
import { earlyStoppingOf } from './early-stopping';
import { verdictOfMetrics } from './loadgen-verdict';
import type { TenantMetrics } from './snapshot';

const QUANTILE_NAMES = ['p50', 'p90', 'p95', 'p99'] as const;

/** Columns of a distribution: mean, p50..p99, max. Missing values are empty cells. */
const distributionColumns = (prefix: string): string[] => [
  `${prefix}_mean`,
  ...QUANTILE_NAMES.map((q) => `${prefix}_${q}`),
  `${prefix}_max`,
];

const distributionCells = (d: DistributionSummary | null): (number | null)[] =>
  d === null ? distributionColumns('').map(() => null) : [d.mean, ...QUANTILE_NAMES.map((q) => d[q].value), d.max];

/** The header of {@link metricsToCsv}. */
export const METRICS_CSV_COLUMNS: readonly string[] = [
  'tenant',
  'arrivals',
  'completed',
  'completed_within_slo',
  'dropped',
  ...DROP_REASONS.map((r) => `dropped_${r.replaceAll('-', '_')}`),
  'slo_satisfaction',
  'throughput_per_sec',
  'goodput_per_sec',
  ...distributionColumns('latency_ms'),
  ...distributionColumns('queue_ms'),
  ...distributionColumns('service_ms'),
  ...distributionColumns('slowdown'),
  'gpu_ms',
  'gpu_share',
  'mean_batch',
  'slo_ms',
  'verdict',
  'verdict_samples',
  'verdict_needed_samples',
  'verdict_dropped_share',
  'verdict_reason',
  'early_stopping_verdict',
  'early_stopping_needed_samples',
  'early_stopping_reason',
];

/** The verdict cells of a row, then LoadGen's early-stopping estimate's: empty without an SLO (the overall row, or a caller that gives none). */
function verdictCells(m: TenantMetrics, sloMs: number | undefined): (string | number | null)[] {
  if (sloMs === undefined) return [null, null, null, null, null, null, null, null, null];
  const v = verdictOfMetrics(m, sloMs);
  const early = earlyStoppingOf(m, sloMs);
  return [sloMs, v.kind, v.samples, v.neededSamples, v.droppedShare, v.reason, early?.kind ?? null, early?.neededSamples ?? null, early?.reason ?? null];
}

function row(m: TenantMetrics, sloMs: ReadonlyMap<string, number>): (string | number | null)[] {
  return [
    m.id,
    m.measured.arrivals,
    m.measured.completed,
    m.measured.completedWithinSlo,
    m.measured.dropped,
    ...DROP_REASONS.map((r) => m.measured.droppedByReason[r]),
    m.sloSatisfaction,
    m.meanThroughputPerSec,
    m.meanGoodputPerSec,
    ...distributionCells(m.latencyMs),
    ...distributionCells(m.queueMs),
    ...distributionCells(m.serviceMs),
    ...distributionCells(m.slowdown),
    m.gpuMs,
    m.gpuShare,
    m.meanBatch,
    ...verdictCells(m, m.id === 'overall' ? undefined : sloMs.get(m.id)),
  ];
}

/**
 * One CSV cell: empty for null (and a non-finite number), a number at full precision (the shortest
 * text that reads back as the same double: 1000.125 s stays 1000125 ms, not 1.00012e+6), text quoted
 * when it holds a comma, quote or newline.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A header and rows as CSV text ending in a newline. */
export function toCsv(columns: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return `${[columns.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n')}\n`;
}

/**
 * Measured counts, rates (per second over the measured period), distributions (ms; slowdown is a
 * ratio), GPU time and share, mean batch (requests per slice), and with each tenant's SLO (`sloMs` by
 * id) its MLPerf-style verdict and why (see loadgen-verdict.ts): the tenants, then 'overall'.
 */
export function metricsToCsv(tenants: readonly TenantMetrics[], overall: TenantMetrics, sloMs: ReadonlyMap<string, number> = new Map()): string {
  return toCsv(METRICS_CSV_COLUMNS, [...tenants, overall].map((m) => row(m, sloMs)));
}
