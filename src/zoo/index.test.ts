// Tests of the public zoo API: id/resolution/dtype/seed validation, tiny-cnn, determinism, progress.
import { describe, expect, it } from 'vitest';
import { buildModel, describeModel, isModelId, MODEL_IDS, type ModelId } from './index';

describe('model ids', () => {
  it.each([
    ['resnet18', true],
    ['tiny-cnn', true],
    ['resnet', false],
    ['', false],
  ])('isModelId(%j) is %s', (x, expected) => {
    expect(isModelId(x)).toBe(expected);
  });
});

describe('input validation', () => {
  it.each([0, 31, 33, 100, 224.5, -32, Number.NaN])('rejects resolution %s naming the field', (resolution) => {
    expect(() => describeModel('tiny-cnn', { resolution })).toThrow(/resolution: .*multiple of 32/);
  });

  it('rejects an unknown id naming the field and the expected values', () => {
    expect(() => describeModel('alexnet' as ModelId, { resolution: 32 })).toThrow(/id: unknown model 'alexnet'; expected one of tiny-cnn, resnet18/);
  });

  it('rejects an unknown dtype', () => {
    expect(() => describeModel('tiny-cnn', { resolution: 32, dtype: 'int8' as 'fp32' })).toThrow(/dtype: .*fp32, fp16/);
  });

  it('rejects a bad seed', () => {
    expect(() => buildModel('tiny-cnn', { resolution: 32, seed: -1 })).toThrow(/seed: /);
  });
});

describe('tiny-cnn', () => {
  it.each([32, 64, 224])('describes shapes at %i px', (resolution) => {
    const meta = describeModel('tiny-cnn', { resolution });
    expect(meta.inputShape).toEqual(['batch', 3, resolution, resolution]);
    expect(meta.outputShape).toEqual(['batch', 10]);
    expect(meta.layerCount).toBe(5);
    expect(meta.opset).toBe(13);
  });

  it.each<ModelId>(['tiny-cnn', 'squeezenet1_1'])('%s is deterministic per seed', (id) => {
    const a = buildModel(id, { resolution: 32, seed: 7 }).bytes;
    const b = buildModel(id, { resolution: 32, seed: 7 }).bytes;
    const c = buildModel(id, { resolution: 32, seed: 8 }).bytes;
    expect(Buffer.compare(a, b)).toBe(0);
    expect(Buffer.compare(a, c)).not.toBe(0);
  });

  it('reports progress per layer, then encoding', () => {
    const stages: string[] = [];
    buildModel('tiny-cnn', { resolution: 32, onProgress: (p) => stages.push(`${p.stage}:${p.done}/${p.total}`) });
    expect(stages.at(0)).toMatch(/^weights:1\//);
    expect(stages.slice(-2)).toEqual(['encode:0/1', 'encode:1/1']);
  });

  it('lists every id in the public order', () => {
    expect(MODEL_IDS[0]).toBe('tiny-cnn');
  });
});
