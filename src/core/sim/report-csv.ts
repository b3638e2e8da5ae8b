// The simulator report as a CSV table: one row per tenant and one for all tenants together.
import { DROP_REASONS } from '../metrics/events';
import type { DistributionSummary } from '../metrics/digest';
import type { TenantMetrics } from '../metrics/snapshot';
import type { SimReport } from './simulate-experiment';

const QUANTILE_NAMES = ['p50', 'p90', 'p95', 'p99'] as const;

/** Columns of a distribution: mean, p50..p99, max (ms). Missing values are empty cells. */
const distributionColumns = (prefix: string): string[] => [
  `${prefix}_mean`,
  ...QUANTILE_NAMES.map((q) => `${prefix}_${q}`),
  `${prefix}_max`,
];

const distributionCells = (d: DistributionSummary): (number | null)[] => [d.mean, ...QUANTILE_NAMES.map((q) => d[q].value), d.max];

/** The header of {@link reportToCsv}. */
export const CSV_COLUMNS: readonly string[] = [
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
  'gpu_ms',
  'gpu_share',
];

function row(m: TenantMetrics): (string | number | null)[] {
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
    m.gpuMs,
    m.gpuShare,
  ];
}

/** Quotes a cell when it holds a comma, quote or newline (RFC 4180). */
function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(Number(value.toPrecision(6)));
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Measured counts, rates (per second over the measured period) and distributions (ms), tenants then 'overall'. */
export function reportToCsv(report: SimReport): string {
  const rows = [...Object.values(report.perTenant), report.overall].map((m) => row(m).map(cell).join(','));
  return `${[CSV_COLUMNS.join(','), ...rows].join('\n')}\n`;
}
