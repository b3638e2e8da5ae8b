// Tests for typed seeded inputs: floats reproducible, float16 as binary16 bits, integers by their fill.
import { describe, expect, it } from 'vitest';
import { float16BitsToNumber } from '../zoo/float16';
import { seededFloat32, seededInputData } from './seeded-input';

describe('seededInputData', () => {
  it('float32 is the seeded stream itself; float16 the same values rounded to binary16', () => {
    expect(seededInputData('float32', 16, 3, 'x', undefined)).toEqual(seededFloat32(16, 3, 'x'));
    const half = seededInputData('float16', 16, 3, 'x', undefined);
    expect(half).toBeInstanceOf(Uint16Array);
    const floats = seededFloat32(16, 3, 'x');
    half.forEach((bits, i) => expect(Math.abs(float16BitsToNumber(Number(bits)) - (floats[i] ?? 0))).toBeLessThan(1e-3));
  });

  it.each<[string, 'int32' | 'int64']>([['int32', 'int32'], ['int64', 'int64']])('%s: constant 1 by default, a chosen constant, or a seeded range within its bounds', (_name, type) => {
    expect([...seededInputData(type, 4, 1, 'ids', undefined)].map(Number)).toEqual([1, 1, 1, 1]);
    expect([...seededInputData(type, 3, 1, 'ids', { input: 'ids', kind: 'constant', value: -7 })].map(Number)).toEqual([-7, -7, -7]);
    const range = [...seededInputData(type, 2000, 1, 'ids', { input: 'ids', kind: 'uniform', lo: -3, hi: 4 })].map(Number);
    expect(range.reduce((a, b) => Math.min(a, b))).toBe(-3);
    expect(range.reduce((a, b) => Math.max(a, b))).toBe(4);
    expect([...seededInputData(type, 2000, 1, 'ids', { input: 'ids', kind: 'uniform', lo: -3, hi: 4 })].map(Number)).toEqual(range);
  });
});
