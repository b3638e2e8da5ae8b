// Tests for live layer-block runs with fake lanes on a fake clock: the ledger balances, K slices per batch, a batch's service sums its blocks, a real-time tenant waits about one block, lane failures between blocks.
import { describe, expect, it } from 'vitest';
import type { ExperimentInput } from '../core/experiment';
import { EngineRun } from './engine-run';
import type { RequestEvent, SliceEvent } from './engine-protocol';
import { fakeHost, FakeLane } from './fake-lane.test-support';
import { nearestRank } from '../core/metrics';
import type { EngineLane } from './lane-pool';
import type { PrepareSpec } from '../runtime/lane-protocol';

type TenantInput = ExperimentInput['tenants'][number];

async function runBlocked(
  tenants: TenantInput[],
  scheduler: ExperimentInput['scheduler'],
  mode: 'time-sliced' | 'concurrent',
  lanes: () => EngineLane,
  durationMs = 500,
  dispatchDepth = 1,
) {
  const host = fakeHost(lanes);
  const run = new EngineRun(host);
  const experiment: ExperimentInput = { schemaVersion: 1, tenants, scheduler, lanes: { mode, dispatchDepth }, warmupMs: 50, durationMs, seed: 3 };
  await host.clock.drive(run.start(experiment, { backend: 'wasm', profileBatches: [1, 2, 4], profileRuns: 5 }));
  return { snapshot: run.snapshot(), ...run.takeProgress() };
}

const base = { resolution: 32, sloMs: 200, queueLimit: 8 } as const;
const closed = (id: string, model: string): TenantInput => ({ ...base, id, model, batch: { kind: 'none' }, arrival: { kind: 'closed-loop', outstanding: 2 } });

/** Per tenant, the blocks of its slices in the order they ran. */
function blocksByTenant(slices: readonly SliceEvent[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const s of slices) out.set(s.tenant, [...(out.get(s.tenant) ?? []), s.block]);
  return out;
}

