// Tests for the largest-tensor figures: hand-computed shapes of VGG-16 and tiny-cnn.
import { describe, expect, it } from 'vitest';
import { defineModel } from './index';
import { largestTensors } from './tensor-sizes';

describe('largestTensors', () => {
  it.each([
    // VGG-16 at 224: fc6 is 4096 x (512 * 7 * 7); the first conv output is 64 x 224 x 224 per sample.
    ['vgg16', 224, 8, { name: 'features.0:out', dims: [8, 64, 224, 224] }, { name: 'classifier.0.weight', dims: [4096, 25088] }],
    ['tiny-cnn', 32, 1, { name: 'features.0.0:out', dims: [1, 16, 32, 32] }, { name: 'features.3.0.weight', dims: [64, 64, 3, 3] }],
  ] as const)('%s@%d@%d', (id, resolution, batch, activation, weight) => {
    const largest = largestTensors(defineModel(id, resolution), batch, 4);
    const bytes = (dims: readonly number[]) => dims.reduce((p, d) => p * d, 4);
    expect(largest.activation).toEqual({ ...activation, role: 'activation', bytes: bytes(activation.dims) });
    expect(largest.weight).toEqual({ ...weight, role: 'weight', bytes: bytes(weight.dims) });
  });
});
