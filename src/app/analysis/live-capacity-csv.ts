// The live confirmation as CSV (RFC 4180): both brackets, then every probe with each tenant's measured SLO rate, samples and p99.
import { toCsv } from '../../core/metrics/metrics-csv';
import type { LiveCapacityReport } from './live-capacity';

/** The simulated and the live bracket side by side, one row each. */
export function liveBracketCsv(report: LiveCapacityReport): string {
  const s = report.simulated;
  return toCsv(
    ['figures', 'slo_rate', 'holds_factor', 'fails_factor', 'outcome', 'resolution', 'probes', 'max_probes', 'total_at_holds_per_sec', 'backend', 'seed', 'loadgen_min_samples_per_tenant'],
    [
      ['simulated', report.sloRate, s.holdsFactor, s.failsFactor, null, s.resolution, s.probes, null, null, null, report.seed, null],
      ['live', report.sloRate, report.holdsFactor, report.failsFactor, report.outcome, report.resolution, report.probes.length, report.maxProbes, report.totalAtHoldsPerSec, report.backendUsed, report.seed, report.samplesPerTenant],
    ],
  );
}

/** Every live probe, a row per tenant: the factor, its window, the tenant's measured SLO rate, samples and p99, and the probe's verdict. */
export function liveProbesCsv(report: LiveCapacityReport): string {
  return toCsv(
    ['probe', 'factor', 'warmup_ms', 'measured_window_ms', 'phase', 'tenant', 'slo_rate', 'samples', 'p99_ms', 'enough_samples', 'probe_holds', 'worst_tenant'],
    report.probes.flatMap((p, i) =>
      p.tenants.map((t) => [i + 1, p.factor, p.warmupMs, p.durationMs, p.phase, t.tenant, t.sloRate, t.samples, t.p99LatencyMs, p.enoughSamples ? 'yes' : 'no', p.holds ? 'yes' : 'no', p.worstTenant]),
    ),
  );
}

/** Both tables, each under a `# title` line (the shape of the analysis CSV export, which appends it). */
export function liveCapacityCsv(report: LiveCapacityReport): string {
  return [
    `# capacity confirmed live at SLO rate ${String(report.sloRate)} (live: measured on ${report.backendUsed ?? 'no backend'}; simulated: the analysis)\n${liveBracketCsv(report)}`,
    `# live probes (measured; each tenant's SLO rate over its measured completed + dropped requests)\n${liveProbesCsv(report)}`,
  ].join('\n');
}
