// Tests for the lab's number formatting.
import { describe, expect, it } from 'vitest';
import { formatAxisMs, formatBytes, formatCount, formatDurationLeft, formatFloat, formatMs, formatShape } from './format';

describe('format', () => {
  it.each([
    [0.1234, '0.12 ms'], [12.34, '12.3 ms'], [1234.5, '1235 ms'], [NaN, '—'],
  ])('formatMs(%d) = %s', (value, text) => expect(formatMs(value)).toBe(text));

  it.each([
    [0, '0'], [5, '5 ms'], [250, '250 ms'], [999, '999 ms'], [1000, '1 s'], [1500, '1.5 s'], [2000, '2 s'], [12_000, '12 s'],
    [12_500, '13 s'], [1_250_000, '1,250 s'], [NaN, ''],
  ])('formatAxisMs(%d) = %s: every digit kept', (value, text) => expect(formatAxisMs(value)).toBe(text));

  it.each([
    [0, 'under 1 s'], [400, '1 s'], [12_000, '12 s'], [125_000, '2 min 5 s'], [3_780_000, '1 h 3 min'], [-1, '—'], [Infinity, '—'],
  ])('formatDurationLeft(%d) = %s', (value, text) => expect(formatDurationLeft(value)).toBe(text));

  it.each([
    [748, '748 B'], [46_800_000, '46.8 MB'], [1_500, '1.5 kB'],
  ])('formatBytes(%d) = %s', (value, text) => expect(formatBytes(value)).toBe(text));

  it.each([
    [950, '950'], [11_689_512, '11.7 M'], [1_820_000_000, '1.82 G'], [138_000_000, '138 M'],
  ])('formatCount(%d) = %s', (value, text) => expect(formatCount(value)).toBe(text));

  it('formats shapes with symbolic and unknown dims', () => {
    expect(formatShape(['batch', 3, null, 8])).toBe('[batch, 3, ?, 8]');
  });

  it.each([
    [0, '0'], [3.1e-7, '3.1e-7'], [0.01234, '0.0123'],
  ])('formatFloat(%d) = %s', (value, text) => expect(formatFloat(value)).toBe(text));
});
