// An analysis report as CSV tables (RFC 4180 each): capacity per variant, SLO-vs-load curves, cost of sharing.
import { toCsv } from '../metrics/metrics-csv';
import type { AnalysisReport } from './analyze-report';

/** Capacity per variant: one row per policy / granularity / lane mode, with its gain over FCFS. */
export function comparisonCsv(report: AnalysisReport): string {
  return toCsv(
    ['variant', 'policy', 'granularity', 'blocks', 'lane_mode', 'holds_factor', 'fails_factor', 'total_at_holds_per_sec', 'gain_over_fcfs', 'limiting_tenant'],
    report.comparison.rows.map((r) => [
      r.label,
      r.variant.policy,
      r.variant.granularity,
      r.variant.blocks,
      r.variant.laneMode,
      r.capacity.holdsFactor,
      r.capacity.failsFactor,
      r.capacity.totalAtHoldsPerSec,
      r.gainOverFcfs,
      r.capacity.limitingTenant,
    ]),
  );
}

/** SLO-vs-load curves: one row per policy, tenant and load point; `knee` marks the knee point. */
export function curvesCsv(report: AnalysisReport): string {
  return toCsv(
    ['policy', 'tenant', 'factor', 'total_per_sec', 'slo_rate', 'knee'],
    report.curves.flatMap((c) => c.points.map((p) => [c.policy, c.tenant, p.factor, p.totalPerSec, p.sloRate, p.factor === c.kneeFactor ? 'knee' : ''])),
  );
}

/** Cost of sharing: one row per tenant on a dedicated device, then the shared device. */
export function costCsv(report: AnalysisReport): string {
  const c = report.cost;
  return toCsv(
    ['deployment', 'tenant', 'capacity_per_sec', 'cost_per_million', 'price_per_hour', 'saving_percent', 'break_even_per_sec', 'limiting_tenant'],
    [
      ...c.dedicated.map((d) => ['dedicated', d.tenant, d.capacityPerSec, d.costPerMillion, c.pricePerHour, null, null, null]),
      ['dedicated (mix)', 'all', c.breakEvenPerSec, c.dedicatedCostPerMillion, c.pricePerHour, null, null, null],
      ['shared', 'all', c.sharedCapacityPerSec, c.sharedCostPerMillion, c.pricePerHour, c.savingPercent, c.breakEvenPerSec, c.limitingTenant],
    ],
  );
}

/** The planner's plan (or closest candidate): one row per tenant with its batch policy and predicted SLO rate and p99. */
export function planCsv(report: AnalysisReport): string {
  const outcome = report.plan;
  const candidate = outcome?.plan ?? outcome?.noFit?.closest ?? null;
  if (outcome === null || candidate === null) return toCsv(['tenant'], []);
  const e = candidate.experiment;
  return toCsv(
    ['fits', 'plan', 'tenant', 'batch', 'max_batch', 'max_queue_delay_ms', 'weight', 'predicted_slo_rate', 'predicted_p99_ms', 'lane_ms_per_sec', 'load_exceeds_by'],
    e.tenants.map((t, i) => [
      candidate.meetsEverySlo ? 'yes' : 'no',
      candidate.label,
      t.id,
      t.batch.kind,
      t.batch.kind === 'none' ? null : t.batch.maxBatch,
      t.batch.kind === 'dynamic' ? t.batch.maxQueueDelayMs : null,
      t.weight,
      candidate.predicted[i]?.sloRate ?? null,
      candidate.predicted[i]?.p99LatencyMs ?? null,
      candidate.laneMsPerSec,
      outcome.noFit?.loadExceedsBy ?? null,
    ]),
  );
}

/** The tables, each under a `# title` line, separated by a blank line (the plan's only when planned). */
export function analysisToCsv(report: AnalysisReport): string {
  return [
    `# capacity per variant at SLO rate ${String(report.sloRate)} (simulated; service times: ${report.serviceTimeSource})\n${comparisonCsv(report)}`,
    `# SLO rate against load\n${curvesCsv(report)}`,
    `# cost of sharing (price: ${report.cost.priceSource})\n${costCsv(report)}`,
    ...(report.plan === null ? [] : [`# plan (predicted by the simulator)\n${planCsv(report)}`]),
  ].join('\n');
}
