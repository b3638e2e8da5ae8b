// Tests for LaneClient with a fake worker: request/answer pairing, progress, errors naming model and backend, timeouts, crashes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEndpoint } from '../core/rpc/fake-endpoint.test-support';
import { LaneClient } from './lane-client';
import type { LaneEvent, LaneRequest, PrepareSpec, PreparedInfo } from './lane-protocol';
import { ms } from '../core/units';

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

const info = { key: 'tiny-cnn@32', modelLabel: 'Tiny CNN @32px', backendUsed: 'webgpu', build: 'webgpu-ep' } as PreparedInfo;
const spec: PrepareSpec = {
  source: { kind: 'zoo', modelId: 'tiny-cnn', resolution: 32, seed: 1 },
  maxBatch: 1, backend: 'webgpu', build: 'webgpu-ep', allowFallback: true, inputSeed: 3, gpuTiming: false,
};
const output = { name: 'logits', type: 'float32', dims: [1, 10], elementCount: 10, min: 0, max: 1, mean: 0.5, values: new Float64Array(10) };
const timing = { startEpochMs: ms(1), endEpochMs: ms(5), serviceMs: ms(4), gpuMs: null };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('LaneClient', () => {
  it('pairs answers with requests, forwards prepare progress in order, and returns a sampled output on request', async () => {
    const lane = newLane('tiny-cnn @32px on webgpu');
    const progress: string[] = [];
    const preparing = lane.prepare(spec, { onProgress: (p) => progress.push(`${p.stage}:${p.label}`) });
    const prepare = worker().posted[0];
    expect(prepare).toMatchObject({ type: 'prepare', source: spec.source, backend: 'webgpu', maxBatch: 1 });
    worker().reply({ type: 'progress', id: prepare?.id ?? -1, stage: 'build', label: 'conv1', done: 1, total: 5 });
    worker().reply({ type: 'progress', id: prepare?.id ?? -1, stage: 'session', label: 'creating the webgpu session', done: 0, total: 1 });
    worker().reply({ type: 'prepared', id: prepare?.id ?? -1, info });
    await expect(preparing).resolves.toBe(info);
    expect(progress).toEqual(['build:conv1', 'session:creating the webgpu session']);

    const plain = lane.dispatch('tiny-cnn@32', 1);
    const sampled = lane.dispatchWithOutput('tiny-cnn@32', 1);
    const [, first, second] = worker().posted;
    expect(first).toMatchObject({ type: 'dispatch', key: 'tiny-cnn@32', requests: 1 });
    expect(first).not.toHaveProperty('sampleOutput');
    expect(second).toMatchObject({ type: 'dispatch', key: 'tiny-cnn@32', requests: 1, sampleOutput: true });
    worker().reply({ type: 'dispatched', id: first?.id ?? -1, timing });
    worker().reply({ type: 'dispatched', id: second?.id ?? -1, timing, output });
    await expect(plain).resolves.toEqual(timing);
    await expect(sampled).resolves.toEqual({ timing, output });
  });

  it('fails a sampled dispatch answered without its output, and the lane goes on', async () => {
    const lane = newLane('lane 0');
    const sampled = lane.dispatchWithOutput('tiny-cnn@32', 1);
    worker().reply({ type: 'dispatched', id: worker().posted[0]?.id ?? -1, timing });
    await expect(sampled).rejects.toThrow('lane 0: dispatch: handling a reply failed: the lane answered without the output sample asked for');
    expect(lane.isStopped).toBe(false);
  });

  it('names the model and backend in a failure, as renamed after a prepare', async () => {
    const lane = newLane('resnet18 @64px on webgpu');
    const preparing = lane.prepare(spec);
    worker().reply({ type: 'failed', id: worker().posted[0]?.id ?? -1, message: 'no available backend found' });
    await expect(preparing).rejects.toThrow('resnet18 @64px on webgpu: prepare failed: no available backend found');
    lane.rename('ResNet-18 @64px on wasm (jsep)');
    const dispatching = lane.dispatch('resnet18@64', 1);
    worker().reply({ type: 'failed', id: worker().posted[1]?.id ?? -1, message: 'boom' });
    await expect(dispatching).rejects.toThrow('ResNet-18 @64px on wasm (jsep): dispatch failed: boom');
  });

  it('stops a lane that does not answer in time, and refuses later requests', async () => {
    const lane = newLane('tiny-cnn @32px on webgpu');
    const running = lane.dispatch('tiny-cnn@32', 1, 1000);
    vi.advanceTimersByTime(1001);
    await expect(running).rejects.toThrow("tiny-cnn @32px on webgpu: 'dispatch' got no answer within 1000 ms; the lane worker was stopped");
    expect(worker().terminated).toBe(true);
    await expect(lane.dispatch('tiny-cnn@32', 1)).rejects.toThrow(/the lane worker was stopped/);
  });

  it('rejects pending requests when the worker crashes', async () => {
    const lane = newLane('tiny-cnn @32px on wasm');
    const loading = lane.prepare(spec);
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
    const timing = (t: number) => ({ startEpochMs: ms(t), endEpochMs: ms(t + 2), serviceMs: ms(2), gpuMs: null });
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
    worker().reply({ type: 'dispatched', id: posted?.id ?? -1, timing: { startEpochMs: ms(5), endEpochMs: ms(6), serviceMs: ms(1), gpuMs: null } });
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
    worker().reply({ type: 'dispatched', id: worker().posted[0]?.id ?? -1, timing: { startEpochMs: ms(1), endEpochMs: ms(2), serviceMs: ms(1), gpuMs: null } });
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
