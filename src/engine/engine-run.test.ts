// Tests for a whole engine run with fake lanes on a fake clock (deterministic): both lane modes balance, profiles feed slowdown, lane failures and device loss are survived.
import { describe, expect, it } from 'vitest';
import type { ExperimentInput } from '../core/experiment';
import { profileExperiment } from './engine-profile';
import { EngineRun } from './engine-run';
import { fakeHost, FakeLane, type FakeClock } from './fake-lane.test-support';
import { MAX_CONSECUTIVE_LANE_FAILURES } from './lane-executor';
import type { EngineLane } from './lane-pool';

const tenant = (id: string, arrival: ExperimentInput['tenants'][number]['arrival']): ExperimentInput['tenants'][number] => ({
  id, model: 'tiny-cnn', resolution: 32, batch: { kind: 'none' }, arrival, sloMs: 50, queueLimit: 8,
});

const experiment = (mode: 'time-sliced' | 'concurrent', dispatchDepth = 1): ExperimentInput => ({
  schemaVersion: 1,
  tenants: [tenant('a', { kind: 'closed-loop', outstanding: 2 }), tenant('b', { kind: 'poisson', rate: { unit: 'capacity-fraction', value: 0.3 } })],
  scheduler: { policy: 'round-robin', granularity: 'inference' },
  lanes: { mode, dispatchDepth },
  warmupMs: 50,
  durationMs: 400,
  seed: 7,
});

/** A run on a fake clock; `start` drives the clock until the run ends. */
function runWith(lanes: (label: string) => EngineLane): { run: EngineRun; clock: FakeClock; start: (...args: Parameters<EngineRun['start']>) => Promise<void> } {
  const host = fakeHost(lanes);
  const run = new EngineRun(host);
  return { run, clock: host.clock, start: (...args) => host.clock.drive(run.start(...args)) };
}

