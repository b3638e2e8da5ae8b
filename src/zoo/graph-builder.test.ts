// Tests of the graph builder: torch pooling sizes, cost counting, ceil-mode padding, names.
import { describe, expect, it } from 'vitest';
import { GraphBuilder, pooledLength } from './graph-builder';

describe('pooledLength follows torch (incl. ceil_mode)', () => {
  // [input, kernel, stride, pad, ceil, expected]
  it.each([
    [112, 3, 2, 1, false, 56], // resnet maxpool
    [112, 3, 2, 0, true, 56], // googlenet maxpool1
    [16, 3, 2, 0, true, 8],
    [15, 3, 2, 0, true, 7],
    [14, 2, 2, 0, true, 7],
    [1, 2, 2, 0, true, 1],
    [2, 3, 1, 1, true, 2], // inception branch4 keeps the size
    [5, 2, 2, 0, false, 2],
    [5, 2, 2, 0, true, 3],
    [4, 3, 2, 1, true, 3],
    [5, 3, 3, 1, true, 2], // the last window may not start in the padding
  ])('%i with k%i s%i p%i ceil=%s -> %i', (len, k, s, p, ceil, want) => {
    expect(pooledLength(len, k, s, p, ceil)).toBe(want);
  });
});

describe('GraphBuilder', () => {
  it('counts params, MACs and layers of conv + BN + linear', () => {
    const b = new GraphBuilder('input', 3, 8, 8);
    const c = b.conv(b.input, 'conv', { outChannels: 4, kernel: 3, padding: 1 });
    const n = b.batchNorm(c, 'bn');
    const f = b.flatten(b.globalAvgPool(n, 'gap'), 'flat');
    const g = b.finish(b.linear(f, 'fc', 2));
    expect(g.params).toBe(4 * 3 * 9 + 2 * 4 + 4 * 2 + 2);
    expect(g.macs).toBe(4 * 3 * 9 * 64 + 8);
    expect(g.layerCount).toBe(2);
    expect(g.floatInitializerElements).toBe(4 * 3 * 9 + 4 * 4 + 4 * 2 + 2);
  });

  it('folds ceil mode into end padding', () => {
    const b = new GraphBuilder('input', 1, 16, 16);
    const p = b.maxPool(b.input, 'pool', { kernel: 3, stride: 2, ceilMode: true });
    const op = b.finish(p).ops[0];
    expect(p.height).toBe(8);
    expect(op?.kind === 'maxpool' ? op.pads : null).toEqual([0, 0, 1, 1]);
  });

  it('rejects duplicate layer names', () => {
    const b = new GraphBuilder('input', 3, 8, 8);
    b.activation(b.input, 'act', 'relu');
    expect(() => b.activation(b.input, 'act', 'relu')).toThrow(/duplicate layer name act/);
  });
});
