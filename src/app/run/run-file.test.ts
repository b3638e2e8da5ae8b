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

  it.each([
    ['not JSON', () => '{', '', 'invalid JSON'],
    ['another format', (r: RunRecord) => mutate(r, (j) => (j.format = 'something-else')), 'format', 'not a Tenancy Lab run file'],
    ['a newer version', (r: RunRecord) => mutate(r, (j) => (j.version = 2)), 'version', 'expected version 1'],
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
