// Tests of weight generation: probe batch sizing, BN statistics, residual gains, He scaling.
import { describe, expect, it } from 'vitest';
import { defineModel, type ModelId } from './index';
import { generateWeights, probeBatchSize } from './weights';

describe('probeBatchSize', () => {
  it.each<[ModelId, number, number]>([
    ['tiny-cnn', 32, 8], // smallest BN map 4x4: 128 values / 16 positions
    ['mobilenet_v2', 32, 128], // 1x1 maps, capped at 128 samples
    ['resnet50', 32, 23], // 1x1 maps, limited by the 2 GMAC budget
    ['resnet50', 224, 1], // one sample already exceeds the budget
    ['vgg16', 224, 1], // no BN: one sample calibrates the layer scales
  ])('%s at %i px probes %i samples', (id, resolution, batch) => {
    expect(probeBatchSize(defineModel(id, resolution))).toBe(batch);
  });
});

describe('generateWeights', () => {
  const graph = defineModel('resnet18', 32);
  const { weights, probeRms } = generateWeights(graph, 5);

  it('gives every BN positive finite running variances', () => {
    const vars = [...weights.entries()].filter(([name]) => name.endsWith('.running_var'));
    expect(vars.length).toBe(graph.ops.filter((op) => op.kind === 'batchnorm').length);
    for (const [, v] of vars) expect(v.every((x) => Number.isFinite(x) && x > 0)).toBe(true);
  });

  it('scales gamma of the last BN of a residual branch by 0.5 (+-10% noise)', () => {
    const gamma = weights.get('layer2.1.bn2.weight');
    expect(gamma?.every((g) => g >= 0.45 && g <= 0.55)).toBe(true);
    expect(weights.get('layer2.1.bn1.weight')?.every((g) => g >= 0.9 && g <= 1.1)).toBe(true);
  });

  it('normalises the probe: BN outputs have RMS ~ gamma, the logits ~1', () => {
    expect(probeRms.get('layer3.0.bn1')).toBeCloseTo(1, 1);
    expect(probeRms.get('fc')).toBeCloseTo(1, 2);
  });

  it('uses He scaling: conv weight variance 2 / fan-in', () => {
    const w = weights.get('layer3.0.conv2.weight') ?? new Float32Array();
    const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
    expect(variance * 256 * 9).toBeCloseTo(2, 1);
  });
});
