// Tests of the plain-TS reference kernels against their direct definitions.
import { describe, expect, it } from 'vitest';
import { conv, maxPool, type Activation, type ConvGeometry } from './reference-ops';
import { createRng } from '../core/rng';

function random(length: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => rng.next() - 0.5);
}

/** Direct 7-loop convolution, the definition. */
function naiveConv(x: Activation, w: Float32Array, g: ConvGeometry): Float32Array {
  const [kh, kw] = g.kernel;
  const inPerGroup = x.channels / g.groups;
  const outPerGroup = g.outChannels / g.groups;
  const out = new Float32Array(x.batch * g.outChannels * g.outHeight * g.outWidth);
  for (let n = 0; n < x.batch; n++)
    for (let o = 0; o < g.outChannels; o++)
      for (let y = 0; y < g.outHeight; y++)
        for (let c = 0; c < g.outWidth; c++) {
          let acc = 0;
          for (let i = 0; i < inPerGroup; i++)
            for (let a = 0; a < kh; a++)
              for (let b = 0; b < kw; b++) {
                const iy = y * g.stride - g.pads[0] + a;
                const ix = c * g.stride - g.pads[1] + b;
                if (iy < 0 || ix < 0 || iy >= x.height || ix >= x.width) continue;
                const ci = Math.floor(o / outPerGroup) * inPerGroup + i;
                acc += (w[((o * inPerGroup + i) * kh + a) * kw + b] ?? 0) * (x.data[((n * x.channels + ci) * x.height + iy) * x.width + ix] ?? 0);
              }
          out[((n * g.outChannels + o) * g.outHeight + y) * g.outWidth + c] = acc;
        }
  return out;
}

describe('conv matches the direct definition', () => {
  // [in channels, out channels, size, kernel, stride, pad, groups, batch]
  it.each([
    [3, 8, 9, 3, 1, 1, 1, 2],
    [4, 6, 8, 1, 1, 0, 1, 1],
    [6, 6, 7, 3, 2, 1, 6, 2],
    [3, 5, 11, 7, 2, 3, 1, 1],
    [8, 8, 2, 5, 1, 2, 8, 3],
    [4, 7, 1, 3, 1, 1, 1, 40],
    [6, 9, 5, 3, 2, 0, 3, 1],
  ])('in %i out %i size %i kernel %i stride %i pad %i groups %i batch %i', (cin, cout, size, k, stride, pad, groups, batch) => {
    const outSize = Math.floor((size + 2 * pad - k) / stride) + 1;
    const g: ConvGeometry = { outChannels: cout, kernel: [k, k], stride, pads: [pad, pad, pad, pad], groups, outHeight: outSize, outWidth: outSize };
    const x: Activation = { data: random(batch * cin * size * size, 1), batch, channels: cin, height: size, width: size };
    const w = random((cout * cin * k * k) / groups, 2);
    const got = conv(x, w, g).data;
    const want = naiveConv(x, w, g);
    expect(got.length).toBe(want.length);
    const worst = got.reduce((m, v, i) => Math.max(m, Math.abs(v - (want[i] ?? 0))), 0);
    expect(worst).toBeLessThan(1e-5);
  });
});

describe('maxPool', () => {
  it('ignores padding cells (ceil-mode end padding never wins)', () => {
    const x: Activation = { data: Float32Array.of(-1, -2, -3, -4), batch: 1, channels: 1, height: 2, width: 2 };
    expect(Array.from(maxPool(x, 3, 2, [0, 0, 1, 1], 1, 1).data)).toEqual([-1]);
  });
});
