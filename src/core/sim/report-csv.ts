// The simulator report as a CSV table: one row per tenant and one for all tenants together.
import { METRICS_CSV_COLUMNS, metricsToCsv } from '../metrics/metrics-csv';
import type { SimReport } from './simulate-experiment';

/** The header of {@link reportToCsv}. */
export const CSV_COLUMNS: readonly string[] = METRICS_CSV_COLUMNS;

/** Measured counts, rates (per second over the measured period) and distributions (ms), tenants then 'overall'. */
export function reportToCsv(report: SimReport): string {
  return metricsToCsv(Object.values(report.perTenant), report.overall);
}
