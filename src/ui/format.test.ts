// Tests for the lab's number formatting.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatFloat, formatMs, formatShape } from './format';

describe('format', () => {
  it.each([
    [0.1234, '0.12 ms'], [12.34, '12.3 ms'], [1234.5, '1235 ms'], [NaN, '—'],
  ])('formatMs(%d) = %s', (value, text) => expect(formatMs(value)).toBe(text));

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
