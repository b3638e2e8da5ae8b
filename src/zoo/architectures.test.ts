// Architecture facts of every zoo model against torchvision (parameters exact, MACs within a few %).
import { describe, expect, it } from 'vitest';
import { describeModel, defineModel, MODEL_IDS, type ModelId } from './index';

describe('parameter counts equal torchvision', () => {
  it.each<[ModelId, number]>([
    ['resnet18', 11_689_512],
    ['resnet50', 25_557_032],
    ['mobilenet_v2', 3_504_872],
    ['squeezenet1_1', 1_235_496],
    ['googlenet', 6_624_904],
    ['efficientnet_b0', 5_288_548],
    ['vgg16', 138_357_544],
  ])('%s has %i parameters', (id, params) => {
    expect(describeModel(id, { resolution: 224 }).params).toBe(params);
  });

  it.each(MODEL_IDS)('%s: parameters do not depend on the resolution', (id) => {
    expect(describeModel(id, { resolution: 32 }).params).toBe(describeModel(id, { resolution: 512 }).params);
  });
});

describe('MACs at 224 px match the published figures', () => {
  it.each<[ModelId, number]>([
    ['resnet18', 1.82e9],
    ['resnet50', 4.11e9],
    ['mobilenet_v2', 0.30e9],
    ['squeezenet1_1', 0.35e9],
    ['googlenet', 1.5e9],
    ['efficientnet_b0', 0.39e9],
    ['vgg16', 15.5e9],
  ])('%s ~ %d MACs (within 3%)', (id, macs) => {
    const meta = describeModel(id, { resolution: 224 });
    expect(Math.abs(meta.macs / macs - 1)).toBeLessThan(0.03);
    expect(meta.flops).toBe(2 * meta.macs);
  });

  it.each(MODEL_IDS)('%s: MACs grow with the pixel count', (id) => {
    const small = describeModel(id, { resolution: 224 }).macs;
    const large = describeModel(id, { resolution: 448 }).macs;
    expect(large / small).toBeGreaterThan(3.5);
    expect(large / small).toBeLessThan(4.5);
  });
});

describe('shapes at several resolutions', () => {
  const classes = (id: ModelId): number => (id === 'tiny-cnn' ? 10 : 1000);
  it.each(MODEL_IDS.flatMap((id) => [32, 64, 96, 224, 256].map((r) => [id, r] as const)))('%s at %i px', (id, resolution) => {
    const meta = describeModel(id, { resolution });
    expect(meta.inputShape).toEqual(['batch', 3, resolution, resolution]);
    expect(meta.outputShape).toEqual(['batch', classes(id)]);
    expect(meta.resolution).toBe(resolution);
  });
});

describe('layer counts (conv + linear)', () => {
  it.each<[ModelId, number]>([
    ['tiny-cnn', 5],
    ['resnet18', 21],
    ['resnet50', 54],
    ['mobilenet_v2', 53],
    ['squeezenet1_1', 26],
    ['googlenet', 58],
    ['efficientnet_b0', 82],
    ['vgg16', 16],
  ])('%s has %i layers', (id, layers) => {
    expect(describeModel(id, { resolution: 224 }).layerCount).toBe(layers);
  });
});

describe('layer IR', () => {
  it.each(MODEL_IDS)('%s: every op reads tensors produced earlier (a topological order)', (id) => {
    const graph = defineModel(id, 64);
    const produced = new Set([graph.input.name]);
    for (const op of graph.ops) {
      for (const t of op.inputs) expect(produced.has(t.name)).toBe(true);
      produced.add(op.output.name);
    }
    expect(produced.has(graph.output.name)).toBe(true);
  });

  it('weight bytes halve in fp16 (all constants are floats except VGG reshape shapes)', () => {
    const fp32 = describeModel('resnet18', { resolution: 224 });
    const fp16 = describeModel('resnet18', { resolution: 224, dtype: 'fp16' });
    expect(fp16.weightBytes * 2).toBe(fp32.weightBytes);
  });
});
