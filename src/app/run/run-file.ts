// Run export and import: the run as JSON (everything), its summary and its requests as CSV; a run file read back, validated.
import { capIssues, parseJsonText, quoteName, safeParseWith, type ConfigIssue } from '../../core/experiment';
import { metricsToCsv, toCsv } from '../../core/metrics';
import { RunFileSchema } from './run-file-schema';
import type { RunRecord } from './run-record';

/** The outcome of reading a run file; never throws for bad input. */
export type RunFileResult = { readonly ok: true; readonly record: RunRecord } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** The run as pretty JSON (what {@link parseRunFile} reads back). */
export function runToJson(record: RunRecord): string {
  return JSON.stringify(record, null, 2);
}

/** Per tenant and overall: measured counts, rates, latency/queue/service/slowdown distributions, GPU share. Null without metrics. */
export function runSummaryCsv(record: RunRecord): string | null {
  const summary = record.summary;
  return summary === null ? null : metricsToCsv(summary.tenants, summary.overall);
}

/** Columns of {@link runRequestsCsv}. */
export const REQUEST_CSV_COLUMNS = [
  'tenant', 'arrival_ms', 'start_ms', 'end_ms', 'latency_ms', 'service_ms', 'gpu_ms', 'batch', 'session_batch', 'lane', 'within_slo', 'measured',
] as const;

/** One row per completed request (engine clock, ms since the first arrival; service time is wall clock). */
export function runRequestsCsv(record: RunRecord): string {
  const slo = new Map(record.experiment.tenants.map((t) => [t.id, t.sloMs]));
  const rows = record.events.map((e) => [
    e.tenant, e.arrivalMs, e.startMs, e.endMs, e.latencyMs, e.serviceMs, e.gpuMs, e.batch, e.sessionBatch, e.lane,
    e.latencyMs <= (slo.get(e.tenant) ?? Infinity) ? 1 : 0,
    e.arrivalMs >= record.experiment.warmupMs ? 1 : 0,
  ]);
  return toCsv(REQUEST_CSV_COLUMNS, rows);
}

/**
 * Issues that the schema cannot see: every per-tenant array, tenant name, lane number and block number
 * must match the experiment (one lane when time-sliced, one per tenant when concurrent), so that no count
 * the page draws comes from anywhere but the file's own experiment.
 */
function crossCheck(record: RunRecord): ConfigIssue[] {
  const ids = new Set(record.experiment.tenants.map((t) => t.id));
  const n = ids.size;
  const lanes = record.experiment.lanes.mode === 'concurrent' ? record.experiment.tenants.length : 1;
  const issues: ConfigIssue[] = [];
  const laneIn = (path: string, lane: number): void => {
    if (lane >= lanes) issues.push({ path, message: `expected a lane below ${String(lanes)} (the experiment's ${record.experiment.lanes.mode} lanes), got ${String(lane)}` });
  };
  record.events.forEach((e, i) => laneIn(`events[${String(i)}].lane`, e.lane));
  record.slices.forEach((s, i) => {
    laneIn(`slices[${String(i)}].lane`, s.lane);
    if (s.block >= s.blocks) issues.push({ path: `slices[${String(i)}].block`, message: `expected a block below blocks (${String(s.blocks)}), got ${String(s.block)}` });
  });
  record.outcome.faults.forEach((f, i) => laneIn(`outcome.faults[${String(i)}].lane`, f.lane));
  record.samples.forEach((s, i) => {
    for (const field of ['arrivals', 'completed', 'dropped', 'queued', 'running'] as const) {
      if (s[field].length !== n) issues.push({ path: `samples[${String(i)}].${field}`, message: `expected ${String(n)} counts (one per tenant), got ${String(s[field].length)}` });
    }
  });
  const unknown = (path: string, tenant: string): void => {
    if (!ids.has(tenant)) issues.push({ path, message: `unknown tenant ${quoteName(tenant)} (the experiment has ${[...ids].map((id) => quoteName(id)).join(', ')})` });
  };
  record.events.forEach((e, i) => unknown(`events[${String(i)}].tenant`, e.tenant));
  record.slices.forEach((s, i) => unknown(`slices[${String(i)}].tenant`, s.tenant));
  record.summary?.tenants.forEach((t, i) => unknown(`summary.tenants[${String(i)}].id`, t.id));
  // One issue per kind is enough to say what is wrong; thousands would bury it.
  const seen = new Set<string>();
  return capIssues(
    issues.filter((issue) => {
      const kind = issue.path.replace(/\[\d+\]/g, '[]');
      if (seen.has(kind)) return false;
      seen.add(kind);
      return true;
    }),
  );
}

/** Reads a run file: JSON syntax, then the schema field by field, then consistency with its experiment. */
export function parseRunFile(text: string): RunFileResult {
  const json = parseJsonText(text);
  if (!json.ok) return json;
  const parsed = safeParseWith(RunFileSchema, json.json);
  if (!parsed.ok) return parsed;
  const record: RunRecord = parsed.data;
  const issues = crossCheck(record);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, record };
}
