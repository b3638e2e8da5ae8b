// Tests for modelFacts: the zoo's models give describeModel's parameters, MACs and weight bytes; a hand-made graph; bad bytes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildModel, defineModel, describeModel, MODEL_IDS, type ModelId } from './index';
import { modelFacts } from './model-facts';
import { makeTestModel } from './onnx-test-models';

const RESOLUTION = 32;
const BATCH1 = new Map([['batch', 1]]);
const built = new Map<ModelId, Uint8Array>();
/** Building (weights calibrated on a probe batch) takes seconds per model: once per model for the file. */
const bytesOf = (id: ModelId): Uint8Array => built.get(id) ?? (built.set(id, buildModel(id, { resolution: RESOLUTION }).bytes).get(id) as Uint8Array);

/** VGG-16's adaptive average pool is a MatMul by a constant pooling matrix: a real MatMul for the graph, 0 MACs and 0 params for describeModel. */
function poolMatrixElements(id: ModelId): number {
  const graph = defineModel(id, RESOLUTION);
  return graph.ops.reduce((sum, op) => {
    const input = op.inputs[0];
    return op.kind === 'adaptive-avgpool-flatten' && input ? sum + input.height * input.width * op.outHeight * op.outWidth : sum;
  }, 0);
}

describe('modelFacts on the zoo at 32 px, batch 1', () => {
  it.each(MODEL_IDS)('%s: parameters, MACs and weight bytes equal describeModel()', (id) => {
    const bytes = bytesOf(id);
    const meta = describeModel(id, { resolution: RESOLUTION });
    const facts = modelFacts(bytes, BATCH1);
    const pool = poolMatrixElements(id);
    const channels = id === 'vgg16' ? 512 : 0;
    expect(facts.parameters).toBe(meta.params + pool);
    // The pooling MatMul multiplies [C, area] by [area, 49]: C * area * 49 MACs.
    expect(facts.macs).toBe(meta.macs + channels * pool);
    expect(facts.macsLowerBound).toBe(false);
    expect(facts.weightBytes).toBe(meta.weightBytes);
    expect(facts.opsets).toEqual([{ domain: 'ai.onnx', version: 13 }]);
    expect(facts.irVersion).toBe(8);
    expect(facts.producer).toBe('tenancy-lab zoo');
    expect(facts.webGpuCoverage.cpuOps).toEqual([]);
  });

  it('MACs scale with the batch', () => {
    expect(modelFacts(bytesOf('resnet18'), new Map([['batch', 4]])).macs).toBe(4 * describeModel('resnet18', { resolution: RESOLUTION }).macs);
  });

  it('resnet18: histogram, largest tensor (the stem conv output), inputs at the dims', () => {
    const facts = modelFacts(bytesOf('resnet18'), new Map([['batch', 2]]));
    // Ties (20 Conv, 20 BatchNormalization) go by name.
    expect(facts.opHistogram.slice(0, 3)).toEqual([{ op: 'ai.onnx:BatchNormalization', count: 20 }, { op: 'ai.onnx:Conv', count: 20 }, { op: 'ai.onnx:Relu', count: 17 }]);
    expect(facts.opHistogram.find((h) => h.op === 'ai.onnx:Gemm')?.count).toBe(1);
    expect(facts.largestTensor).toEqual({ name: 'conv1:out', dims: [2, 64, 16, 16], bytes: 2 * 64 * 16 * 16 * 4 });
    expect(facts.inputs).toEqual([{ name: 'input', dims: [2, 3, 32, 32] }]);
    expect(facts.dims).toEqual([['batch', 2]]);
  });
});

describe('modelFacts on hand-made graphs', () => {
  it('an unfilled symbolic size makes the MACs a lower bound naming the node', () => {
    const bytes = makeTestModel({ inputDims: ['batch', 3, 'height', 'width'] });
    const open = modelFacts(bytes, BATCH1);
    expect(open.macsLowerBound).toBe(true);
    expect(open.unknownMacNodes).toEqual(['conv']);
    expect(open.macs).toBe(0);
    const filled = modelFacts(bytes, new Map([['batch', 1], ['height', 8], ['width', 8]]));
    expect(filled.macsLowerBound).toBe(false);
    expect(filled.macs).toBe(4 * 3 * 9 * 8 * 8);
    expect(filled.parameters).toBe(4 * 3 * 9);
  });
});

describe('bad bytes', () => {
  it.each([
    ['empty', new Uint8Array(0)],
    ['not protobuf', new TextEncoder().encode('hello, this is not a model')],
  ])('%s: a one-line Error', (_, bytes) => {
    expect(() => modelFacts(bytes, BATCH1)).toThrow(/^not a usable ONNX model: /);
  });

  it('random and truncated bytes never throw anything but a one-line Error (fuzz)', () => {
    const model = makeTestModel();
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: model.length - 1 }).map((n) => model.slice(0, n))), (bytes) => {
        try {
          modelFacts(bytes, BATCH1);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).not.toContain('\n');
        }
      }),
      { seed: 12, numRuns: 400 },
    );
  });
});
