// Tests for the WebGPU buffer-limit check with fake limits: which tensor, which limit, how many bytes.
import { describe, expect, it } from 'vitest';
import { defineModel } from '../zoo';
import { largestTensors } from '../zoo/tensor-sizes';
import { KEY_LIMIT_DEFAULTS, type AdapterFacts } from './adapter-facts';
import { bufferLimitsOf, webGpuSizeProblem } from './size-limits';

const MiB = 1024 ** 2;
const vgg = (batch: number) => largestTensors(defineModel('vgg16', 224), batch, 4);

describe('webGpuSizeProblem', () => {
  it('names the tensor, the limit and both sizes when a weight exceeds the binding size (spec defaults)', () => {
    const problem = webGpuSizeProblem(vgg(1), { maxBufferSize: KEY_LIMIT_DEFAULTS.maxBufferSize, maxStorageBufferBindingSize: KEY_LIMIT_DEFAULTS.maxStorageBufferBindingSize });
    expect(problem).toBe(
      "the weight 'classifier.0.weight' [4096, 25088] needs 411,041,792 bytes, more than this device's maxStorageBufferBindingSize (134,217,728 bytes): a tensor bigger than that cannot be bound to a WebGPU shader",
    );
  });

  it('names the smaller limit exceeded, and an activation that grows with the batch', () => {
    const problem = webGpuSizeProblem(vgg(64), { maxBufferSize: 512 * MiB, maxStorageBufferBindingSize: 1024 * MiB });
    expect(problem).toContain("the activation 'features.0:out' [64, 64, 224, 224] needs 822,083,584 bytes, more than this device's maxBufferSize (536,870,912 bytes): WebGPU cannot allocate a buffer that large");
    expect(problem).not.toContain('classifier.0.weight');
  });

  it('is null when everything fits', () => {
    expect(webGpuSizeProblem(vgg(8), { maxBufferSize: 2048 * MiB, maxStorageBufferBindingSize: 1024 * MiB })).toBeNull();
    expect(webGpuSizeProblem(largestTensors(defineModel('tiny-cnn', 32), 8, 4), { maxBufferSize: 1 * MiB, maxStorageBufferBindingSize: 1 * MiB })).toBeNull();
  });

  it('reads the limits from adapter facts', () => {
    const adapter = { limits: [{ name: 'maxBufferSize', value: 7, specDefault: 1 }, { name: 'maxStorageBufferBindingSize', value: 5, specDefault: 1 }] } as unknown as AdapterFacts;
    expect(bufferLimitsOf(adapter)).toEqual({ maxBufferSize: 7, maxStorageBufferBindingSize: 5 });
  });
});
