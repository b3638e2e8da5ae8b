// Tests for LaneSessions without a browser: fault injection on a lane with no device, load errors that name the session and the limit, one symbolic-batch session on WASM, the memory refusal, retain.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LaneSessions } from './lane-sessions';
import type { PrepareSpec } from './lane-protocol';
import type { ModelId } from '../zoo';

// onnxruntime-web from node_modules as Node loads it (the lane's loader points ORT at Vite's URL of the .wasm).
vi.mock('./ort-loader', () => ({
  loadOrt: async () => {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    return ort;
  },
}));

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A secure page whose WebGPU adapter has these buffer limits (no ORT session is ever created here). */
function fakeWebGpu(maxStorageBufferBindingSize: number, maxBufferSize: number): void {
  const adapter = {
    features: new Set<string>(),
    limits: { maxStorageBufferBindingSize, maxBufferSize },
    info: { vendor: 'fake', architecture: '', device: '', description: 'fake adapter', isFallbackAdapter: false },
    requestDevice: () => Promise.resolve({ destroy: () => undefined }),
  };
  vi.stubGlobal('navigator', { gpu: { requestAdapter: () => Promise.resolve(adapter) } });
  vi.stubGlobal('isSecureContext', true);
  vi.stubGlobal('location', { href: 'http://127.0.0.1/' });
}

const spec = (maxBatch: number): PrepareSpec => ({
  source: { kind: 'zoo', modelId: 'tiny-cnn', resolution: 32, seed: 1 }, maxBatch, backend: 'webgpu', build: 'jsep', allowFallback: false, inputSeed: 1, gpuTiming: false,
});

describe('LaneSessions', () => {
  it('refuses to destroy a device when the lane holds none', () => {
    const lost: string[] = [];
    const sessions = new LaneSessions((message) => lost.push(message));
    expect(() => sessions.destroyDevice()).toThrow('no session in this lane yet, so no WebGPU device to destroy');
    expect(lost).toEqual([]);
  });

  it('refuses, before creating a session, a model whose largest tensor exceeds the binding size, naming the key, the tensor and the limit', async () => {
    // tiny-cnn@32@8: the first conv output is 8 x 16 x 32 x 32 float32 = 524,288 bytes.
    fakeWebGpu(256 * 1024, 1024 ** 3);
    const sessions = new LaneSessions(() => undefined);
    await expect(sessions.prepare(spec(8))).rejects.toThrow(
      "tiny-cnn@32: WebGPU unavailable: the activation 'features.0.0:out' [8, 16, 32, 32] needs 524,288 bytes, more than this device's maxStorageBufferBindingSize (262,144 bytes)",
    );
  });

  it('names the session key in any other load failure', async () => {
    vi.stubGlobal('navigator', {});
    vi.stubGlobal('isSecureContext', true);
    vi.stubGlobal('location', { href: 'http://127.0.0.1/' });
    await expect(new LaneSessions(() => undefined).prepare(spec(1))).rejects.toThrow(/^tiny-cnn@32: WebGPU unavailable: navigator\.gpu is missing/);
  });
});

