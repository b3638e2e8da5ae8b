// Tests for run export/import: JSON round trip, field-named refusals, consistency checks, CSV tables.
import { describe, expect, it } from 'vitest';
import { TRACE_ATTRIBUTION } from '../../core/arrivals/builtin-trace-ids';
import { METRICS_CSV_COLUMNS } from '../../core/metrics';
import { RunController, type RunEngine } from './run-controller';
import { parseRunFile, REQUEST_CSV_COLUMNS, runRequestsCsv, runSummaryCsv, runToJson } from './run-file';
import type { RunRecord } from './run-record';
import { fixtureExperiment, fixtureUpdates } from './run-test-fixture';

/** The record of the fixture run, as a live run leaves it. */
function fixtureRecord(experiment = fixtureExperiment()): RunRecord {
  let listener: Parameters<RunEngine['onUpdate']>[0] = () => undefined;
  const engine: RunEngine = { start: () => undefined, stop: () => undefined, onUpdate: (l) => ((listener = l), () => undefined) };
  const controller = new RunController({ createEngine: () => engine, nowIso: () => '2026-12-01T12:00:00.000Z', environment: { userAgent: 'test', crossOriginIsolated: true } });
  controller.start(experiment);
  for (const update of fixtureUpdates()) listener(update);
  const record = controller.record();
  if (record === null) throw new Error('no record');
  return record;
}

type Summary = { tenants: Record<string, unknown>[] };
type Verdict = Record<string, unknown>;

const mutate = (record: RunRecord, change: (json: Record<string, unknown>) => void): string => {
  const json = JSON.parse(runToJson(record)) as Record<string, unknown>;
  change(json);
  return JSON.stringify(json);
};

