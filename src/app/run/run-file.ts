// Run export and import: the run as JSON (everything), its summary and its requests as CSV; a run file read back, validated.
import { capIssues, parseJsonText, quoteName, safeParseWith, type ConfigIssue } from '../../core/experiment';
import { csvCell, metricsToCsv, toCsv } from '../../core/metrics';
import type { RequestEvent, SliceEvent } from '../../engine/engine-protocol';
import { RunFileSchema } from './run-file-schema';
import { upgradeRunFile } from './run-file-upgrade';
import type { RunRecord } from './run-record';

/** The outcome of reading a run file; never throws for bad input. */
export type RunFileResult = { readonly ok: true; readonly record: RunRecord } | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** Rows read one at a time: an array, or the page's typed-array columns (event-columns.ts). */
export interface Rows<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/** A run whose events and slices are read row by row: what export writes. A {@link RunRecord} is one. */
export type RunRows = Omit<RunRecord, 'events' | 'slices'> & { readonly events: Rows<RequestEvent>; readonly slices: Rows<SliceEvent> };

/** Rows per part of the exported text: each part is a short string, so no text the size of the whole run is ever built. */
const ROWS_PER_PART = 4096;

/** Placeholders for the two row lists in the JSON of the rest of the record. */
const EVENTS_MARK = '\u0000events\u0000';
const SLICES_MARK = '\u0000slices\u0000';

/** A list of rows as the items of a pretty JSON array at nesting depth 1, in parts. */
function arrayParts<T>(rows: Rows<T>, out: string[]): void {
  if (rows.length === 0) {
    out.push('[]');
    return;
  }
  out.push('[');
  for (let from = 0; from < rows.length; from += ROWS_PER_PART) {
    const items: string[] = [];
    for (let i = from; i < Math.min(rows.length, from + ROWS_PER_PART); i++) items.push(`\n    ${JSON.stringify(rows.at(i), null, 2).replaceAll('\n', '\n    ')}`);
    out.push(items.join(',') + (from + ROWS_PER_PART < rows.length ? ',' : ''));
  }
  out.push('\n  ]');
}

/**
 * The run as pretty JSON in parts (their concatenation is exactly `JSON.stringify(record, null, 2)`,
 * what {@link parseRunFile} reads back): events and slices ROWS_PER_PART at a time, for a Blob.
 */
export function runJsonParts(run: RunRows): string[] {
  const head = JSON.stringify({ ...run, events: EVENTS_MARK, slices: SLICES_MARK }, null, 2);
  // A key at depth 1 follows a real newline, which no string value can hold (JSON escapes it).
  const [before, between, after] = splitAround(head, [`\n  "events": ${JSON.stringify(EVENTS_MARK)}`, `\n  "slices": ${JSON.stringify(SLICES_MARK)}`]);
  const out = [before];
  arrayParts(run.events, out);
  out.push(between);
  arrayParts(run.slices, out);
  out.push(after);
  return out;
}

/** `text` cut around each mark's placeholder value (the text up to its ': ' stays before the cut), in order. */
function splitAround(text: string, marks: readonly [string, string]): [string, string, string] {
  const a = text.indexOf(marks[0]);
  const b = text.indexOf(marks[1], a);
  if (a < 0 || b < 0) throw new Error('run export: a placeholder is missing from the record JSON');
  const valueAt = (at: number, mark: string): number => at + mark.indexOf(': ') + 2;
  return [text.slice(0, valueAt(a, marks[0])), text.slice(a + marks[0].length, valueAt(b, marks[1])), text.slice(b + marks[1].length)];
}

/** The run as pretty JSON (what {@link parseRunFile} reads back). */
export function runToJson(run: RunRows): string {
  return runJsonParts(run).join('');
}

/**
 * Per tenant and overall: measured counts, rates, latency/queue/service/slowdown distributions, GPU share,
 * mean batch, and each tenant's verdict with its reason (the same as the run file's `verdicts`). Null without metrics.
 */
export function runSummaryCsv(record: Pick<RunRows, 'summary' | 'experiment'>): string | null {
  const summary = record.summary;
  return summary === null ? null : metricsToCsv(summary.tenants, summary.overall, new Map(record.experiment.tenants.map((t) => [t.id, t.sloMs])));
}

/** Columns of {@link runRequestsCsv}. */
export const REQUEST_CSV_COLUMNS = [
  'tenant', 'arrival_ms', 'start_ms', 'end_ms', 'latency_ms', 'service_ms', 'gpu_ms', 'batch', 'session_batch', 'lane', 'within_slo', 'measured',
] as const;

/** One row per completed request (engine clock, ms since the first arrival; service time is wall clock), in parts of ROWS_PER_PART rows. */
export function runRequestsCsvParts(run: RunRows): string[] {
  const slo = new Map(run.experiment.tenants.map((t) => [t.id, t.sloMs]));
  const out = [toCsv(REQUEST_CSV_COLUMNS, [])];
  for (let from = 0; from < run.events.length; from += ROWS_PER_PART) {
    const lines: string[] = [];
    for (let i = from; i < Math.min(run.events.length, from + ROWS_PER_PART); i++) {
      const e = run.events.at(i);
      if (e === undefined) continue;
      const cells = [
        e.tenant, e.arrivalMs, e.startMs, e.endMs, e.latencyMs, e.serviceMs, e.gpuMs, e.batch, e.sessionBatch, e.lane,
        e.latencyMs <= (slo.get(e.tenant) ?? Infinity) ? 1 : 0,
        e.arrivalMs >= run.experiment.warmupMs ? 1 : 0,
      ];
      lines.push(`${cells.map(csvCell).join(',')}\n`);
    }
    out.push(lines.join(''));
  }
  return out;
}

/** {@link runRequestsCsvParts} as one text. */
export function runRequestsCsv(run: RunRows): string {
  return runRequestsCsvParts(run).join('');
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

/**
 * Reads a run file: JSON syntax, then the schema field by field, then its version's fields (a version 1
 * file gets its mean batches and verdicts worked out; see run-file-upgrade.ts), then consistency with its experiment.
 */
export function parseRunFile(text: string): RunFileResult {
  const json = parseJsonText(text);
  if (!json.ok) return json;
  const parsed = safeParseWith(RunFileSchema, json.json);
  if (!parsed.ok) return parsed;
  const upgraded = upgradeRunFile(parsed.data);
  if (!upgraded.ok) return { ok: false, issues: capIssues(upgraded.issues) };
  const record = upgraded.record;
  const issues = crossCheck(record);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, record };
}