describe('EngineRun with layer blocks (fake lanes)', () => {
  it.each([
    ['time-sliced', 1],
    ['time-sliced', 2],
    ['concurrent', 1],
    ['concurrent', 3],
  ] as const)('%s (depth %d), 4 blocks: balanced, every tenant served, 4 slices per batch in block order, service = sum of blocks', async (mode, depth) => {
    const dynamic: TenantInput = {
      ...base, id: 'dyn', model: 'resnet18', batch: { kind: 'dynamic', maxBatch: 4, maxQueueDelayMs: 2 },
      arrival: { kind: 'poisson', rate: { unit: 'capacity-fraction', value: 0.5 } },
    };
    const made: FakeLane[] = [];
    const { snapshot, events, slices } = await runBlocked([closed('a', 'tiny-cnn'), dynamic], { policy: 'round-robin', granularity: 'layer-blocks', blocks: 4 }, mode, () => {
      const lane = new FakeLane((model) => (model === 'tiny-cnn' ? 4 : 8));
      made.push(lane);
      return lane;
    }, 500, depth);
    expect(snapshot.error).toBeNull();
    expect(snapshot.phase).toBe('finished');
    expect(snapshot.faults).toEqual([]);
    for (const t of snapshot.metrics?.tenants ?? []) {
      const l = t.ledger;
      expect(l.arrivals, t.id).toBe(l.completed + l.dropped);
      expect(l.queued + l.running).toBe(0);
      expect(t.measured.completed, t.id).toBeGreaterThan(0);
    }
    // One whole-model session per model for the solo profiles (symbolic batch: every batch size on one
    // session), released before the run's layer-blocked sessions are made: a lane never holds both.
    expect(made.flatMap((l) => l.prepared)).toEqual(expect.arrayContaining(['tiny-cnn@32', 'resnet18@32', 'tiny-cnn@32/4', 'resnet18@32/4']));
    expect(made.flatMap((l) => [...l.held]).sort()).toEqual(['resnet18@32/4', 'tiny-cnn@32/4']);
    // The new block sessions are warmed at every batch size their tenant can run (dyn: 1, 2, 4).
    expect(made.flatMap((l) => l.profiled)).toEqual(expect.arrayContaining(['resnet18@32/4@1', 'resnet18@32/4@2', 'resnet18@32/4@4']));
    expect(slices.every((s) => s.blocks === 4)).toBe(true);
    for (const [tenant, blocks] of blocksByTenant(slices)) {
      expect(blocks.length % 4, tenant).toBe(0);
      expect(blocks, tenant).toEqual(blocks.map((_, i) => i % 4));
    }
    // A batch completes with its last block: one event per request of every batch, 4 slices per batch.
    const batches = slices.filter((s) => s.block === 3);
    expect(batches.reduce((n, s) => n + s.batch, 0)).toBe(events.length);
    expect(events.length).toBe(snapshot.metrics?.overall.ledger.completed);
    for (const e of events) {
      expect(e.serviceMs).toBeCloseTo(e.tenant === 'a' ? 4 : 8, 6);
      expect(e.endMs - e.startMs).toBeGreaterThanOrEqual(e.serviceMs - 1e-6);
    }
  });

  it('scheduler.blockBalance measured: the lane is asked for measured blocks (key /Kt) and runs them, balanced', async () => {
    const made: FakeLane[] = [];
    const prepared: PrepareSpec[] = [];
    const { snapshot, slices } = await runBlocked([closed('a', 'tiny-cnn')], { policy: 'fcfs', granularity: 'layer-blocks', blocks: 4, blockBalance: 'measured' }, 'time-sliced', () => {
      const lane = new FakeLane(4);
      const prepare = lane.prepare.bind(lane);
      lane.prepare = (spec) => {
        prepared.push(spec);
        return prepare(spec);
      };
      made.push(lane);
      return lane;
    });
    expect(snapshot.phase).toBe('finished');
    expect(made.flatMap((l) => [...l.held])).toEqual(['tiny-cnn@32/4t']);
    expect(prepared.filter((p) => p.blocks === 4).map((p) => p.blockBalance)).toEqual(['measured']);
    expect(prepared.filter((p) => (p.blocks ?? 1) === 1).every((p) => p.blockBalance === undefined)).toBe(true);
    expect(slices.map((x) => x.block).slice(0, 8)).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    // The snapshot says how the run's blocks were cut, and the block times the lane measured.
    expect(snapshot.blockBalances).toEqual([{ key: 'tiny-cnn@32/4t', lane: 0, balance: { kind: 'measured', segmentTimesMs: [1, 1, 1, 1], blockTimesMs: [1, 1, 1, 1], cached: false } }]);
    const l = snapshot.metrics?.overall.ledger;
    expect(l?.arrivals).toBe((l?.completed ?? 0) + (l?.dropped ?? 0));
  });

  it('a real-time tenant under priority waits at most about one block of a heavy best-effort tenant', async () => {
    // Heavy: 80 ms per inference (20 ms per block); camera: 2 ms, 25 requests/s, real-time.
    const heavy: TenantInput = { ...closed('heavy', 'vgg16'), sloMs: 2000, arrival: { kind: 'closed-loop', outstanding: 1 } };
    const camera: TenantInput = { ...base, id: 'camera', model: 'tiny-cnn', batch: { kind: 'none' }, priority: 'real-time', arrival: { kind: 'constant', rate: { unit: 'per-sec', value: 25 } } };
    const service = (model: string) => (model === 'vgg16' ? 80 : 2);
    const waits = async (scheduler: ExperimentInput['scheduler']): Promise<number[]> => {
      const { snapshot, events } = await runBlocked([heavy, camera], scheduler, 'time-sliced', () => new FakeLane(service), 1200);
      expect(snapshot.phase).toBe('finished');
      return events.filter((e: RequestEvent) => e.tenant === 'camera').map((e) => e.latencyMs - e.serviceMs);
    };
    const blocked = await waits({ policy: 'priority', granularity: 'layer-blocks', blocks: 4 });
    const whole = await waits({ policy: 'priority', granularity: 'inference' });
    expect(blocked.length).toBeGreaterThan(20);
    // One heavy block is 20 ms; the slack covers timers and the camera's own blocks. The p90, not the
    // maximum: these are real timers, and one stall of a loaded machine must not decide the test.
    expect(nearestRank(blocked, 0.9)).toBeLessThan(20 + 15);
    expect(nearestRank(blocked, 0.9)).toBeLessThan(nearestRank(whole, 0.9) ?? 0);
    // Whole inferences make it wait up to a whole heavy inference (80 ms).
    expect(Math.max(...whole)).toBeGreaterThan(40);
  });

  it.each([1, 2, 3])('depth %d: fails a batch with lane-error when its lane dies between blocks (the tensor is lost), rebuilds, and goes on balanced', async (depth) => {
    let made = 0;
    // The 6th slice of lane 0 fails: the lane dies after a batch's block 1 of 4, say (at depth >= 2 with
    // later blocks of the batch committed behind it: they fail with it, and the batch is dropped once).
    const { snapshot, slices } = await runBlocked([closed('a', 'tiny-cnn'), closed('b', 'tiny-cnn')], { policy: 'round-robin', granularity: 'layer-blocks', blocks: 4 }, 'time-sliced', () => new FakeLane(4, made++ === 0 ? 6 : 0), 500, depth);
    expect(snapshot.phase).toBe('finished');
    expect(made).toBe(2);
    expect(snapshot.faults.length).toBeGreaterThanOrEqual(1);
    expect(snapshot.faults[0]?.reason).toBe('device lost');
    const total = snapshot.metrics?.overall.ledger;
    expect(total?.droppedByReason['lane-error']).toBe(snapshot.faults.reduce((n, f) => n + f.failedRequests, 0));
    expect(total?.arrivals).toBe((total?.completed ?? 0) + (total?.dropped ?? 0));
    expect(total?.completed).toBeGreaterThan(10);
    // The other tenant's batch, between blocks when the lane died, fails too instead of reading a tensor that is gone.
    // At depth >= 2 another batch's slice on the dying lane fails with it (with the lane's reason).
    for (const f of snapshot.faults.slice(1)) {
      if (depth === 1 || f.reason !== 'device lost') expect(f.reason).toContain('rebuilt between layer blocks');
    }
    for (const [tenant, blocks] of blocksByTenant(slices)) expect(blocks.filter((b) => b === 3).length, tenant).toBeGreaterThan(0);
  });
});
