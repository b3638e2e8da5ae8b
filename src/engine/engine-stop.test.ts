// Tests that Stop ends a run at once during its setup, and within the slices already on a lane while it runs (queued requests cancelled, ledger balanced); solo profiles measured until stable.
import { describe, expect, it } from 'vitest';
import type { ExperimentInput } from '../core/experiment';
import type { DispatchTiming, PrepareSpec, PreparedInfo } from '../runtime/lane-protocol';
import { EngineRun } from './engine-run';
import { fakeHost, FakeLane } from './fake-lane.test-support';

const experiment: ExperimentInput = {
  schemaVersion: 1,
  tenants: [{ id: 'a', model: 'tiny-cnn', resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'closed-loop', outstanding: 1 }, sloMs: 50, queueLimit: 8 }],
  scheduler: { policy: 'fcfs', granularity: 'inference' },
  lanes: { mode: 'time-sliced', dispatchDepth: 1 },
  warmupMs: 50,
  durationMs: 300,
  seed: 3,
};

/** A lane on a software adapter: every solo profile and every new session takes a minute (fake time). */
class SlowSetupLane extends FakeLane {
  override profile(key: string, batch: number, warmupRuns: number, runs: number): Promise<readonly number[]> {
    return new Promise((resolve) => this.clock.setTimer(() => resolve(super.profile(key, batch, warmupRuns, runs)), 60_000));
  }

  override prepare(spec: PrepareSpec): Promise<PreparedInfo> {
    return new Promise((resolve) => this.clock.setTimer(() => resolve(super.prepare(spec)), 60_000));
  }
}

describe('Stop during the setup', () => {
  it.each(['profiling', 'preparing'] as const)('while %s: the run ends stopped at once and its lanes are killed', async (phase) => {
    const lanes: FakeLane[] = [];
    const host = fakeHost(() => {
      const lane = new SlowSetupLane(5);
      lanes.push(lane);
      return lane;
    });
    const run = new EngineRun(host);
    const started = run.start(experiment, { backend: 'wasm', profileRuns: 5 });
    await host.clock.runUntil(() => run.snapshot().phase === phase);
    const stopAtMs = host.clock.monotonicMs();
    run.stop();
    await host.clock.drive(started);
    const snap = run.snapshot();
    expect(snap.phase).toBe('stopped');
    expect(snap.error).toBeNull();
    expect(snap.setup).toBeNull();
    // No fake time passed: the stop did not wait for the minute-long profile or session.
    expect(host.clock.monotonicMs()).toBe(stopAtMs);
    expect(lanes.map((l) => l.killed)).toEqual([true]);
  });
});

/** A fake lane that records the fake instant of every slice handed to it. */
class CountingLane extends FakeLane {
  readonly dispatchedAtMs: number[] = [];

  override dispatch(key: string, requests: number): Promise<DispatchTiming> {
    this.dispatchedAtMs.push(this.clock.monotonicMs());
    return super.dispatch(key, requests);
  }

  override dispatchBlock(key: string, requests: number, block: number, carry: string): Promise<DispatchTiming> {
    this.dispatchedAtMs.push(this.clock.monotonicMs());
    return super.dispatchBlock(key, requests, block, carry);
  }
}

/** An overloaded open-loop tenant (10 ms slices at 300/s arrive 3x faster than they run) beside a closed loop, so a queue builds. */
const overloaded = (mode: 'time-sliced' | 'concurrent', dispatchDepth: number, blocks: number): ExperimentInput => ({
  ...experiment,
  tenants: [
    { id: 'open', model: 'tiny-cnn', resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'poisson', rate: { unit: 'per-sec', value: 300 } }, sloMs: 50, queueLimit: 10_000 },
    { id: 'closed', model: 'tiny-cnn', resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'closed-loop', outstanding: 3 }, sloMs: 50, queueLimit: 8 },
  ],
  scheduler: blocks === 1 ? { policy: 'fcfs', granularity: 'inference' } : { policy: 'fcfs', granularity: 'layer-blocks', blocks },
  lanes: { mode, dispatchDepth },
  warmupMs: 100,
  durationMs: 5_000,
});

