// Tests for custom:<name> tenants in the engine with fake lanes on a fake clock: both lane modes, sessions named by hash and dims, profile cache keys, refusals.
import { describe, expect, it } from 'vitest';
import type { ExperimentInput } from '../core/experiment';
import { makeTestModel } from '../zoo/onnx-test-models';
import { EngineRun } from './engine-run';
import { fakeHost, FakeLane } from './fake-lane.test-support';

const SHA = 'c0ffee'.padEnd(64, '0');
const BYTES = Uint8Array.from(makeTestModel({ inputDims: ['batch', 3, 'height', 'width'] })).buffer;

const experiment = (mode: 'time-sliced' | 'concurrent', over: Partial<ExperimentInput> = {}, height = 8): ExperimentInput => ({
  schemaVersion: 1,
  tenants: [
    { id: 'zoo', model: 'tiny-cnn', resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'closed-loop', outstanding: 1 }, sloMs: 50, queueLimit: 8 },
    { id: 'mine', model: 'custom:mine', resolution: 32, batch: { kind: 'dynamic', maxBatch: 2, maxQueueDelayMs: 1 }, arrival: { kind: 'poisson', rate: { unit: 'capacity-fraction', value: 0.3 } }, sloMs: 50, queueLimit: 8 },
  ],
  scheduler: { policy: 'fcfs', granularity: 'inference' },
  lanes: { mode, dispatchDepth: 1 },
  warmupMs: 50,
  durationMs: 300,
  seed: 3,
  customModels: [{
    name: 'mine', fileName: 'mine.onnx', byteLength: BYTES.byteLength, sha256: SHA,
    inputs: [{ name: 'image', type: 'float32', dims: ['batch', 3, 'height', 'width'] }],
    dims: [{ name: 'height', size: height }, { name: 'width', size: 12 }],
  }],
  ...over,
});

function runWith() {
  const lanes: FakeLane[] = [];
  const host = fakeHost(() => {
    const lane = new FakeLane((model) => (model.startsWith('custom:') ? 3 : 5));
    lanes.push(lane);
    return lane;
  });
  const run = new EngineRun(host);
  return { run, lanes, host, start: (e: ExperimentInput, bytes = true) => host.clock.drive(run.start(e, { backend: 'wasm', profileRuns: 5, ...(bytes ? { modelBytes: new Map([[SHA, BYTES]]) } : {}) })) };
}

describe('custom:<name> tenants', () => {
  it.each(['time-sliced', 'concurrent'] as const)('run live beside a zoo model (%s), with solo profiles and capacity fractions', async (mode) => {
    const { run, lanes, start } = runWith();
    await start(experiment(mode));
    const snap = run.snapshot();
    expect(snap.error).toBeNull();
    expect(snap.phase).toBe('finished');
    expect(snap.soloProfiles.map((p) => [p.modelKey, p.batch])).toEqual([['tiny-cnn@32', 1], ['custom:mine@32', 1], ['custom:mine@32', 2]]);
    for (const t of snap.metrics?.tenants ?? []) expect(t.measured.completed).toBeGreaterThan(0);
    const prepared = lanes.flatMap((l) => l.prepared);
    expect(prepared.some((key) => /^custom:mine#c0ffee0000000000~[0-9a-f]{8}@32$/.test(key))).toBe(true);
    const sliceTenants = new Set(run.takeProgress().slices.map((s) => s.tenant));
    expect(sliceTenants).toEqual(new Set(['zoo', 'mine']));
  });

  it('runs in layer blocks (the general partitioner), one slice per block, sessions keyed /K', async () => {
    const { run, lanes, start } = runWith();
    await start(experiment('time-sliced', { scheduler: { policy: 'fcfs', granularity: 'layer-blocks', blocks: 2 } }));
    expect(run.snapshot().error).toBeNull();
    expect(run.snapshot().phase).toBe('finished');
    expect(lanes.flatMap((l) => l.prepared).some((key) => /^custom:mine#c0ffee0000000000~[0-9a-f]{8}@32\/2$/.test(key))).toBe(true);
    const blocks = run.takeProgress().slices.filter((s) => s.tenant === 'mine').map((s) => s.block);
    expect(new Set(blocks)).toEqual(new Set([0, 1]));
  });

  it('keys cached profiles by the file hash and the chosen dims', async () => {
    const first = runWith();
    await first.start(experiment('time-sliced'));
    const keys = [...(first.host.profileCache as Map<string, unknown>).keys()];
    expect(keys.filter((k) => k.includes('custom:mine@32|custom:mine#c0ffee0000000000~'))).toHaveLength(2);
    const again = new EngineRun(first.host);
    await first.host.clock.drive(again.start(experiment('time-sliced', {}, 16), { backend: 'wasm', profileRuns: 5, modelBytes: new Map([[SHA, BYTES]]) }));
    expect(again.snapshot().soloProfiles.filter((p) => p.modelKey === 'custom:mine@32').map((p) => p.cached)).toEqual([false, false]);
    expect(again.snapshot().soloProfiles.filter((p) => p.modelKey === 'tiny-cnn@32').map((p) => p.cached)).toEqual([true]);
  });

  it.each<[string, ExperimentInput, boolean, RegExp]>([
    ['the bytes are not loaded', experiment('time-sliced'), false, /tenants\[1\]\.model: the file of "custom:mine" is not loaded in this page: pick "mine\.onnx" \(\d+ bytes, sha256 c0ffee000000…\)/],
    ['its graph has fewer cut points than blocks', experiment('time-sliced', { scheduler: { policy: 'fcfs', granularity: 'layer-blocks', blocks: 5 } }), true, /^scheduler\.blocks: mine\.onnx can be cut into at most \d+ layer blocks \(it has \d+ cut points where a single tensor is live\); got 5$/],
    ['no customModels entry', experiment('time-sliced', { customModels: [] }), true, /tenants\[1\]\.model: expected an entry in customModels named "mine"/],
  ])('refuses a run when %s, naming the field', async (_name, e, bytes, message) => {
    const { run, start } = runWith();
    await start(e, bytes);
    expect(run.snapshot().phase).toBe('failed');
    expect(run.snapshot().error).toMatch(message);
  });
});
