// Tests for hostile run files: counts bounded by the file's own experiment, user keys, huge invalid arrays, crafted shapes.
import { describe, expect, it } from 'vitest';
import { craftedRunFile } from './crafted-run-file';
import { RunController, type RunEngine } from './run-controller';
import { parseRunFile, runToJson } from './run-file';
import type { RunRecord } from './run-record';
import { fixtureExperiment, fixtureUpdates } from './run-test-fixture';
import { MAX_CHART_POINTS } from './run-series';

function fixtureRecord(): RunRecord {
  let listener: Parameters<RunEngine['onUpdate']>[0] = () => undefined;
  const engine: RunEngine = { start: () => undefined, stop: () => undefined, onUpdate: (l) => ((listener = l), () => undefined) };
  const controller = new RunController({ createEngine: () => engine, nowIso: () => '2026-12-01T12:00:00.000Z', environment: { userAgent: 'test', crossOriginIsolated: true } });
  controller.start(fixtureExperiment());
  for (const update of fixtureUpdates()) listener(update);
  const record = controller.record();
  if (record === null) throw new Error('no record');
  return record;
}

const mutate = (change: (json: Record<string, unknown> & { slices: Record<string, unknown>[]; events: Record<string, unknown>[] }) => void): string => {
  const json = JSON.parse(runToJson(fixtureRecord())) as Record<string, unknown> & { slices: Record<string, unknown>[]; events: Record<string, unknown>[] };
  change(json);
  return JSON.stringify(json);
};

/** What the run section shows for a file opened in it: its series, or the import issues. */
function importSeries(text: string) {
  const controller = new RunController({ createEngine: () => ({ start: () => undefined, stop: () => undefined, onUpdate: () => () => undefined }), nowIso: () => '', environment: { userAgent: 'test', crossOriginIsolated: true } });
  controller.importRun('run.json', text);
  const snapshot = controller.store.getSnapshot();
  if (snapshot.importIssues !== null) throw new Error(JSON.stringify(snapshot.importIssues.issues));
  const series = snapshot.run?.series;
  if (series === undefined || series === null) throw new Error('no series');
  return series;
}

function issuesOf(text: string): { path: string; message: string }[] {
  const parsed = parseRunFile(text);
  if (parsed.ok) throw new Error('expected the file to be refused');
  return [...parsed.issues];
}

describe('hostile run files', () => {
  it.each([
    ['a slice on lane 2^32', (j: Parameters<Parameters<typeof mutate>[0]>[0]) => (j.slices[0] = { ...j.slices[0], lane: 2 ** 32 }), 'slices[0].lane'],
    ['a slice on lane 1e7', (j: Parameters<Parameters<typeof mutate>[0]>[0]) => (j.slices[0] = { ...j.slices[0], lane: 1e7 }), 'slices[0].lane'],
    ['an event on lane 1', (j: Parameters<Parameters<typeof mutate>[0]>[0]) => (j.events[0] = { ...j.events[0], lane: 1 }), 'events[0].lane'],
    ['a block past its blocks', (j: Parameters<Parameters<typeof mutate>[0]>[0]) => (j.slices[0] = { ...j.slices[0], block: 3, blocks: 2 }), 'slices[0].block'],
    ['a batch of 1e9', (j: Parameters<Parameters<typeof mutate>[0]>[0]) => (j.slices[0] = { ...j.slices[0], batch: 1e9 }), 'slices[0].batch'],
    ['a mean batch of 1e9', (j: Parameters<Parameters<typeof mutate>[0]>[0]) => ((j.summary as { tenants: Record<string, unknown>[] }).tenants[0]!.meanBatch = 1e9), 'summary.tenants[0].meanBatch'],
    ['a verdict p99 of 1e308', (j: Parameters<Parameters<typeof mutate>[0]>[0]) => ((j.verdicts as Record<string, unknown>[])[0]!.p99Ms = 1e308), 'verdicts[0].p99Ms'],
    ['a verdict of 2^53 samples', (j: Parameters<Parameters<typeof mutate>[0]>[0]) => ((j.verdicts as Record<string, unknown>[])[0]!.samples = 2 ** 53), 'verdicts[0].samples'],
    ['a verdict for a tenant named __proto__', (j: Parameters<Parameters<typeof mutate>[0]>[0]) => ((j.verdicts as Record<string, unknown>[])[0]!.tenant = '__proto__'), 'verdicts[0].tenant'],
    ['a verdict reason of 10 kB', (j: Parameters<Parameters<typeof mutate>[0]>[0]) => ((j.verdicts as Record<string, unknown>[])[0]!.reason = 'x\n'.repeat(5000)), 'verdicts[0].reason'],
  ])('refuses %s, naming the field and the bound', (_name, change, path) => {
    const issues = issuesOf(mutate(change));
    expect(issues[0]?.path).toBe(path);
    expect(issues[0]?.message).toMatch(/expected/);
  });

  it('130k verdicts: one issue naming the list and its bound', () => {
    const issues = issuesOf(mutate((j) => (j.verdicts = Array.from({ length: 130_000 }, () => ({})))));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('verdicts');
  });

  it('130k invalid events give a few issues, not a stack overflow', () => {
    const issues = issuesOf(mutate((j) => (j.events = Array.from({ length: 130_000 }, () => ({})))));
    expect(issues.length).toBeLessThanOrEqual(21);
    expect(issues[0]?.path).toMatch(/^events\[0\]\./);
    expect(issues.at(-1)?.message).toMatch(/more problems not shown/);
  });

  it.each(['constructor', '__proto__', 'toString'])('a solo profile keyed %s imports and charts', (key) => {
    const text = mutate((j) => {
      const points = j.soloProfiles as Record<string, unknown>[];
      j.soloProfiles = [...points, { ...points[0], modelKey: key }];
    });
    expect(importSeries(text).points.length).toBeGreaterThan(0);
  });

  it('imports a file crafted to be slow (every event in one window), with the same counts it holds', () => {
    const series = importSeries(craftedRunFile(fixtureRecord(), 4000));
    // 4000 samples, drawn as every 8th and the last (at most MAX_CHART_POINTS points).
    expect(series.pointStride).toBe(8);
    expect(series.points).toHaveLength(501);
    expect(series.points.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(series.points.at(-1)?.n[0]).toBe(4000);
    expect(series.timeline.lanes).toBe(1);
  });
});
