// Tests for LaneClient with a fake worker: request/answer pairing, progress, errors naming model and backend, timeouts, crashes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEndpoint } from '../core/rpc/fake-endpoint.test-support';
import { LaneClient } from './lane-client';
import type { LaneEvent, LaneInfo, LaneRequest, PrepareSpec } from './lane-protocol';

type FakeWorker = FakeEndpoint<LaneRequest, LaneEvent>;
let last: FakeWorker | null = null;

const worker = (): FakeWorker => {
  if (!last) throw new Error('no worker created');
  return last;
};
const newLane = (context: string): LaneClient =>
  new LaneClient(context, () => {
    last = new FakeEndpoint();
    return last;
  });

const info = { modelLabel: 'Tiny CNN @32px', backendUsed: 'webgpu', build: 'webgpu-ep' } as LaneInfo;
const source = { kind: 'zoo', modelId: 'tiny-cnn', resolution: 32, seed: 1 } as const;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('LaneClient', () => {
  it('pairs answers with requests and forwards progress and ticks', async () => {
    const lane = newLane('tiny-cnn @32px on webgpu');
    const progress: string[] = [];
    const loading = lane.load(source, { backend: 'webgpu', build: 'webgpu-ep', onProgress: (p) => progress.push(p.label) });
    const load = worker().posted[0];
    expect(load).toMatchObject({ type: 'load', backend: 'webgpu', allowFallback: true, batch: 1 });
    worker().reply({ type: 'progress', id: load?.id ?? -1, stage: 'build', label: 'conv1', done: 1, total: 5 });
    worker().reply({ type: 'loaded', id: load?.id ?? -1, info });
    await expect(loading).resolves.toBe(info);
    expect(progress).toEqual(['conv1']);

    const ticks: number[] = [];
    const running = lane.run({ runs: 2, inputSeed: 3, onTick: (_i, latencyMs) => ticks.push(latencyMs) });
    const run = worker().posted[1];
    worker().reply({ type: 'tick', id: run?.id ?? -1, index: 0, latencyMs: 4 });
    worker().reply({ type: 'tick', id: run?.id ?? -1, index: 1, latencyMs: 5 });
    const output = { name: 'logits', type: 'float32', dims: [1, 10], elementCount: 10, min: 0, max: 1, mean: 0.5, values: new Float64Array(10) };
    worker().reply({ type: 'ran', id: run?.id ?? -1, latenciesMs: [4, 5], output });
    await expect(running).resolves.toMatchObject({ latenciesMs: [4, 5] });
    expect(ticks).toEqual([4, 5]);
  });

  it('names the model and backend in a failure', async () => {
    const lane = newLane('resnet18 @64px on webgpu');
    const loading = lane.load(source, { backend: 'webgpu', build: 'jsep' });
    worker().reply({ type: 'failed', id: worker().posted[0]?.id ?? -1, message: 'no available backend found' });
    await expect(loading).rejects.toThrow('resnet18 @64px on webgpu: load failed: no available backend found');
  });

  it('stops a lane that does not answer in time, and refuses later requests', async () => {
    const lane = newLane('tiny-cnn @32px on webgpu');
    const running = lane.run({ runs: 1, inputSeed: 1, timeoutMs: 1000 });
    vi.advanceTimersByTime(1001);
    await expect(running).rejects.toThrow("tiny-cnn @32px on webgpu: 'run' got no answer within 1000 ms; the lane worker was stopped");
    expect(worker().terminated).toBe(true);
    await expect(lane.run({ runs: 1, inputSeed: 1 })).rejects.toThrow(/the lane worker was stopped/);
  });

  it('rejects pending requests when the worker crashes', async () => {
    const lane = newLane('tiny-cnn @32px on wasm');
    const loading = lane.load(source, { backend: 'wasm', build: 'jsep' });
    worker().crash('SyntaxError in lane.worker');
    await expect(loading).rejects.toThrow('tiny-cnn @32px on wasm: the lane worker crashed: SyntaxError in lane.worker');
  });

  it('pairs dispatches posted ahead with their answers, in any order', async () => {
    const lane = newLane('lane 0');
    const first = lane.dispatch('tiny-cnn@32@1', 1);
    const second = lane.dispatch('tiny-cnn@32@2', 2);
    const [a, b] = worker().posted;
    expect(a).toMatchObject({ type: 'dispatch', key: 'tiny-cnn@32@1', requests: 1 });
    expect(b).toMatchObject({ type: 'dispatch', key: 'tiny-cnn@32@2', requests: 2 });
    const timing = (t: number) => ({ startEpochMs: t, endEpochMs: t + 2, serviceMs: 2, gpuMs: null });
    worker().reply({ type: 'dispatched', id: b?.id ?? -1, timing: timing(20) });
    worker().reply({ type: 'dispatched', id: a?.id ?? -1, timing: timing(10) });
    await expect(first).resolves.toMatchObject({ startEpochMs: 10 });
    await expect(second).resolves.toMatchObject({ startEpochMs: 20 });
  });

  it('posts layer-block dispatches with their block and carry key, answered like dispatches', async () => {
    const lane = newLane('lane 0');
    const running = lane.dispatchBlock('resnet18@32@2/4', 2, 1, 'camera#7');
    const posted = worker().posted[0];
    expect(posted).toMatchObject({ type: 'dispatch-block', key: 'resnet18@32@2/4', requests: 2, block: 1, carry: 'camera#7' });
    worker().reply({ type: 'dispatched', id: posted?.id ?? -1, timing: { startEpochMs: 5, endEpochMs: 6, serviceMs: 1, gpuMs: null } });
    await expect(running).resolves.toEqual({ startEpochMs: 5, endEpochMs: 6, serviceMs: 1, gpuMs: null });
  });

  it.each([
    ['a lost device', (_lane: LaneClient) => worker().reply({ type: 'lost', id: 0, message: 'unknown: GPU hung' }), 'lane 1: the GPU device was lost: unknown: GPU hung'],
    ['a kill', (lane: LaneClient) => lane.kill('killed for a test'), 'lane 1: killed for a test'],
  ])('fails every pending dispatch on %s and stops the worker', async (_name, cause, message) => {
    const lane = newLane('lane 1');
    const pending = [lane.dispatch('m@32@1', 1), lane.dispatch('m@32@1', 1)];
    cause(lane);
    for (const p of pending) await expect(p).rejects.toThrow(message);
    expect(worker().terminated).toBe(true);
    expect(lane.isStopped).toBe(true);
  });

  it('destroys the device on request: resolves with the reason, then the loss fails every pending dispatch', async () => {
    const lane = newLane('lane 0');
    const pending = lane.dispatch('tiny-cnn@32@1', 1);
    const destroying = lane.destroyDevice();
    const request = worker().posted[1];
    expect(request).toMatchObject({ type: 'destroy-device' });
    const reason = "destroyed: GPUDevice.destroy() was called on the lane's WebGPU device (fault injection)";
    worker().reply({ type: 'device-destroyed', id: request?.id ?? -1, message: reason });
    worker().reply({ type: 'lost', id: 0, message: reason });
    await expect(destroying).resolves.toBe(reason);
    await expect(pending).rejects.toThrow(`lane 0: the GPU device was lost: ${reason}`);
    expect(lane.isStopped).toBe(true);
  });

  it('rejects a device destruction on a WASM lane clearly, and the lane goes on', async () => {
    const lane = newLane('lane 0');
    const destroying = lane.destroyDevice();
    worker().reply({ type: 'failed', id: worker().posted[0]?.id ?? -1, message: 'this lane runs on WASM: it has no WebGPU device to destroy' });
    await expect(destroying).rejects.toThrow('lane 0: destroy-device failed: this lane runs on WASM: it has no WebGPU device to destroy');
    expect(lane.isStopped).toBe(false);
    expect(worker().terminated).toBe(false);
  });
});

describe('LaneClient timeouts', () => {
  it("a slow 'memory' answer fails that call only (a busy lane is not a wedged one)", async () => {
    const lane = newLane('lane 2');
    const dispatching = lane.dispatch('m@32', 1);
    const asking = lane.memory(5_000);
    vi.advanceTimersByTime(5_001);
    await expect(asking).rejects.toThrow("lane 2: 'memory' got no answer within 5000 ms");
    expect(lane.isStopped).toBe(false);
    worker().reply({ type: 'dispatched', id: worker().posted[0]?.id ?? -1, timing: { startEpochMs: 1, endEpochMs: 2, serviceMs: 1, gpuMs: null } });
    await expect(dispatching).resolves.toMatchObject({ serviceMs: 1 });
  });

  it('an unreadable message from the worker fails every pending request and stops the lane', async () => {
    const lane = newLane('lane 3');
    const pending = [lane.dispatch('m@32', 1), lane.prepare({} as PrepareSpec)];
    worker().unreadable();
    for (const p of pending) await expect(p).rejects.toThrow('lane 3: the lane worker sent a message that could not be read');
    expect(lane.isStopped).toBe(true);
    await expect(lane.memory()).rejects.toThrow('could not be read');
  });
});