describe('Stop while running', () => {
  const SERVICE_MS = 10;
  it.each([
    ['time-sliced', 1, 1],
    ['time-sliced', 2, 1],
    ['time-sliced', 1, 4],
    ['time-sliced', 2, 4],
    ['concurrent', 1, 1],
  ] as const)('%s, depth %d, %d block(s): no dispatch after stop(), ends when the slices on the lanes end, queued requests cancelled, ledger balanced', async (mode, depth, blocks) => {
    const lanes: CountingLane[] = [];
    const host = fakeHost(() => {
      const lane = new CountingLane(SERVICE_MS);
      lanes.push(lane);
      return lane;
    });
    const run = new EngineRun(host);
    const started = run.start(overloaded(mode, depth, blocks), { backend: 'wasm', profileBatches: [1], profileRuns: 5 });
    await host.clock.runUntil(() => run.snapshot().phase === 'running' && (run.snapshot().metrics?.overall.ledger.queued ?? 0) > 20);
    const stopAtMs = host.clock.monotonicMs();
    const dispatchedBefore = lanes.reduce((n, l) => n + l.dispatchedAtMs.length, 0);
    const queuedAtStop = run.snapshot().metrics?.overall.ledger.queued ?? 0;
    run.stop();
    expect(run.snapshot().phase).toBe('draining');
    expect(run.snapshot().metrics?.overall.ledger.queued).toBe(0);
    await host.clock.drive(started);
    const snap = run.snapshot();
    expect(snap.phase).toBe('stopped');
    expect(snap.error).toBeNull();
    // Nothing was handed to a lane after the stop.
    expect(lanes.reduce((n, l) => n + l.dispatchedAtMs.length, 0)).toBe(dispatchedBefore);
    for (const lane of lanes) for (const atMs of lane.dispatchedAtMs) expect(atMs).toBeLessThanOrEqual(stopAtMs);
    // The run ended once the slices already on the lanes ended: at most `depth` slices per lane.
    const sliceMs = SERVICE_MS / blocks;
    expect(host.clock.monotonicMs() - stopAtMs).toBeLessThanOrEqual(depth * sliceMs + 1e-9);
    const metrics = snap.metrics;
    expect(metrics).not.toBeNull();
    for (const t of [...(metrics?.tenants ?? []), ...(metrics === null ? [] : [metrics.overall])]) {
      const l = t.ledger;
      expect(l.arrivals).toBe(l.completed + l.dropped);
      expect(l.queued + l.running).toBe(0);
      expect(l.dropped).toBe(Object.values(l.droppedByReason).reduce((a, b) => a + b, 0));
    }
    // Every request queued at the stop was cancelled (and, in layer blocks, batches between blocks too).
    expect(metrics?.overall.ledger.droppedByReason.stopped).toBeGreaterThanOrEqual(queuedAtStop);
    const open = metrics?.tenants.find((t) => t.id === 'open');
    // Cancelled requests neither meet nor miss their SLO.
    const m = open?.measured;
    if (m !== undefined && m.completed > 0) expect(open?.sloSatisfaction).toBeCloseTo(m.completedWithinSlo / (m.completed + m.dropped - m.droppedByReason.stopped), 12);
  });
});

/** A lane whose timed runs take their service time on the fake clock (so progress can be seen between windows). */
class TimedProfileLane extends FakeLane {
  override profile(key: string, batch: number, warmupRuns: number, runs: number): Promise<readonly number[]> {
    return new Promise((resolve) => this.clock.setTimer(() => resolve(super.profile(key, batch, warmupRuns, runs)), 5 * (warmupRuns + runs)));
  }
}

describe('solo profiles until stable', () => {
  it('measures windows until perf_analyzer\'s rule holds, says so on the point, and estimates the time left', async () => {
    const host = fakeHost(() => new TimedProfileLane(5));
    const run = new EngineRun(host);
    const left: number[] = [];
    const started = run.start(experiment, { backend: 'wasm', profileBatches: [1, 2], profileRuns: 30, profileUntil: 'stable' });
    await host.clock.runUntil(() => {
      const setup = run.snapshot().setup;
      if (setup?.leftMs !== undefined) left.push(setup.leftMs);
      return run.snapshot().phase !== 'profiling';
    });
    await host.clock.drive(started);
    const snap = run.snapshot();
    expect(snap.phase).toBe('finished');
    expect(snap.soloProfiles.map((p) => [p.batch, p.stability, p.windows, p.cached])).toEqual([[1, 'stable', 3, false], [2, 'stable', 3, false]]);
    expect(left.length).toBeGreaterThan(0);
    for (const ms of left) expect(ms).toBeGreaterThanOrEqual(0);
  });
});
