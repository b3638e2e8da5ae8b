// Tests that a live run's solo profiles are measured again when the lane turns out to have been warming up (WebAssembly compiled in tiers).
import { describe, expect, it } from 'vitest';
import type { ExperimentInput } from '../core/experiment';
import { EngineRun } from './engine-run';
import { fakeHost, FakeLane } from './fake-lane.test-support';

const tenant = { resolution: 32, batch: { kind: 'none' }, arrival: { kind: 'closed-loop', outstanding: 1 }, sloMs: 500, queueLimit: 8 } as const;
const experiment: ExperimentInput = {
  schemaVersion: 1,
  tenants: [{ ...tenant, id: 'a', model: 'tiny-cnn' }, { ...tenant, id: 'b', model: 'resnet18' }],
  scheduler: { policy: 'fcfs', granularity: 'inference' },
  lanes: { mode: 'time-sliced', dispatchDepth: 1 },
  warmupMs: 50,
  durationMs: 300,
  seed: 3,
};

/** A lane whose first `coldCalls` profile calls run `factor` times slower (its code not yet optimized), on the fake clock. */
class WarmingLane extends FakeLane {
  private calls = 0;

  constructor(private readonly coldCalls: number, private readonly factor: number) {
    super((model) => (model === 'tiny-cnn' ? 2 : 10));
  }

  override profile(key: string, batch: number, warmupRuns: number, runs: number): Promise<readonly number[]> {
    const slow = ++this.calls <= this.coldCalls ? this.factor : 1;
    return super.profile(key, batch, warmupRuns, runs).then((xs) => new Promise((resolve) => {
      this.clock.setTimer(() => resolve(xs.map((x) => x * slow)), (warmupRuns + runs) * 2);
    }));
  }
}

/** Profile calls per model, from the lane's 'key@batch' log. */
const callsPerModel = (profiled: readonly string[]): Record<string, number> =>
  profiled.reduce<Record<string, number>>((n, p) => ({ ...n, [p.split('@')[0] ?? '']: (n[p.split('@')[0] ?? ''] ?? 0) + 1 }), {});

async function profiles(lane: WarmingLane, codeWarmup = false, backend: 'wasm' | 'webgpu' = 'wasm'): Promise<{ medians: number[]; profiled: readonly string[] }> {
  const host = fakeHost(() => lane);
  const run = new EngineRun(host);
  // Without the code warm-up first (see code-warmup.ts), so that the profiles meet the lane cold.
  await host.clock.drive(run.start(experiment, { backend, profileRuns: 30, profileUntil: 'stable', codeWarmup }));
  const snap = run.snapshot();
  expect(snap.phase).toBe('finished');
  return { medians: snap.soloProfiles.map((p) => Math.round(p.medianMs)), profiled: lane.profiled };
}

describe('solo profiles on a lane still warming up', () => {
  it('measures every point again once the first one runs faster on a second look, and keeps the warm figures', async () => {
    // Until stable, a point takes a sizing call and 3 windows: the first model's 4 calls run 5x slower.
    const { medians, profiled } = await profiles(new WarmingLane(4, 5));
    expect(medians).toEqual([2, 10]);
    // tiny-cnn measured, resnet18 measured, tiny-cnn checked (faster), resnet18 again, tiny-cnn checked (agrees).
    expect(callsPerModel(profiled)).toEqual({ 'tiny-cnn': 12, resnet18: 8 });
  });

  it('warms each session\'s code first, so that the profiles meet the lane warm and nothing is measured again', async () => {
    // The warm-up's first 4 windows run 5x slower; after them the profiles agree, so the recheck measures nothing again.
    const { medians, profiled } = await profiles(new WarmingLane(4, 5), true);
    expect(medians).toEqual([2, 10]);
    expect(profiled[0]?.startsWith('tiny-cnn')).toBe(true);
    // resnet18 (10 ms a run), a later session in a warm lane: a sizing window and 4 of 25 runs (1 s of runs), then its 4 profile calls.
    expect(callsPerModel(profiled).resnet18).toBe(5 + 4);
  });

  it('does not warm a WebGPU lane\'s code (the inference runs as shaders there): the profiles and their recheck alone', async () => {
    const { profiled } = await profiles(new WarmingLane(0, 5), true, 'webgpu');
    expect(callsPerModel(profiled)).toEqual({ 'tiny-cnn': 8, resnet18: 4 });
  });

  it('checks the first point once on a warm lane and measures nothing else again', async () => {
    const { medians, profiled } = await profiles(new WarmingLane(0, 5));
    expect(medians).toEqual([2, 10]);
    expect(callsPerModel(profiled)).toEqual({ 'tiny-cnn': 8, resnet18: 4 });
  });
});
