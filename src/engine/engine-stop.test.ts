// Tests that Stop during a run's setup ends it at once (no waiting for a lane's profile or session), and solo profiles measured until stable.
import { describe, expect, it } from 'vitest';
import type { ExperimentInput } from '../core/experiment';
import type { PrepareSpec, PreparedInfo } from '../runtime/lane-protocol';
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
