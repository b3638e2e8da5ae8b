// Tests for LaneSessions without a browser: fault injection on a lane with no device, and load errors that name the session and the limit.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LaneSessions } from './lane-sessions';
import type { PrepareSpec } from './lane-protocol';

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

const spec = (batch: number): PrepareSpec => ({
  modelId: 'tiny-cnn', resolution: 32, batch, backend: 'webgpu', build: 'jsep', allowFallback: false, seed: 1, inputSeed: 1, gpuTiming: false,
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
      "tiny-cnn@32@8: WebGPU unavailable: the activation 'features.0.0:out' [8, 16, 32, 32] needs 524,288 bytes, more than this device's maxStorageBufferBindingSize (262,144 bytes)",
    );
  });

  it('names the session key in any other load failure', async () => {
    vi.stubGlobal('navigator', {});
    vi.stubGlobal('isSecureContext', true);
    vi.stubGlobal('location', { href: 'http://127.0.0.1/' });
    await expect(new LaneSessions(() => undefined).prepare(spec(1))).rejects.toThrow(/^tiny-cnn@32@1: WebGPU unavailable: navigator\.gpu is missing/);
  });
});