describe('EngineRun with fake lanes', () => {
  it.each([
    ['time-sliced', 1],
    ['time-sliced', 2],
    ['concurrent', 1],
  ] as const)('%s (depth %d): finishes balanced, every tenant served, slowdown and SLO rate present', async (mode, depth) => {
    const { run, start } = runWith(() => new FakeLane(5));
    await start(experiment(mode, depth), { backend: 'wasm', profileBatches: [1], profileRuns: 10 });
    const snap = run.snapshot();
    expect(snap.error).toBeNull();
    expect(snap.phase).toBe('finished');
    expect(snap.laneCount).toBe(mode === 'concurrent' ? 2 : 1);
    const metrics = snap.metrics;
    expect(metrics).not.toBeNull();
    for (const t of metrics?.tenants ?? []) {
      const l = t.ledger;
      expect(l.arrivals).toBe(l.completed + l.dropped);
      expect(l.queued + l.running).toBe(0);
      expect(t.measured.completed).toBeGreaterThan(0);
      expect(t.slowdown?.p50.value).toBeGreaterThan(0.5);
      expect(t.sloSatisfaction).not.toBeNull();
    }
    expect(snap.soloProfiles).toEqual([expect.objectContaining({ modelKey: 'tiny-cnn@32', batch: 1, samples: 10, cached: false })]);
    expect(snap.dispatchGapMs.count).toBeGreaterThan(0);
    // On the fake clock every timer fires on time: no open-loop arrival is late.
    expect(snap.arrivalLateness).toMatchObject({ late: 0, lateShare: 0, p99Ms: 0 });
    expect(snap.arrivalLateness?.arrivals).toBeGreaterThan(0);
    const { events, slices } = run.takeProgress();
    expect(events.length).toBe(metrics?.overall.ledger.completed);
    // Every completed request belongs to exactly one whole-inference slice of its tenant.
    expect(slices.reduce((sum, s) => sum + s.batch, 0)).toBe(events.length);
    for (const s of slices) {
      expect(s).toMatchObject({ block: 0, blocks: 1 });
      expect(s.endMs).toBeGreaterThanOrEqual(s.startMs);
    }
    for (const e of events) expect(e.latencyMs).toBeGreaterThan(0);
    expect(run.takeProgress()).toEqual({ events: [], slices: [] });
  });

  it('reports setup progress while preparing and profiling, and none once running', async () => {
    class SlowProfileLane extends FakeLane {
      override profile(key: string, batch: number, warmupRuns: number, runs: number): Promise<readonly number[]> {
        return new Promise((resolve) => this.clock.setTimer(() => resolve(super.profile(key, batch, warmupRuns, runs)), 10));
      }
    }
    const { run, clock } = runWith(() => new SlowProfileLane(5));
    const started = run.start(experiment('time-sliced'), { backend: 'wasm', profileBatches: [1, 2], profileRuns: 5, codeWarmup: false });
    // Solo profiles first: one model (both tenants run tiny-cnn@32) at two batch sizes.
    expect(run.snapshot().phase).toBe('profiling');
    await clock.runUntil(() => run.snapshot().setup !== null);
    const profiling = run.snapshot().setup;
    expect(profiling).toMatchObject({ total: 2 });
    expect(profiling?.label).toContain('tiny-cnn@32 alone at batch');
    await clock.drive(started);
    expect(run.snapshot().setup).toBeNull();
  });

  it('drops the failed batch with lane-error, rebuilds the lane and goes on', async () => {
    let made = 0;
    const { run, start } = runWith(() => new FakeLane(5, made++ === 0 ? 4 : 0));
    await start(experiment('time-sliced'), { backend: 'wasm', profileBatches: [1], profileRuns: 5 });
    const snap = run.snapshot();
    expect(snap.phase).toBe('finished');
    expect(made).toBe(2);
    expect(snap.faults).toEqual([expect.objectContaining({ lane: 0, reason: 'device lost', failedRequests: 1 })]);
    const total = snap.metrics?.overall.ledger;
    expect(total?.droppedByReason['lane-error']).toBe(1);
    expect(total?.arrivals).toBe((total?.completed ?? 0) + (total?.dropped ?? 0));
    expect(total?.completed).toBeGreaterThan(10);
  });

  it('stops rebuilding a lane that fails every dispatch: the run fails naming the lane, the count and the reason', async () => {
    let made = 0;
    const { run, start } = runWith(() => {
      made++;
      return new FakeLane(5, 1);
    });
    await start(experiment('time-sliced'), { backend: 'wasm', profileBatches: [1], profileRuns: 5 });
    const snap = run.snapshot();
    expect(snap.phase).toBe('failed');
    expect(snap.error).toBe(`lane 0 failed ${String(MAX_CONSECUTIVE_LANE_FAILURES)} times in a row, rebuilt after each, without completing a slice; last: device lost`);
    // The first lane plus one rebuild per failure but the last.
    expect(made).toBe(MAX_CONSECUTIVE_LANE_FAILURES);
    expect(snap.faults).toHaveLength(MAX_CONSECUTIVE_LANE_FAILURES);
  });

  it('reports field-named problems instead of running: more layer blocks than the model has cut points', async () => {
    const { run, start } = runWith(() => new FakeLane(5));
    await start({ ...experiment('time-sliced'), scheduler: { policy: 'fcfs', granularity: 'layer-blocks', blocks: 8 } }, { backend: 'wasm' });
    expect(run.snapshot()).toMatchObject({
      phase: 'failed',
      error: 'scheduler.blocks: tiny-cnn@32 can be cut into at most 7 layer blocks (it has 6 cut points where a single tensor is live); got 8',
    });
  });

  it('profiles on demand: batch 1, 2, 4 medians and throughputs, then the same points from the cache', async () => {
    const host = fakeHost(() => new FakeLane(4));
    const options = { backend: 'wasm', profileBatches: [1, 2, 4], profileRuns: 9 } as const;
    const first = await host.clock.drive(profileExperiment(experiment('concurrent'), options, host));
    expect(first).toMatchObject({ ok: true });
    const points = first.ok ? first.profiles : [];
    expect(points.map((p) => [p.batch, p.samples, p.cached])).toEqual([[1, 9, false], [2, 9, false], [4, 9, false]]);
    for (const p of points) expect(p.throughputPerSec).toBeCloseTo((p.batch * 1000) / p.medianMs, 9);
    const again = await host.clock.drive(profileExperiment(experiment('concurrent'), options, host));
    expect(again.ok && again.profiles.every((p) => p.cached)).toBe(true);
    // Refresh: measured again although cached, and the cache then holds the new points.
    const refreshed = await host.clock.drive(profileExperiment(experiment('concurrent'), { ...options, refreshProfiles: true }, host));
    expect(refreshed.ok && refreshed.profiles.map((p) => p.cached)).toEqual([false, false, false]);
    for (const p of refreshed.ok ? refreshed.profiles : []) expect(p.measuredAtEpochMs).toBeGreaterThan(0);
    expect(await profileExperiment({ schemaVersion: 2 }, options, host)).toMatchObject({ ok: false, error: expect.stringContaining('schemaVersion') as unknown });
  });

  it('destroys a WebGPU lane\'s device mid-run: in-flight requests fail with lane-error and the loss, the lane is rebuilt', async () => {
    let made = 0;
    const { run, clock } = runWith(() => {
      made++;
      return new FakeLane(5);
    });
    const done = run.start(experiment('concurrent'), { backend: 'webgpu', profileBatches: [1], profileRuns: 5 });
    await clock.runUntil(() => (run.snapshot().metrics?.overall.ledger.completed ?? 0) >= 5);
    await expect(run.destroyDevice(0)).resolves.toContain('destroyed');
    await clock.drive(done);
    const snap = run.snapshot();
    expect(snap.phase).toBe('finished');
    expect(made).toBe(3);
    expect(snap.faults.length).toBeGreaterThan(0);
    for (const fault of snap.faults) expect(fault).toMatchObject({ lane: 0, reason: expect.stringContaining('GPU device was lost') as unknown });
    const closed = snap.metrics?.tenants[0]?.ledger;
    expect(closed?.droppedByReason['lane-error']).toBeGreaterThan(0);
    expect(closed?.arrivals).toBe((closed?.completed ?? 0) + (closed?.dropped ?? 0));
    const faultAtMs = snap.faults[0]?.atMs ?? Infinity;
    expect(run.takeProgress().events.filter((e) => e.lane === 0 && e.startMs > faultAtMs).length).toBeGreaterThan(0);
  });

  it('refuses to destroy the device of a WASM lane, and the run goes on untouched', async () => {
    const { run, clock } = runWith(() => new FakeLane(5));
    const done = run.start(experiment('concurrent'), { backend: 'wasm', profileBatches: [1], profileRuns: 5 });
    await expect(run.destroyDevice(5)).rejects.toThrow('no lane 5 in the current run');
    await clock.runUntil(() => run.snapshot().phase === 'running');
    await expect(run.destroyDevice(0)).rejects.toThrow('this lane runs on WASM: it has no WebGPU device to destroy');
    await clock.drive(done);
    const snap = run.snapshot();
    expect(snap.phase).toBe('finished');
    expect(snap.faults).toEqual([]);
    expect(snap.metrics?.overall.ledger.dropped).toBe(0);
  });
});
