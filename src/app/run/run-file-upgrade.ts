// A validated run file made a current RunRecord: version 1 files get their mean batches (from the events) and verdicts (from the summary); version 2 files must carry both, agreeing with the summary.
import type { z } from 'zod';
import type { ConfigIssue } from '../../core/experiment';
import { BatchMean, type MetricsSnapshot, type TenantMetrics, type VerdictRecord } from '../../core/metrics';
import type { RunFileSchema } from './run-file-schema';
import { RUN_FILE_VERSION, verdictsOf, type RunRecord } from './run-record';

/** A run file as the schema reads it (any version). */
export type ParsedRunFile = z.infer<typeof RunFileSchema>;
type ParsedMetrics = NonNullable<ParsedRunFile['summary']>;
type ParsedTenantMetrics = ParsedMetrics['overall'];

/** Per tenant id, and 'overall', the mean batch of the file's measured events (arrival at or after the warm-up). */
function meanBatchesOfEvents(file: ParsedRunFile): Map<string, number | null> {
  const byTenant = new Map(file.experiment.tenants.map((t) => [t.id, new BatchMean()]));
  for (const e of file.events) if (e.arrivalMs >= file.experiment.warmupMs) byTenant.get(e.tenant)?.add(e.batch);
  const overall = new BatchMean();
  for (const mean of byTenant.values()) overall.merge(mean);
  const out = new Map<string, number | null>([...byTenant].map(([id, mean]) => [id, mean.mean]));
  out.set('overall', overall.mean);
  return out;
}

/** The file's summary with every mean batch set: its own (version 2 must have them), or from its events (version 1). */
function summaryWithMeanBatch(file: ParsedRunFile, issues: ConfigIssue[]): MetricsSnapshot | null {
  const summary = file.summary;
  if (summary === null) return null;
  let fromEvents: Map<string, number | null> | null = null;
  const withMean = (m: ParsedTenantMetrics, path: string): TenantMetrics => {
    if (m.meanBatch !== undefined) return { ...m, meanBatch: m.meanBatch };
    if (file.version !== 1) issues.push({ path: `${path}.meanBatch`, message: `expected a mean batch (a number from 1, or null) in a version ${String(file.version)} file` });
    fromEvents ??= meanBatchesOfEvents(file);
    return { ...m, meanBatch: fromEvents.get(m.id) ?? null };
  };
  return { ...summary, tenants: summary.tenants.map((m, i) => withMean(m, `summary.tenants[${String(i)}]`)), overall: withMean(summary.overall, 'summary.overall') };
}

const FIELDS = ['tenant', 'samples', 'dropped', 'p99Ms', 'sloMs'] as const satisfies readonly (keyof VerdictRecord)[];

/** Issues where the file's verdicts disagree with those of its own summary and SLOs (the first field per verdict). */
function verdictIssues(given: readonly VerdictRecord[], expected: readonly VerdictRecord[]): ConfigIssue[] {
  if (given.length !== expected.length) {
    return [{ path: 'verdicts', message: `expected ${String(expected.length)} verdicts (one per tenant in the summary), got ${String(given.length)}` }];
  }
  const issues: ConfigIssue[] = [];
  given.forEach((v, i) => {
    const want = expected[i];
    const field = want === undefined ? undefined : FIELDS.find((f) => v[f] !== want[f]);
    if (want === undefined || field === undefined) return;
    issues.push({ path: `verdicts[${String(i)}].${field}`, message: `expected ${JSON.stringify(want[field])} (from the summary and the tenant's SLO), got ${JSON.stringify(v[field])}` });
  });
  return issues;
}

/**
 * The current record of a validated file, or its issues: a version 2 file must carry every mean batch and
 * the verdicts, and its verdicts must be those of its summary (so what it says passed did pass); a version
 * 1 file gets both worked out here (mean batches from its events, verdicts from its summary).
 */
export function upgradeRunFile(file: ParsedRunFile): { readonly ok: true; readonly record: RunRecord } | { readonly ok: false; readonly issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const summary = summaryWithMeanBatch(file, issues);
  const expected = verdictsOf(file.experiment, summary);
  if (file.verdicts !== undefined) issues.push(...verdictIssues(file.verdicts, expected));
  else if (file.version !== 1) issues.push({ path: 'verdicts', message: `expected the tenants' verdicts in a version ${String(file.version)} file` });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, record: { ...file, version: RUN_FILE_VERSION, summary, verdicts: file.verdicts ?? expected } };
}