describe('LaneSessions on WASM (onnxruntime-web in Node)', () => {
  const wasm = (modelId: ModelId, maxBatch: number, blocks = 1): PrepareSpec => ({
    source: { kind: 'zoo', modelId, resolution: 32, seed: 1 }, maxBatch, blocks, backend: 'wasm', build: 'jsep', allowFallback: false, inputSeed: 1, gpuTiming: false,
  });

  it('one session with a symbolic batch runs every batch size up to its max (padded to a power of two), and is reused', async () => {
    vi.stubGlobal('location', { href: 'http://127.0.0.1/' });
    const sessions = new LaneSessions(() => undefined);
    try {
      const progress: string[] = [];
      const info = await sessions.prepare(wasm('tiny-cnn', 4), (stage, _label, done, total) => progress.push(`${stage} ${String(done)}/${String(total)}`));
      expect(info).toMatchObject({
        key: 'tiny-cnn@32', backendRequested: 'wasm', backendUsed: 'wasm', reused: false, inputs: [{ dims: [4, 3, 32, 32] }], outputNames: ['logits'],
        meta: { id: 'tiny-cnn', resolution: 32 },
      });
      expect(info.modelLabel).toMatch(/ @32px$/);
      expect(info.modelBytes).toBeGreaterThan(0);
      // Every 'build' event (zoo generation) comes before every 'session' event (ORT creation), which ends done. The
      // weights' progress comes only when they are generated (not when this worker has them: zoo/weight-cache.ts); the
      // encoding's always.
      const stages = progress.map((p) => p.split(' ')[0]);
      expect(stages.indexOf('session')).toBe(stages.lastIndexOf('build') + 1);
      expect(stages.filter((stage) => stage === 'build').length).toBeGreaterThan(0);
      expect(progress.slice(-2)).toEqual(['session 0/1', 'session 1/1']);
      expect(info.estimatedBytes).toBeGreaterThan(0);
      for (const requests of [1, 2, 3, 4]) {
        const { timing, output } = await sessions.dispatch('tiny-cnn@32', requests);
        expect(timing.serviceMs).toBeGreaterThan(0);
        expect(output).toBeNull();
      }
      const sampled = await sessions.dispatch('tiny-cnn@32', 1, true);
      expect(sampled.timing.serviceMs).toBeGreaterThan(0);
      expect(sampled.output).toMatchObject({ name: 'logits', type: 'float32', dims: [1, 10], elementCount: 10 });
      expect(sampled.output?.values).toHaveLength(10);
      expect(Number.isFinite(sampled.output?.mean)).toBe(true);
      expect(await sessions.profile('tiny-cnn@32', 2, 1, 2)).toHaveLength(2);
      await expect(sessions.dispatch('tiny-cnn@32', 5)).rejects.toThrow("'tiny-cnn@32' takes 1..4 requests per run, got 5");
      // The same key again, for a batch it holds already: the session is the one made before.
      expect(await sessions.prepare(wasm('tiny-cnn', 2))).toMatchObject({ key: 'tiny-cnn@32', reused: true });
      expect(sessions.memory().sessions).toEqual([{ key: 'tiny-cnn@32', estimatedBytes: info.estimatedBytes, maxBatch: 4 }]);
    } finally {
      await sessions.releaseAll();
    }
  });

  it('refuses, before creating it, a session the lane cannot hold, naming the session, the need and the limit', async () => {
    vi.stubGlobal('location', { href: 'http://127.0.0.1/' });
    // A lane that can hold 512 MB: tiny-cnn fits, VGG-16 (553 MB of weights at any resolution) cannot.
    const sessions = new LaneSessions(() => undefined, 512 * 1024 ** 2);
    try {
      await sessions.prepare(wasm('tiny-cnn', 1));
      const refusal = sessions.prepare(wasm('vgg16', 8, 4));
      await expect(refusal).rejects.toThrow(/^vgg16@32\/4: not enough memory in this lane: the session needs about [\d,]+ MB of its WASM heap while it is created \(\d+ MB of model, largest activation [\d,]+ MB at batch 8\); the lane already holds about [\d,]+ MB of other sessions, and a wasm32 heap holds at most 512 MB/);
      await expect(refusal).rejects.toThrow(/Try a smaller max batch, whole inferences or fewer layer blocks/);
      expect(sessions.memory().sessions.map((s) => s.key)).toEqual(['tiny-cnn@32']);
    } finally {
      await sessions.releaseAll();
    }
  });

  it('retain releases every session not named, and keeps the others', async () => {
    vi.stubGlobal('location', { href: 'http://127.0.0.1/' });
    const sessions = new LaneSessions(() => undefined);
    try {
      await sessions.prepare(wasm('tiny-cnn', 1));
      await sessions.prepare(wasm('tiny-cnn', 1, 2));
      expect(await sessions.retain(['tiny-cnn@32/2'])).toEqual(['tiny-cnn@32']);
      expect(sessions.memory().sessions.map((s) => s.key)).toEqual(['tiny-cnn@32/2']);
      await expect(sessions.dispatch('tiny-cnn@32', 1)).rejects.toThrow("no session 'tiny-cnn@32' in this lane");
      expect((await sessions.dispatchBlock('tiny-cnn@32/2', 1, 0, 'c')).serviceMs).toBeGreaterThan(0);
      expect((await sessions.dispatchBlock('tiny-cnn@32/2', 1, 1, 'c')).serviceMs).toBeGreaterThan(0);
    } finally {
      await sessions.releaseAll();
    }
  });
});
