import { describe, expect, it } from 'vitest';
import { createRng } from './rng';

describe('createRng', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('is uniform in [0, 1): mean and variance over 1e5 draws', () => {
    const rng = createRng(7);
    let sum = 0, sumSq = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x; sumSq += x * x;
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sumSq / n - mean * mean).toBeCloseTo(1 / 12, 2);
  });

  it('forks independent, reproducible streams', () => {
    const f1 = createRng(1).fork('tenant-a'), f2 = createRng(1).fork('tenant-a');
    const g = createRng(1).fork('tenant-b');
    const x = f1.next();
    expect(f2.next()).toBe(x);
    expect(g.next()).not.toBe(x);
  });
});
