// Tests of float32 -> float16 rounding (ties to even, subnormals, infinities, NaN).
import { describe, expect, it } from 'vitest';
import { float16BitsToNumber, float32ArrayToFloat16, float32ToFloat16Bits } from './float16';

describe('float32ToFloat16Bits', () => {
  it.each([
    ['zero', 0, 0x0000],
    ['negative zero', -0, 0x8000],
    ['one', 1, 0x3c00],
    ['minus two', -2, 0xc000],
    ['max half', 65504, 0x7bff],
    ['rounds down below the overflow tie', 65519, 0x7bff],
    ['overflow tie rounds to infinity', 65520, 0x7c00],
    ['large to infinity', 1e10, 0x7c00],
    ['infinity', Infinity, 0x7c00],
    ['minus infinity', -Infinity, 0xfc00],
    ['smallest normal', 2 ** -14, 0x0400],
    ['largest subnormal', 2 ** -14 - 2 ** -24, 0x03ff],
    ['smallest subnormal', 2 ** -24, 0x0001],
    ['half of smallest subnormal ties to even (zero)', 2 ** -25, 0x0000],
    ['just above half of smallest subnormal', 2 ** -25 * 1.0001, 0x0001],
    ['1.5 ulp subnormal ties to even (2)', 1.5 * 2 ** -24, 0x0002],
    ['2.5 ulp subnormal ties to even (2)', 2.5 * 2 ** -24, 0x0002],
    ['tiny to zero', 1e-30, 0x0000],
    ['tie between 1 and next rounds to even (1)', 1 + 2 ** -11, 0x3c00],
    ['tie above odd mantissa rounds up', 1 + 3 * 2 ** -11, 0x3c02],
    ['above the tie rounds up', 1 + 2 ** -11 + 2 ** -20, 0x3c01],
    ['one third', 1 / 3, 0x3555],
  ])('%s', (_label, value, bits) => {
    expect(float32ToFloat16Bits(value)).toBe(bits);
  });

  it('keeps NaN a NaN', () => {
    const bits = float32ToFloat16Bits(Number.NaN);
    expect(bits & 0x7c00).toBe(0x7c00);
    expect(bits & 0x3ff).not.toBe(0);
  });

  it('round-trips every finite half exactly', () => {
    const mismatches: number[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) === 0x7c00) continue;
      if (float32ToFloat16Bits(float16BitsToNumber(bits)) !== bits) mismatches.push(bits);
    }
    expect(mismatches).toEqual([]);
  });

  it('converts arrays like the scalar path', () => {
    const values = Float32Array.of(0.1, -3.75, 1e-6, 7e4, 2 ** -24);
    expect(Array.from(float32ArrayToFloat16(values))).toEqual(Array.from(values, (v) => float32ToFloat16Bits(v)));
  });
});
