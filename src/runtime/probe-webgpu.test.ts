// Tests for the WebGPU probe with fake navigator.gpu objects: facts on success, every reason on failure.
import { describe, expect, it } from 'vitest';
import { KEY_LIMIT_DEFAULTS } from './adapter-facts';
import { probeWebGpu, type ProbeEnvironment } from './probe-webgpu';

interface FakeAdapterOptions {
  description?: string;
  deviceThrows?: boolean;
  features?: string[];
}

function fakeAdapter(options: FakeAdapterOptions = {}): GPUAdapter {
  const limits = { ...KEY_LIMIT_DEFAULTS, maxBufferSize: 1 << 30 };
  return {
    features: new Set(options.features ?? ['timestamp-query', 'subgroups']),
    limits,
    info: { vendor: 'acme', architecture: 'rdna9', device: '', description: options.description ?? 'Acme GPU', isFallbackAdapter: false },
    requestDevice: () => (options.deviceThrows ? Promise.reject(new Error('OperationError: out of memory')) : Promise.resolve({ destroy: () => undefined })),
  } as unknown as GPUAdapter;
}

function fakeGpu(adapters: { default: GPUAdapter | null | Error; high?: GPUAdapter | null }): GPU {
  return {
    requestAdapter: (options?: GPURequestAdapterOptions) => {
      const chosen = options?.powerPreference === 'high-performance' ? (adapters.high ?? adapters.default) : adapters.default;
      return chosen instanceof Error ? Promise.reject(chosen) : Promise.resolve(chosen);
    },
  } as unknown as GPU;
}

const env = (gpu: GPU | undefined, isSecureContext = true): ProbeEnvironment => ({ gpu, isSecureContext, crossOriginIsolated: true });

describe('probeWebGpu', () => {
  it('describes a working adapter: info, features, limits vs spec defaults', async () => {
    const probe = await probeWebGpu(env(fakeGpu({ default: fakeAdapter(), high: fakeAdapter({ description: 'Acme GPU Pro' }) })));
    expect(probe.available).toBe(true);
    expect(probe.reasons).toEqual([]);
    expect(probe.adapter).toMatchObject({ vendor: 'acme', architecture: 'rdna9', description: 'Acme GPU', isFallbackAdapter: false });
    expect(probe.adapter?.hasTimestampQuery).toBe(true);
    expect(probe.adapter?.hasShaderF16).toBe(false);
    expect(probe.adapter?.limits.find((l) => l.name === 'maxBufferSize')).toEqual({
      name: 'maxBufferSize', value: 1 << 30, specDefault: 268_435_456,
    });
    expect(probe.highPerformanceDescription).toBe('Acme GPU Pro');
  });

  it.each<[string, ProbeEnvironment, RegExp[]]>([
    ['no navigator.gpu on an insecure page', env(undefined, false), [/not a secure context/, /navigator\.gpu is missing/]],
    ['no adapter', env(fakeGpu({ default: null })), [/requestAdapter\(default\) returned null/]],
    ['requestAdapter throws', env(fakeGpu({ default: new Error('boom') })), [/requestAdapter\(default\) threw Error: boom/]],
    ['requestDevice throws', env(fakeGpu({ default: fakeAdapter({ deviceThrows: true }) })), [/requestDevice\(\) threw .*out of memory/]],
  ])('lists every reason when %s', async (_label, environment, expected) => {
    const probe = await probeWebGpu(environment);
    expect(probe.available).toBe(false);
    expect(probe.reasons).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(probe.reasons[i]).toMatch(pattern));
  });
});
