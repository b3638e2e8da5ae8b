// Tests for output summaries and seeded inputs: exact stats, value cap, reproducible seeds.
import { describe, expect, it } from 'vitest';
import { OUTPUT_VALUE_CAP } from './lane-protocol';
import { sampleOutput } from './output-sample';
import { elementCount, seededFloat32 } from './seeded-input';

describe('sampleOutput', () => {
  it('summarizes every element and keeps the values', () => {
    const sample = sampleOutput('logits', 'float32', [1, 4], Float32Array.from([1, -2, 3, 6]));
    expect(sample).toMatchObject({ name: 'logits', elementCount: 4, min: -2, max: 6, mean: 2 });
    expect([...sample.values]).toEqual([1, -2, 3, 6]);
  });

  it('caps the values it sends but not the statistics', () => {
    const data = new Float32Array(OUTPUT_VALUE_CAP + 10).fill(1);
    data[OUTPUT_VALUE_CAP + 5] = 9;
    const sample = sampleOutput('y', 'float32', [data.length], data);
    expect(sample.values).toHaveLength(OUTPUT_VALUE_CAP);
    expect(sample.max).toBe(9);
  });

  it('gives NaN stats for an empty tensor', () => {
    const sample = sampleOutput('y', 'float32', [0], new Float32Array(0));
    expect(sample.min).toBeNaN();
    expect(sample.mean).toBeNaN();
  });
});

describe('seededFloat32', () => {
  it('is reproducible per seed and label, in [-1, 1)', () => {
    const a = seededFloat32(1000, 7, 'input');
    expect(seededFloat32(1000, 7, 'input')).toEqual(a);
    expect(seededFloat32(1000, 8, 'input')).not.toEqual(a);
    expect(seededFloat32(1000, 7, 'other')).not.toEqual(a);
    expect(a.every((v) => v >= -1 && v < 1)).toBe(true);
  });

  it.each([[[1, 3, 32, 32], 3072], [[], 1], [[4, 0], 0]])('elementCount(%j) = %d', (dims, count) => {
    expect(elementCount(dims)).toBe(count);
  });
});
