// Tests for a whole engine run with fake lanes (real timers): both lane modes balance, profiles feed slowdown, a lane failure is survived.
import { describe, expect, it } from 'vitest';
import type { ExperimentInput } from '../../core/experiment';
import type { DispatchTiming, PrepareSpec, PreparedInfo } from '../../runtime/lane-protocol';
import { profileExperiment } from './engine-profile';
import { EngineRun } from './engine-run';
import type { EngineLane } from './lane-pool';

/**
 * A lane that takes `serviceMs` per run, one at a time; `failAt` makes that dispatch (1-based, per lane)
 * reject. On a 'webgpu' session it has a device that destroyDevice() loses (pending dispatches fail).
 */
class FakeLane implements EngineLane {
  private busyUntil = 0;
  private dispatches = 0;
  private backend: PrepareSpec['backend'] = 'wasm';
  private readonly pending = new Set<(error: Error) => void>();
  private lost: string | null = null;
  killed = false;
  constructor(
    private readonly serviceMs: number,
    private readonly failAt = 0,
  ) {}
  prepare(spec: PrepareSpec): Promise<PreparedInfo> {
    this.backend = spec.backend;
    return Promise.resolve({
      key: `${spec.modelId}@${String(spec.resolution)}@${String(spec.batch)}`, backendUsed: spec.backend, build: spec.build,
      fallbackReasons: [], adapter: null, ortVersion: 'fake', buildMs: 0, sessionMs: 0, gpuTiming: null, gpuTimingUnavailable: null,
    });
  }
  dispatch(_key: string, _requests: number): Promise<DispatchTiming> {
    this.dispatches++;
    if (this.lost !== null) return Promise.reject(new Error(this.lost));
    if (this.dispatches === this.failAt) return Promise.reject(new Error('device lost'));
    const startEpochMs = Math.max(performance.timeOrigin + performance.now(), this.busyUntil);
    this.busyUntil = startEpochMs + this.serviceMs;
    const endEpochMs = this.busyUntil;
    const waitMs = endEpochMs - (performance.timeOrigin + performance.now());
    return new Promise((resolve, reject) => {
      this.pending.add(reject);
      setTimeout(() => {
        this.pending.delete(reject);
        resolve({ startEpochMs, endEpochMs, serviceMs: this.serviceMs, gpuMs: null });
      }, Math.max(0, waitMs));
    });
  }
  profile(_key: string, _warmupRuns: number, runs: number): Promise<readonly number[]> {
    return Promise.resolve(Array.from({ length: runs }, (_, i) => this.serviceMs + (i % 3) * 0.1));
  }
  dispose(): Promise<void> {
    return Promise.resolve();
  }
  kill(_reason: string): void {
    this.killed = true;
  }
  destroyDevice(): Promise<string> {
    if (this.backend !== 'webgpu') return Promise.reject(new Error('lane: destroy-device failed: this lane runs on WASM: it has no WebGPU device to destroy'));
    this.lost = 'lane: the GPU device was lost: destroyed (fault injection)';
    for (const reject of this.pending) reject(new Error(this.lost));
    this.pending.clear();
    return Promise.resolve(this.lost);
  }
}

/** Resolves once `condition` holds (polled every 2 ms); the tests' timeout bounds the wait. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

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

const hostWith = (lanes: (label: string) => EngineLane) => ({
  createLane: lanes,
  monotonicMs: () => performance.now(),
  toEpochMs: (m: number) => performance.timeOrigin + m,
  profileCache: new Map(),
});

function runWith(lanes: (label: string) => EngineLane) {
  return new EngineRun(hostWith(lanes));
}

describe('EngineRun with fake lanes', () => {
  it.each([
    ['time-sliced', 1],
    ['time-sliced', 2],
    ['concurrent', 1],
  ] as const)('%s (depth %d): finishes balanced, every tenant served, slowdown and SLO rate present', async (mode, depth) => {
    const run = runWith(() => new FakeLane(5));
    await run.start(experiment(mode, depth), { backend: 'wasm', profileBatches: [1], profileRuns: 10 });
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

  it('drops the failed batch with lane-error, rebuilds the lane and goes on', async () => {
    let made = 0;
    const run = runWith(() => new FakeLane(5, made++ === 0 ? 4 : 0));
    await run.start(experiment('time-sliced'), { backend: 'wasm', profileBatches: [1], profileRuns: 5 });
    const snap = run.snapshot();
    expect(snap.phase).toBe('finished');
    expect(made).toBe(2);
    expect(snap.faults).toEqual([expect.objectContaining({ lane: 0, reason: 'device lost', failedRequests: 1 })]);
    const total = snap.metrics?.overall.ledger;
    expect(total?.droppedByReason['lane-error']).toBe(1);
    expect(total?.arrivals).toBe((total?.completed ?? 0) + (total?.dropped ?? 0));
    expect(total?.completed).toBeGreaterThan(10);
  });

  it('reports field-named problems instead of running', async () => {
    const run = runWith(() => new FakeLane(5));
    await run.start({ ...experiment('time-sliced'), scheduler: { policy: 'fcfs', granularity: 'layer-blocks', blocks: 2 } }, { backend: 'wasm' });
    expect(run.snapshot()).toMatchObject({ phase: 'failed', error: expect.stringContaining('scheduler.granularity') as unknown });
  });

  it('profiles on demand: batch 1, 2, 4 medians and throughputs, then the same points from the cache', async () => {
    const host = hostWith(() => new FakeLane(4));
    const options = { backend: 'wasm', profileBatches: [1, 2, 4], profileRuns: 9 } as const;
    const first = await profileExperiment(experiment('concurrent'), options, host);
    expect(first).toMatchObject({ ok: true });
    const points = first.ok ? first.profiles : [];
    expect(points.map((p) => [p.batch, p.samples, p.cached])).toEqual([[1, 9, false], [2, 9, false], [4, 9, false]]);
    for (const p of points) expect(p.throughputPerSec).toBeCloseTo((p.batch * 1000) / p.medianMs, 9);
    const again = await profileExperiment(experiment('concurrent'), options, host);
    expect(again.ok && again.profiles.every((p) => p.cached)).toBe(true);
    expect(await profileExperiment({ schemaVersion: 2 }, options, host)).toMatchObject({ ok: false, error: expect.stringContaining('schemaVersion') as unknown });
  });

  it('destroys a WebGPU lane\'s device mid-run: in-flight requests fail with lane-error and the loss, the lane is rebuilt', async () => {
    let made = 0;
    const run = runWith(() => {
      made++;
      return new FakeLane(5);
    });
    const done = run.start(experiment('concurrent'), { backend: 'webgpu', profileBatches: [1], profileRuns: 5 });
    await until(() => (run.snapshot().metrics?.overall.ledger.completed ?? 0) >= 5);
    await expect(run.destroyDevice(0)).resolves.toContain('destroyed');
    await done;
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
    const run = runWith(() => new FakeLane(5));
    const done = run.start(experiment('concurrent'), { backend: 'wasm', profileBatches: [1], profileRuns: 5 });
    await expect(run.destroyDevice(5)).rejects.toThrow('no lane 5 in the current run');
    await until(() => run.snapshot().phase === 'running');
    await expect(run.destroyDevice(0)).rejects.toThrow('this lane runs on WASM: it has no WebGPU device to destroy');
    await done;
    const snap = run.snapshot();
    expect(snap.phase).toBe('finished');
    expect(snap.faults).toEqual([]);
    expect(snap.metrics?.overall.ledger.dropped).toBe(0);
  });
});
