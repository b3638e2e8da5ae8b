// Soak tests of a live run on the fake clock: 200k requests, and nothing the engine worker keeps grows with the length of the run.
import { describe, expect, it } from 'vitest';
import type { ExperimentInput } from '../core/experiment';
import { ENGINE_DEFAULTS } from './engine-protocol';
import { EngineRun } from './engine-run';
import { fakeHost, FakeLane } from './fake-lane.test-support';

type TenantInput = ExperimentInput['tenants'][number];
const poisson = (id: string, perSec: number): TenantInput => ({
  id, model: 'tiny-cnn', resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'poisson', rate: { unit: 'per-sec', value: perSec } }, sloMs: 50, queueLimit: 64,
});

/** The most each structure held at any snapshot of the run. */
interface Peaks {
  events: number;
  slices: number;
  inFlight: number;
  betweenBlocks: number;
  snapshots: number;
}

/**
 * Runs `experiment` on fake lanes of `serviceMs` per whole inference, taking a snapshot and the
 * progress every ENGINE_DEFAULTS.snapshotEveryMs of fake time (as the engine worker does).
 */
async function soak(experiment: ExperimentInput, serviceMs: number) {
  const host = fakeHost(() => new FakeLane(serviceMs));
  const run = new EngineRun(host);
  const peaks: Peaks = { events: 0, slices: 0, inFlight: 0, betweenBlocks: 0, snapshots: 0 };
  let completed = 0;
  const tick = (): void => {
    const snapshot = run.snapshot();
    const { events, slices } = run.takeProgress();
    completed += events.length;
    const held = run.retained();
    peaks.events = Math.max(peaks.events, events.length);
    peaks.slices = Math.max(peaks.slices, slices.length);
    peaks.inFlight = Math.max(peaks.inFlight, held?.inFlight ?? 0);
    peaks.betweenBlocks = Math.max(peaks.betweenBlocks, held?.betweenBlocks ?? 0);
    peaks.snapshots++;
    if (snapshot.phase !== 'finished' && snapshot.phase !== 'failed') host.clock.setTimer(tick, ENGINE_DEFAULTS.snapshotEveryMs);
  };
  host.clock.setTimer(tick, ENGINE_DEFAULTS.snapshotEveryMs);
  await host.clock.drive(run.start(experiment, { backend: 'wasm', profileBatches: [1], profileRuns: 5 }));
  const last = run.takeProgress();
  return { snapshot: run.snapshot(), peaks, completed: completed + last.events.length };
}

describe('engine soak (fake clock)', () => {
  it.each([
    // 200k requests of whole inferences at 500/s; 50k layer-blocked batches (200k slices) at 250/s.
    ['whole inferences', { granularity: 'inference' }, 250, 400_000, 1],
    ['4 layer blocks', { granularity: 'layer-blocks', blocks: 4 }, 125, 200_000, 4],
  ] as const)('%s: every request accounted for, and per-snapshot buffers, lanes and batches between blocks stay bounded', async (_name, granularity, perSecEach, durationMs, slicesPerBatch) => {
    const experiment: ExperimentInput = {
      schemaVersion: 1, tenants: [poisson('a', perSecEach), poisson('b', perSecEach)], scheduler: { policy: 'fcfs', ...granularity },
      lanes: { mode: 'time-sliced', dispatchDepth: 2 }, warmupMs: 100, durationMs, seed: 9,
    };
    const { snapshot, peaks, completed } = await soak(experiment, 1);
    expect(snapshot.error).toBeNull();
    expect(snapshot.phase).toBe('finished');
    const ledger = snapshot.metrics?.overall.ledger;
    expect(ledger?.arrivals).toBe((ledger?.completed ?? 0) + (ledger?.dropped ?? 0));
    expect(completed).toBe(ledger?.completed);
    expect(completed).toBeGreaterThan(((2 * perSecEach * durationMs) / 1000) * 0.97);
    // Events wait in the worker for one snapshot interval only: about rate x 200 ms (Poisson: x2 slack), whatever the run's length.
    const perSnapshot = (2 * perSecEach * ENGINE_DEFAULTS.snapshotEveryMs) / 1000;
    expect(peaks.events).toBeLessThan(2 * perSnapshot);
    expect(peaks.slices).toBeLessThan(2 * perSnapshot * slicesPerBatch);
    // One lane at dispatch depth 2; one batch between blocks per tenant at most.
    expect(peaks.inFlight).toBeLessThanOrEqual(2);
    expect(peaks.betweenBlocks).toBeLessThanOrEqual(slicesPerBatch === 1 ? 0 : 2);
    expect(peaks.snapshots).toBeGreaterThanOrEqual(durationMs / ENGINE_DEFAULTS.snapshotEveryMs);
    // The dispatch gaps went into the digest (a count and a sketch, no list): a run this long has many.
    expect(snapshot.dispatchGapMs.count).toBeGreaterThan(completed / slicesPerBatch / 10);
  }, 600_000);
});
