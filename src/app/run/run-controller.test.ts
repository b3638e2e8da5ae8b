// Tests for the run controller: refused starts name the field, live updates fill the view, failures keep the data, import/export.
import { describe, expect, it } from 'vitest';
import type { EngineUpdate } from '../../engine/engine-client';
import type { EngineOptions } from '../../engine/engine-protocol';
import type { Experiment } from '../../core/experiment';
import { profileBatchesFor, RunController, type RunEngine } from './run-controller';
import { runToJson } from './run-file';
import { fixtureExperiment, fixtureUpdates } from './run-test-fixture';

class FakeEngine implements RunEngine {
  readonly started: { experiment: Experiment; options: EngineOptions }[] = [];
  stops = 0;
  private listener: ((update: EngineUpdate) => void) | null = null;
  start(experiment: Experiment, options: EngineOptions): void {
    this.started.push({ experiment, options });
  }
  stop(): void {
    this.stops++;
  }
  onUpdate(listener: (update: EngineUpdate) => void): () => void {
    this.listener = listener;
    return () => (this.listener = null);
  }
  emit(update: EngineUpdate): void {
    this.listener?.(update);
  }
}

function setup() {
  const engine = new FakeEngine();
  let engines = 0;
  const controller = new RunController({
    createEngine: () => {
      engines++;
      return engine;
    },
    nowIso: () => '2026-12-01T12:00:00.000Z',
    environment: { userAgent: 'test-agent', crossOriginIsolated: true },
  });
  return { engine, controller, engineCount: () => engines };
}

describe('RunController', () => {
  it('refuses to start without a valid experiment or with bad settings, naming each', () => {
    const { controller, engineCount } = setup();
    controller.setForm({ profileRuns: 2 });
    expect(controller.store.getSnapshot().formErrors.profileRuns).toContain('expected a whole number from 5 to 500, got 2');
    controller.start(null);
    const issues = controller.store.getSnapshot().startIssues ?? [];
    expect(issues.map((i) => i.path)).toEqual(['profileRuns', 'experiment']);
    expect(engineCount()).toBe(0);
    expect(controller.store.getSnapshot().run).toBeNull();
  });

  it('starts the engine with the settings and solo profiles covering every batch a tenant can use', () => {
    const { controller, engine } = setup();
    controller.setForm({ backend: 'wasm', profileRuns: 12 });
    controller.start(fixtureExperiment());
    expect(engine.started[0]?.options).toMatchObject({ backend: 'wasm', build: 'webgpu-ep', profileRuns: 12, profileUntil: 'stable', allowFallback: true });
    // The engine profiles each model at its own tenants' batch sizes; the record states their union.
    expect(engine.started[0]?.options.profileBatches).toBeUndefined();
    const run = controller.store.getSnapshot().run;
    expect(run).toMatchObject({ live: true, phase: 'preparing', source: { kind: 'live' }, series: null });
    // A second Start while live does nothing.
    controller.start(fixtureExperiment());
    expect(engine.started).toHaveLength(1);
  });

  it('profile batches are the batch sizes tenants can run, batch 1 always, no more', () => {
    const experiment = fixtureExperiment();
    const big = { ...experiment, tenants: [{ ...experiment.tenants[0]!, batch: { kind: 'adaptive' as const, maxBatch: 20 } }] };
    expect(profileBatchesFor(big)).toEqual([1, 2, 4, 8, 16, 32]);
    const none = { ...experiment, tenants: [{ ...experiment.tenants[0]!, batch: { kind: 'none' as const } }] };
    expect(profileBatchesFor(none)).toEqual([1]);
  });

  it('fills the view as updates arrive and ends live at the finished update', () => {
    const { controller, engine } = setup();
    controller.start(fixtureExperiment());
    const updates = fixtureUpdates();
    for (const update of updates.slice(0, 3)) engine.emit(update);
    let run = controller.store.getSnapshot().run;
    expect(run?.live).toBe(true);
    expect(run?.series?.points).toHaveLength(3);
    expect(run?.device).toMatchObject({ backendUsed: 'wasm', userAgent: 'test-agent', crossOriginIsolated: true });
    for (const update of updates.slice(3)) engine.emit(update);
    run = controller.store.getSnapshot().run;
    expect(run).toMatchObject({ live: false, phase: 'finished' });
    expect(run?.summary?.tenants.map((t) => t.id)).toEqual(['a', 'b']);
    expect(run?.counts.events).toBe(updates.reduce((n, u) => n + u.events.length, 0));
  });

  it('a failed run keeps everything measured before the failure, and the error', () => {
    const { controller, engine } = setup();
    controller.start(fixtureExperiment());
    for (const update of fixtureUpdates(1000, 'failed', 'lane 0 could not be rebuilt: out of memory')) engine.emit(update);
    const run = controller.store.getSnapshot().run;
    expect(run?.phase).toBe('failed');
    expect(run?.outcome?.error).toContain('out of memory');
    expect(run?.series?.points).toHaveLength(5);
    expect(controller.record()?.events.length).toBeGreaterThan(0);
  });

  it('stop asks the engine to stop only while live', () => {
    const { controller, engine } = setup();
    controller.stop();
    controller.start(fixtureExperiment());
    controller.stop();
    expect(engine.stops).toBe(1);
  });

  it('an exported run imports back with the same series, and a bad file lists its issues without losing the run on screen', () => {
    const { controller, engine } = setup();
    controller.start(fixtureExperiment());
    for (const update of fixtureUpdates()) engine.emit(update);
    const live = controller.store.getSnapshot().run;
    const json = runToJson(controller.record() as NonNullable<ReturnType<RunController['record']>>);

    const other = setup().controller;
    expect(other.importRun('bad.json', '{"format": "x"}')).toBeNull();
    expect(other.store.getSnapshot().importIssues?.fileName).toBe('bad.json');
    // The run's experiment comes back, for the editor (so that it can be run again).
    expect(other.importRun('run.json', json)).toEqual(fixtureExperiment());
    const imported = other.store.getSnapshot().run;
    expect(imported?.source).toEqual({ kind: 'file', fileName: 'run.json' });
    expect(imported?.live).toBe(false);
    expect(imported?.series).toEqual(live?.series);
    expect(imported?.summary).toEqual(live?.summary);
    expect(imported?.latencyCdf).toEqual(live?.latencyCdf);
    expect(imported?.latencyCdf.some((c) => c.count > 0)).toBe(true);
    expect(imported?.timeline.count()).toBe(live?.counts.slices);
    expect(other.record()).toEqual(JSON.parse(json));

    controller.importRun('bad.json', 'not json');
    expect(controller.store.getSnapshot().run).toBe(live);
  });

  it('refuses an import during a live run', () => {
    const { controller } = setup();
    controller.start(fixtureExperiment());
    controller.importRun('run.json', '{}');
    expect(controller.store.getSnapshot().importIssues?.issues[0]?.message).toContain('stop it first');
    expect(controller.store.getSnapshot().run?.live).toBe(true);
  });
});