describe('run files', () => {
  it('a run round-trips through JSON unchanged', () => {
    const record = fixtureRecord();
    const parsed = parseRunFile(runToJson(record));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.record).toEqual(JSON.parse(runToJson(record)));
  });

  it('reads a file from before the Stop drop reason: its counts of requests cancelled by Stop are 0', () => {
    const text = runToJson(fixtureRecord()).replace(/,\s*"stopped": 0/g, '');
    expect(text).not.toContain('"stopped"');
    const parsed = parseRunFile(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.record.summary?.overall.ledger.droppedByReason.stopped).toBe(0);
  });

  it('writes version 2: every tenant\'s verdict with its reason, and each mean batch, read back unchanged', () => {
    const record = fixtureRecord();
    expect(record.version).toBe(2);
    expect(record.verdicts.map((v) => [v.tenant, v.kind, v.samples, v.dropped, v.sloMs])).toEqual([['a', 'INVALID', 180, 0, 50], ['b', 'INVALID', 37, 1, 20]]);
    expect(record.verdicts[1]?.reason).toMatch(/^37 samples of the 662 needed for p99; 2.70% dropped/);
    expect(record.summary?.tenants.map((t) => t.meanBatch)).toEqual([1, 1]);
    const parsed = parseRunFile(runToJson(record));
    expect(parsed.ok && parsed.record.verdicts).toEqual(record.verdicts);
  });

  it('opens a version 1 file (no verdicts, no mean batch): both worked out, the mean batch from its events', () => {
    const record = fixtureRecord();
    const text = mutate(record, (j) => {
      j.version = 1;
      delete j.verdicts;
      const summary = j.summary as Summary & { overall: Record<string, unknown> };
      for (const t of [...summary.tenants, summary.overall]) delete t.meanBatch;
      // One event of a served in a batch of 4 (after the warm-up) moves the mean batch worked out from the events.
      const events = j.events as { tenant: string; arrivalMs: number; batch: number }[];
      const late = events.findIndex((e) => e.tenant === 'a' && e.arrivalMs >= 200);
      events[late]!.batch = 4;
    });
    expect(text).not.toContain('meanBatch');
    const parsed = parseRunFile(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.record.version).toBe(2);
    expect(parsed.record.verdicts).toEqual(record.verdicts);
    // a: 180 measured requests, one of them in a batch of 4: 179 + 1/4 slices.
    expect(parsed.record.summary?.tenants[0]?.meanBatch).toBeCloseTo(180 / 179.25, 12);
    expect(parsed.record.summary?.tenants[1]?.meanBatch).toBe(1);
    expect(parsed.record.summary?.overall.meanBatch).toBeCloseTo(216 / 215.25, 12);
  });

  it.each([
    ['not JSON', () => '{', '', 'invalid JSON'],
    ['another format', (r: RunRecord) => mutate(r, (j) => (j.format = 'something-else')), 'format', 'not a Tenancy Lab run file'],
    ['a newer version', (r: RunRecord) => mutate(r, (j) => (j.version = 3)), 'version', 'expected version 1 or 2'],
    ['a version 2 file without verdicts', (r: RunRecord) => mutate(r, (j) => delete j.verdicts), 'verdicts', "expected the tenants' verdicts in a version 2 file"],
    ['a version 2 file without a mean batch', (r: RunRecord) => mutate(r, (j) => delete (j.summary as Summary).tenants[1]!.meanBatch), 'summary.tenants[1].meanBatch', 'expected a mean batch'],
    ['a mean batch under 1', (r: RunRecord) => mutate(r, (j) => ((j.summary as Summary).tenants[0]!.meanBatch = 0.5)), 'summary.tenants[0].meanBatch', ''],
    ['a verdict that its figures do not give', (r: RunRecord) => mutate(r, (j) => ((j.verdicts as Verdict[])[0]!.kind = 'PASS')), 'verdicts[0].kind', 'expected INVALID from the record\'s own figures'],
    ['a verdict whose p99 is not the summary\'s', (r: RunRecord) => mutate(r, (j) => ((j.verdicts as Verdict[])[0]!.p99Ms = 1)), 'verdicts[0].p99Ms', '(from the summary and the tenant\'s SLO), got 1'],
    ['a verdict against another SLO', (r: RunRecord) => mutate(r, (j) => ((j.verdicts as Verdict[])[1]!.sloMs = 99)), 'verdicts[1].sloMs', 'expected 20'],
    ['a verdict for another tenant', (r: RunRecord) => mutate(r, (j) => ((j.verdicts as Verdict[])[1]!.tenant = 'a')), 'verdicts[1].tenant', 'expected "b"'],
    ['a verdict too few', (r: RunRecord) => mutate(r, (j) => (j.verdicts = (j.verdicts as Verdict[]).slice(1))), 'verdicts', 'expected 2 verdicts'],
    ['a verdict with an unknown field', (r: RunRecord) => mutate(r, (j) => ((j.verdicts as Verdict[])[0]!.extra = 1)), 'verdicts[0].extra', 'unknown field'],
    ['a bad experiment field', (r: RunRecord) => mutate(r, (j) => ((j.experiment as { warmupMs: number }).warmupMs = -1)), 'experiment.warmupMs', ''],
    ['a negative latency', (r: RunRecord) => mutate(r, (j) => ((j.events as { latencyMs: number }[])[3]!.latencyMs = -5)), 'events[3].latencyMs', ''],
    ['an unknown tenant', (r: RunRecord) => mutate(r, (j) => ((j.events as { tenant: string }[])[0]!.tenant = 'zz')), 'events[0].tenant', 'unknown tenant "zz"'],
    ['a sample of the wrong width', (r: RunRecord) => mutate(r, (j) => ((j.samples as { queued: number[] }[])[1]!.queued = [0])), 'samples[1].queued', 'expected 2 counts'],
    ['an unknown field', (r: RunRecord) => mutate(r, (j) => (j.extra = 1)), 'extra', 'unknown field'],
  ])('refuses %s, naming the field', (_name, make, path, message) => {
    const parsed = parseRunFile(make(fixtureRecord()));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues[0]?.path).toBe(path);
    expect(parsed.issues[0]?.message).toContain(message);
  });

  it('a run that replayed a built-in trace carries its CC-BY attribution, and reads back with it; others carry none', () => {
    const base = fixtureExperiment();
    const first = base.tenants[0];
    if (first === undefined) throw new Error('fixture');
    const replay = { ...base, tenants: [{ ...first, arrival: { kind: 'replay' as const, trace: 'azure-llm-2023-conv' as const, rate: { unit: 'per-sec' as const, value: 5 } } }, ...base.tenants.slice(1)] };
    const parsed = parseRunFile(runToJson(fixtureRecord(replay)));
    expect(parsed.ok && parsed.record.attribution).toBe(TRACE_ATTRIBUTION);
    expect('attribution' in fixtureRecord()).toBe(false);
  });

  it('reports one issue per kind of inconsistency, not thousands', () => {
    const text = mutate(fixtureRecord(), (j) => {
      for (const e of j.events as { tenant: string }[]) e.tenant = 'zz';
    });
    const parsed = parseRunFile(text);
    expect(parsed.ok ? [] : parsed.issues).toHaveLength(1);
  });

  it('the summary CSV has a row per tenant and overall with the metrics columns', () => {
    const lines = (runSummaryCsv(fixtureRecord()) ?? '').trim().split('\n');
    expect(lines[0]).toBe(METRICS_CSV_COLUMNS.join(','));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['a', 'b', 'overall']);
    for (const line of lines) expect(line.split(',')).toHaveLength(METRICS_CSV_COLUMNS.length);
    // The verdict and mean batch columns: what the run file's verdicts say; none for overall (no single SLO).
    const cellOf = (line: string | undefined, column: string): string | undefined => line?.split(',')[METRICS_CSV_COLUMNS.indexOf(column)];
    expect(lines.slice(1).map((l) => [cellOf(l, 'mean_batch'), cellOf(l, 'slo_ms'), cellOf(l, 'verdict'), cellOf(l, 'verdict_samples'), cellOf(l, 'verdict_needed_samples')])).toEqual([
      ['1', '50', 'INVALID', '180', '662'], ['1', '20', 'INVALID', '37', '662'], ['1', '', '', '', ''],
    ]);
    expect(cellOf(lines[2], 'verdict_dropped_share')).toBe(String(1 / 37));
    expect(cellOf(lines[2], 'verdict_reason')).toBe('37 samples of the 662 needed for p99; 2.70% dropped (at most 1%); p99 30.0 ms over the 20.0 ms bound');
    // LoadGen's early-stopping estimate: a is all within its bound (459 needed), b has every request over it.
    expect([cellOf(lines[1], 'early_stopping_verdict'), cellOf(lines[1], 'early_stopping_needed_samples')]).toEqual(['INVALID', '459']);
    expect(cellOf(lines[1], 'early_stopping_reason')).toBe("0 of 180 requests over the bound; LoadGen's early stopping needs 459: 279 more all within the bound");
    expect(cellOf(lines[3], 'early_stopping_verdict')).toBe('');
  });

  it('the requests CSV has a row per completed request with its SLO verdict and warm-up flag', () => {
    const record = fixtureRecord();
    const lines = runRequestsCsv(record).trim().split('\n');
    expect(lines[0]).toBe(REQUEST_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(record.events.length + 1);
    const cells = (lines[1] ?? '').split(',');
    expect(cells[0]).toBe('a');
    expect(cells[10]).toBe('1');
    expect(cells[11]).toBe('0');
  });
});
