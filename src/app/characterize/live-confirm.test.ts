// Tests of the characterization's live confirmation on a fake engine: the live bracket beside the simulated one, a failure kept as a note.
import { describe, expect, it } from 'vitest';
import { exampleCustomModel } from '../../core/characterize/custom-entry.test-support';
import { mixCapacitySearch, type MixModel } from '../../core/characterize/default-mix';
import { LiveCapacitySchema } from '../../core/characterize/report-schema';
import type { Experiment } from '../../core/experiment';
import { failedSnapshot, type EngineUpdate } from '../../engine/engine-client';
import type { EngineSnapshot } from '../../engine/engine-protocol';
import type { LiveEngine } from '../analysis/live-capacity';
import { createLiveConfirmer } from './live-confirm';

const MODELS: MixModel[] = [
  { model: 'tiny-cnn', resolution: 32, p50Ms: 2, p99Ms: 3 },
  { model: 'squeezenet1_1', resolution: 32, p50Ms: 5, p99Ms: 7 },
];

/** A fake engine: a probe holds (all within SLO) when `holdsUpTo(its experiment)`, else 10% miss the SLO; or every run fails. */
function fakeEngine(holdsUpTo: (e: Experiment) => boolean, failAll = false): { engine: LiveEngine; disposed: () => number } {
  let last: EngineSnapshot | null = null;
  let disposed = 0;
  let listener: ((u: EngineUpdate) => void) | null = null;
  const engine: LiveEngine = {
    start(e) {
      const n = 700;
      const within = holdsUpTo(e) ? n : Math.floor(n * 0.9);
      const tenant = (id: string) => ({ id, measured: { completed: n, completedWithinSlo: within, dropped: 0, droppedByReason: { stopped: 0 } }, sloSatisfaction: within / n, latencyMs: { p99: { value: 9 } }, gpuMs: 1 });
      last = failAll ? failedSnapshot('no lane (fake)', null) : ({ ...failedSnapshot('', null), phase: 'finished', error: null, backendUsed: 'wasm', metrics: { tenants: e.tenants.map((t) => tenant(t.id)) } } as unknown as EngineSnapshot);
      listener?.({ snapshot: { ...last, phase: 'running' }, events: [], slices: [], finished: false });
    },
    stop: () => undefined,
    finished: () => Promise.resolve(last),
    onUpdate(l) {
      listener = l;
      return () => (listener = null);
    },
    dispose: () => disposed++,
  };
  return { engine, disposed: () => disposed };
}

const simulated = (() => {
  const fcfs = mixCapacitySearch(MODELS).fcfs;
  if (fcfs === null) throw new Error('the fixture mix searches');
  return fcfs;
})();
const rateOf = (e: Experiment): number => (e.tenants[0]?.arrival.kind === 'poisson' ? e.tenants[0].arrival.rate.value : 0);

describe('createLiveConfirmer', () => {
  it('brackets the FCFS capacity live and reports it beside the simulated bracket', async () => {
    let firstRate = 0;
    const fake = fakeEngine((e) => {
      firstRate ||= rateOf(e);
      return rateOf(e) <= firstRate * 0.8 + 1e-9;
    });
    const live = await createLiveConfirmer(() => fake.engine).confirm({ models: MODELS, simulated, engine: { backend: 'wasm' } });
    expect(LiveCapacitySchema.safeParse(live).success).toBe(true);
    expect(live).toMatchObject({ policy: 'fcfs', simulated: { holdsFactor: simulated.holdsFactor, failsFactor: simulated.failsFactor }, backendUsed: 'wasm', note: null });
    expect(live.probes).toBeGreaterThan(1);
    expect(live.holdsFactor).not.toBeNull();
    expect(live.holdsFactor ?? Infinity).toBeLessThan(simulated.holdsFactor ?? 0);
    expect(fake.disposed()).toBe(1);
  });

  it('keeps why a confirmation failed', async () => {
    const live = await createLiveConfirmer(() => fakeEngine(() => true, true).engine).confirm({ models: MODELS, simulated, engine: { backend: 'wasm' } });
    expect(live).toMatchObject({ outcome: 'failed', holdsFactor: null });
    expect(live.note).toMatch(/failed: no lane \(fake\)/);
  });

  it('gives every probe of a mix with a custom model its entry (the engine client then carries its bytes)', async () => {
    const hw = exampleCustomModel('hw');
    const models: MixModel[] = [MODELS[0] as MixModel, { model: 'custom:hw', resolution: 32, p50Ms: 3, p99Ms: 4, custom: hw }];
    const fcfs = mixCapacitySearch(models).fcfs;
    if (fcfs === null) throw new Error('a mix with a custom model searches');
    const started: Experiment[] = [];
    const fake = fakeEngine((e) => {
      started.push(e);
      return true;
    });
    await createLiveConfirmer(() => fake.engine).confirm({ models, simulated: fcfs, engine: { backend: 'wasm' } });
    expect(started.length).toBeGreaterThan(0);
    for (const e of started) expect(e.customModels).toEqual([hw]);
  });
});
