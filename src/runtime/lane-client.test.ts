// Tests for LaneClient with a fake Worker: request/answer pairing, progress, errors naming model and backend, timeouts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LaneClient } from './lane-client';
import type { LaneEvent, LaneInfo, LaneRequest } from './lane-protocol';

class FakeWorker {
  static last: FakeWorker | null = null;
  readonly posted: LaneRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<LaneEvent>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(request: LaneRequest): void {
    this.posted.push(request);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(event: LaneEvent): void {
    this.onmessage?.({ data: event } as MessageEvent<LaneEvent>);
  }
}

const worker = (): FakeWorker => {
  if (!FakeWorker.last) throw new Error('no worker created');
  return FakeWorker.last;
};

const info = { modelLabel: 'Tiny CNN @32px', backendUsed: 'webgpu', build: 'webgpu-ep' } as LaneInfo;
const source = { kind: 'zoo', modelId: 'tiny-cnn', resolution: 32, seed: 1 } as const;

beforeEach(() => {
  vi.stubGlobal('Worker', FakeWorker);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('LaneClient', () => {
  it('pairs answers with requests and forwards progress and ticks', async () => {
    const lane = new LaneClient('tiny-cnn @32px on webgpu');
    const progress: string[] = [];
    const loading = lane.load(source, { backend: 'webgpu', build: 'webgpu-ep', onProgress: (p) => progress.push(p.label) });
    const load = worker().posted[0];
    expect(load).toMatchObject({ type: 'load', backend: 'webgpu', allowFallback: true, batch: 1 });
    worker().emit({ type: 'progress', id: load?.id ?? -1, stage: 'build', label: 'conv1', done: 1, total: 5 });
    worker().emit({ type: 'loaded', id: load?.id ?? -1, info });
    await expect(loading).resolves.toBe(info);
    expect(progress).toEqual(['conv1']);

    const ticks: number[] = [];
    const running = lane.run({ runs: 2, inputSeed: 3, onTick: (_i, latencyMs) => ticks.push(latencyMs) });
    const run = worker().posted[1];
    worker().emit({ type: 'tick', id: run?.id ?? -1, index: 0, latencyMs: 4 });
    worker().emit({ type: 'tick', id: run?.id ?? -1, index: 1, latencyMs: 5 });
    const output = { name: 'logits', type: 'float32', dims: [1, 10], elementCount: 10, min: 0, max: 1, mean: 0.5, values: new Float64Array(10) };
    worker().emit({ type: 'ran', id: run?.id ?? -1, latenciesMs: [4, 5], output });
    await expect(running).resolves.toMatchObject({ latenciesMs: [4, 5] });
    expect(ticks).toEqual([4, 5]);
  });

  it('names the model and backend in a failure', async () => {
    const lane = new LaneClient('resnet18 @64px on webgpu');
    const loading = lane.load(source, { backend: 'webgpu', build: 'jsep' });
    worker().emit({ type: 'failed', id: worker().posted[0]?.id ?? -1, message: 'no available backend found' });
    await expect(loading).rejects.toThrow('resnet18 @64px on webgpu: load failed: no available backend found');
  });

  it('stops a lane that does not answer in time, and refuses later requests', async () => {
    const lane = new LaneClient('tiny-cnn @32px on webgpu');
    const running = lane.run({ runs: 1, inputSeed: 1, timeoutMs: 1000 });
    vi.advanceTimersByTime(1001);
    await expect(running).rejects.toThrow("tiny-cnn @32px on webgpu: 'run' got no answer within 1000 ms; the lane was stopped");
    expect(worker().terminated).toBe(true);
    await expect(lane.run({ runs: 1, inputSeed: 1 })).rejects.toThrow(/the lane was stopped/);
  });

  it('rejects pending requests when the worker crashes', async () => {
    const lane = new LaneClient('tiny-cnn @32px on wasm');
    const loading = lane.load(source, { backend: 'wasm', build: 'jsep' });
    worker().onerror?.({ message: 'SyntaxError in lane.worker' } as ErrorEvent);
    await expect(loading).rejects.toThrow('tiny-cnn @32px on wasm: the lane worker crashed: SyntaxError in lane.worker');
  });

  it('pairs dispatches posted ahead with their answers, in any order', async () => {
    const lane = new LaneClient('lane 0');
    const first = lane.dispatch('tiny-cnn@32@1', 1);
    const second = lane.dispatch('tiny-cnn@32@2', 2);
    const [a, b] = worker().posted;
    expect(a).toMatchObject({ type: 'dispatch', key: 'tiny-cnn@32@1', requests: 1 });
    expect(b).toMatchObject({ type: 'dispatch', key: 'tiny-cnn@32@2', requests: 2 });
    const timing = (t: number) => ({ startEpochMs: t, endEpochMs: t + 2, serviceMs: 2, gpuMs: null });
    worker().emit({ type: 'dispatched', id: b?.id ?? -1, timing: timing(20) });
    worker().emit({ type: 'dispatched', id: a?.id ?? -1, timing: timing(10) });
    await expect(first).resolves.toMatchObject({ startEpochMs: 10 });
    await expect(second).resolves.toMatchObject({ startEpochMs: 20 });
  });

  it('posts layer-block dispatches with their block and carry key, answered like dispatches', async () => {
    const lane = new LaneClient('lane 0');
    const running = lane.dispatchBlock('resnet18@32@2/4', 2, 1, 'camera#7');
    const posted = worker().posted[0];
    expect(posted).toMatchObject({ type: 'dispatch-block', key: 'resnet18@32@2/4', requests: 2, block: 1, carry: 'camera#7' });
    worker().emit({ type: 'dispatched', id: posted?.id ?? -1, timing: { startEpochMs: 5, endEpochMs: 6, serviceMs: 1, gpuMs: null } });
    await expect(running).resolves.toEqual({ startEpochMs: 5, endEpochMs: 6, serviceMs: 1, gpuMs: null });
  });

  it.each([
    ['a lost device', (_lane: LaneClient) => worker().emit({ type: 'lost', id: 0, message: 'unknown: GPU hung' }), 'lane 1: the GPU device was lost: unknown: GPU hung'],
    ['a kill', (lane: LaneClient) => lane.kill('killed for a test'), 'lane 1: killed for a test'],
  ])('fails every pending dispatch on %s and stops the worker', async (_name, cause, message) => {
    const lane = new LaneClient('lane 1');
    const pending = [lane.dispatch('m@32@1', 1), lane.dispatch('m@32@1', 1)];
    cause(lane);
    for (const p of pending) await expect(p).rejects.toThrow(message);
    expect(worker().terminated).toBe(true);
    expect(lane.isStopped).toBe(true);
  });

  it('destroys the device on request: resolves with the reason, then the loss fails every pending dispatch', async () => {
    const lane = new LaneClient('lane 0');
    const pending = lane.dispatch('tiny-cnn@32@1', 1);
    const destroying = lane.destroyDevice();
    const request = worker().posted[1];
    expect(request).toMatchObject({ type: 'destroy-device' });
    const reason = "destroyed: GPUDevice.destroy() was called on the lane's WebGPU device (fault injection)";
    worker().emit({ type: 'device-destroyed', id: request?.id ?? -1, message: reason });
    worker().emit({ type: 'lost', id: 0, message: reason });
    await expect(destroying).resolves.toBe(reason);
    await expect(pending).rejects.toThrow(`lane 0: the GPU device was lost: ${reason}`);
    expect(lane.isStopped).toBe(true);
  });

  it('rejects a device destruction on a WASM lane clearly, and the lane goes on', async () => {
    const lane = new LaneClient('lane 0');
    const destroying = lane.destroyDevice();
    worker().emit({ type: 'failed', id: worker().posted[0]?.id ?? -1, message: 'this lane runs on WASM: it has no WebGPU device to destroy' });
    await expect(destroying).rejects.toThrow('lane 0: destroy-device failed: this lane runs on WASM: it has no WebGPU device to destroy');
    expect(lane.isStopped).toBe(false);
    expect(worker().terminated).toBe(false);
  });
});
