// Tests for the picker's device fit: the WASM heap and the WebGPU buffer limits, judged from a file's facts.
import { describe, expect, it } from 'vitest';
import type { AdapterFacts } from '../runtime/adapter-facts';
import type { WebGpuProbe } from '../runtime/probe-webgpu';
import type { ModelFacts } from '../zoo/model-facts';
import { fileFit } from './file-fit';

const MB = 1024 ** 2;
const facts = (activationBytes: number): ModelFacts => ({ largestTensor: { name: 'act', dims: [1, 64, 512, 512], bytes: activationBytes } }) as unknown as ModelFacts;
const probe = (maxBufferSize: number): WebGpuProbe => ({
  available: true, highPerformanceDescription: null, reasons: [], secureContext: true, crossOriginIsolated: true,
  adapter: { limits: [{ name: 'maxBufferSize', value: maxBufferSize }, { name: 'maxStorageBufferBindingSize', value: maxBufferSize }] } as unknown as AdapterFacts,
});

describe('fileFit', () => {
  it('lets a small model run on both backends', () => {
    expect(fileFit(facts(4 * MB), 40 * MB, probe(256 * MB))).toEqual({ wasm: null, webgpu: null, refused: false });
  });

  it('names the WASM heap for a file too big for it, and runs it on a WebGPU adapter that holds it', () => {
    const fit = fileFit(facts(4 * MB), 1500 * MB, probe(256 * MB));
    expect(fit.wasm).toMatch(/^not enough memory in this lane: .* a wasm32 heap holds at most 4,096 MB/);
    expect(fit.webgpu).toBeNull();
    expect(fit.refused).toBe(false);
  });

  it('refuses a file that fits neither the WASM heap nor the adapter, each with its reason', () => {
    const fit = fileFit(facts(600 * MB), 1500 * MB, probe(256 * MB));
    expect(fit.wasm).not.toBeNull();
    expect(fit.webgpu).toMatch(/the activation 'act' \[1, 64, 512, 512\] needs .* more than this device's max/);
    expect(fit.refused).toBe(true);
  });

  it('refuses a file too big for the WASM heap where WebGPU is unavailable', () => {
    const none: WebGpuProbe = { ...probe(0), available: false, adapter: null, reasons: ['no adapter'] };
    expect(fileFit(facts(4 * MB), 1500 * MB, none)).toMatchObject({ webgpu: null, refused: true });
  });
});
