// Tests for the weight cache: a hit gives the same weights without making them again, the byte bound holds, least recently used goes first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel, defineModel } from './index';
import { WeightCache, type WeightMaker } from './weight-cache';
import { generateWeights } from './weights';

const graph = defineModel('tiny-cnn', 32);

/** A maker of `bytes`-byte weights that counts its calls. */
function counting(bytes: number): { make: WeightMaker; calls: () => number } {
  let calls = 0;
  return { make: () => (calls++, new Map([['w', new Float32Array(bytes / 4)]])), calls: () => calls };
}

describe('WeightCache', () => {
  it('gives the generated weights on a hit without generating again, equal to a fresh generation', () => {
    let calls = 0;
    const cache = new WeightCache(1 << 20, (g, seed) => (calls++, generateWeights(g, seed).weights));
    const first = cache.get('tiny-cnn', 32, graph, 7);
    expect(cache.get('tiny-cnn', 32, graph, 7)).toBe(first);
    expect(calls).toBe(1);
    const fresh = generateWeights(graph, 7).weights;
    for (const [name, w] of fresh) expect(first.get(name)).toEqual(w);
    cache.get('tiny-cnn', 32, graph, 8);
    expect(calls).toBe(2);
  });

  it('keeps nothing larger than its bound, and drops the least recently used first', () => {
    const { make, calls } = counting(400);
    const cache = new WeightCache(1000, make);
    cache.get('a', 32, graph, 1);
    cache.get('b', 32, graph, 1);
    cache.get('a', 32, graph, 1); // a is now the most recent
    cache.get('c', 32, graph, 1); // 1200 bytes: b goes
    expect(cache.stats()).toEqual({ entries: 2, bytes: 800 });
    cache.get('a', 32, graph, 1);
    expect(calls()).toBe(3);
    cache.get('b', 32, graph, 1);
    expect(calls()).toBe(4);
    const big = new WeightCache(100, make);
    big.get('a', 32, graph, 1);
    expect(big.stats()).toEqual({ entries: 0, bytes: 0 });
  });

  it('never holds more than its bound over any sequence of gets', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 6 })), { maxLength: 60 }), (gets) => {
      const cache = new WeightCache(2000, (_, seed) => new Map([['w', new Float32Array(seed * 100)]]));
      for (const [id, res, seed] of gets) {
        const w = cache.get(id, res * 32, graph, seed);
        expect(w.get('w')?.length).toBe(seed * 100);
        expect(cache.stats().bytes).toBeLessThanOrEqual(2000);
      }
    }), { seed: 23, numRuns: 200 });
  });

  it('leaves the zoo\'s bytes as they were: equal seeds give equal bytes, cached or not', () => {
    const a = buildModel('tiny-cnn', { resolution: 32, seed: 11 }).bytes;
    const b = buildModel('tiny-cnn', { resolution: 32, seed: 11 }).bytes;
    expect(b).toEqual(a);
  });
});
