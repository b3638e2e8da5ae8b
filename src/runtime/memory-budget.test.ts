// Tests for the lane memory budget: the estimate, the refusal sentence (session, need, limit, what to try) and the advice on raw ORT errors.
import { describe, expect, it } from 'vitest';
import { CREATION_HEAP_FACTOR, creationAdvice, memoryProblem, ORT_RESERVE_BYTES, sessionBytes, WASM32_HEAP_LIMIT_BYTES, type SessionNeed } from './memory-budget';

const MB = 1024 ** 2;
/** VGG-16's ONNX bytes at any resolution (138 M float32 weights) and its largest activation at 32 px, batch 1. */
const vgg: SessionNeed = { key: 'vgg16@32', backend: 'wasm', modelBytes: 553 * MB, activationBytes: 64 * 32 * 32 * 4, maxBatch: 1, blocks: 1 };

describe('memory budget', () => {
  it('counts the weights the provider keeps, the activations and, while the session is made, what making it takes', () => {
    const { steadyBytes, peakBytes } = sessionBytes(vgg);
    // Measured on WASM (bench:memory): VGG-16 keeps 1.67x its weights and needs 3.3x while it is created.
    expect(steadyBytes).toBeGreaterThanOrEqual(1.67 * vgg.modelBytes);
    expect(peakBytes).toBeGreaterThanOrEqual(3.3 * vgg.modelBytes);
    expect(peakBytes).toBe(steadyBytes + vgg.modelBytes * CREATION_HEAP_FACTOR);
  });

  it.each([
    ['fits an empty lane', vgg, 0, WASM32_HEAP_LIMIT_BYTES, null],
    ['fits beside one copy', vgg, sessionBytes(vgg).steadyBytes, WASM32_HEAP_LIMIT_BYTES, null],
    ['refused beside three copies (the per-batch sessions of old)', vgg, 3 * sessionBytes(vgg).steadyBytes, WASM32_HEAP_LIMIT_BYTES, /the lane already holds about [\d,]+ MB of other sessions/],
    ['refused in a 1 GiB lane on its own', vgg, 0, 1024 * MB, /a wasm32 heap holds at most 1,024 MB/],
  ] as const)('%s', (_name, need, held, limit, expected) => {
    const problem = memoryProblem(need, held, limit);
    if (expected === null) expect(problem).toBeNull();
    else {
      expect(problem).toMatch(expected);
      expect(problem).toContain(`needs about ${Math.round(sessionBytes(need).peakBytes / MB).toLocaleString('en-US')} MB`);
      expect(problem).toContain('553 MB of model');
      expect(problem).toContain(`${String(ORT_RESERVE_BYTES / MB)} MB kept for onnxruntime-web`);
      expect(problem?.split('\n')).toHaveLength(1);
    }
  });

  it('suggests only the fixes that apply: batch, blocks, backend', () => {
    const wasmBatched = memoryProblem({ ...vgg, maxBatch: 8, blocks: 8 }, 0, 256 * MB) ?? '';
    expect(wasmBatched).toContain('a smaller max batch');
    expect(wasmBatched).toContain('fewer layer blocks');
    expect(wasmBatched).toContain('the WebGPU backend');
    const gpuWhole = memoryProblem({ ...vgg, backend: 'webgpu' }, 0, 256 * MB) ?? '';
    expect(gpuWhole).not.toContain('a smaller max batch');
    expect(gpuWhole).not.toContain('layer blocks');
    expect(gpuWhole).not.toContain('the WebGPU backend');
    expect(gpuWhole).toContain('fewer models per lane');
  });

  it('refuses what it cannot size (a NaN or infinite need) instead of letting it through', () => {
    expect(memoryProblem({ ...vgg, activationBytes: Number.NaN }, 0)).not.toBeNull();
    expect(memoryProblem({ ...vgg, modelBytes: Number.POSITIVE_INFINITY }, 0)).not.toBeNull();
  });

  it.each([
    ["Can't create a session. ERROR_CODE: 6, ERROR_MESSAGE: std::bad_alloc", /ran out of memory/],
    ['Aborted(OOM)', /ran out of memory/],
    ['ERROR_CODE: 1, ERROR_MESSAGE: something else', /could not create this session/],
  ])('advice for %s', (message, expected) => {
    expect(creationAdvice(message, { maxBatch: 1, blocks: 1, backend: 'wasm' })).toMatch(expected);
  });
});
