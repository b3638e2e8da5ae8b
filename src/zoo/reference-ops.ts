// Plain TypeScript forward kernels (NCHW float32) for calibrating generated weights on a seeded probe batch.
import type { ActivationFn, Pads4 } from './layer-ir';
import { assertUnreachable } from '../core/assert';

/** A batch of feature maps, NCHW (rank-2 tensors use height = width = 1). */
export interface Activation {
  readonly data: Float32Array;
  readonly batch: number;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
}

/** Convolution geometry of `conv`. */
export interface ConvGeometry {
  readonly outChannels: number;
  readonly kernel: readonly [number, number];
  readonly stride: number;
  readonly pads: Pads4;
  readonly groups: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

/** Column matrix of one group, [columns][rows]: column q = (n, y, x) of the output, row r = (i, a, b) of the kernel. */
function im2col(x: Activation, g: ConvGeometry, firstIn: number, inCount: number): Float32Array {
  const [kh, kw] = g.kernel;
  const { stride, outHeight: oh, outWidth: ow } = g;
  const [pt, pl] = g.pads;
  const rows = inCount * kh * kw;
  const m = new Float32Array(rows * x.batch * oh * ow);
  const plane = x.height * x.width;
  for (let n = 0; n < x.batch; n++) {
    for (let i = 0; i < inCount; i++) {
      const inBase = (n * x.channels + firstIn + i) * plane;
      for (let a = 0; a < kh; a++) {
        for (let y = 0; y < oh; y++) {
          const iy = y * stride - pt + a;
          if (iy < 0 || iy >= x.height) continue;
          for (let c = 0; c < ow; c++) {
            const rowBase = ((n * oh + y) * ow + c) * rows + (i * kh + a) * kw;
            for (let b = 0; b < kw; b++) {
              const ix = c * stride - pl + b;
              if (ix >= 0 && ix < x.width) m[rowBase + b] = x.data[inBase + iy * x.width + ix] as number;
            }
          }
        }
      }
    }
  }
  return m;
}

/**
 * y = conv(x, w) (no bias); w laid out [out, in/groups, kh, kw]. im2col per group, then dot products
 * blocked 4 output channels x 2 columns so each loaded value feeds several multiply-adds.
 */
export function conv(x: Activation, w: Float32Array, g: ConvGeometry): Activation {
  const { outChannels, groups, outHeight: oh, outWidth: ow } = g;
  const inPerGroup = x.channels / groups;
  const outPerGroup = outChannels / groups;
  const rows = inPerGroup * g.kernel[0] * g.kernel[1];
  const cols = x.batch * oh * ow;
  const plane = oh * ow;
  const result = new Float32Array(outChannels * cols); // [out][n, y, x]
  for (let grp = 0; grp < groups; grp++) {
    const m = im2col(x, g, grp * inPerGroup, inPerGroup);
    for (let oi = 0; oi < outPerGroup; oi += 4) {
      const o0 = grp * outPerGroup + oi;
      const count = Math.min(4, outPerGroup - oi);
      // Missing channels of a partial block alias channel o0 and are written first, then overwritten.
      const w0 = o0 * rows;
      const w1 = count > 1 ? w0 + rows : w0;
      const w2 = count > 2 ? w0 + 2 * rows : w0;
      const w3 = count > 3 ? w0 + 3 * rows : w0;
      const r0 = o0 * cols;
      const r1 = count > 1 ? r0 + cols : r0;
      const r2 = count > 2 ? r0 + 2 * cols : r0;
      const r3 = count > 3 ? r0 + 3 * cols : r0;
      for (let q = 0; q < cols; q += 2) {
        const pair = q + 1 < cols;
        const ma = q * rows;
        const mb = pair ? ma + rows : ma;
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        for (let r = 0; r < rows; r++) {
          const va = m[ma + r] as number;
          const vb = m[mb + r] as number;
          const k0 = w[w0 + r] as number;
          const k1 = w[w1 + r] as number;
          const k2 = w[w2 + r] as number;
          const k3 = w[w3 + r] as number;
          a0 += k0 * va;
          a1 += k1 * va;
          a2 += k2 * va;
          a3 += k3 * va;
          b0 += k0 * vb;
          b1 += k1 * vb;
          b2 += k2 * vb;
          b3 += k3 * vb;
        }
        result[r3 + q] = a3;
        result[r2 + q] = a2;
        result[r1 + q] = a1;
        result[r0 + q] = a0;
        if (pair) {
          result[r3 + q + 1] = b3;
          result[r2 + q + 1] = b2;
          result[r1 + q + 1] = b1;
          result[r0 + q + 1] = b0;
        }
      }
    }
  }
  // [out][n, p] -> NCHW
  const out = new Float32Array(result.length);
  for (let o = 0; o < outChannels; o++) {
    for (let n = 0; n < x.batch; n++) out.set(result.subarray(o * cols + n * plane, o * cols + (n + 1) * plane), (n * outChannels + o) * plane);
  }
  return { data: out, batch: x.batch, channels: outChannels, height: oh, width: ow };
}

/** y = x W^T (no bias); w laid out [out, in]. */
export function linear(x: Activation, w: Float32Array, outFeatures: number): Activation {
  const inF = x.channels * x.height * x.width;
  const out = new Float32Array(x.batch * outFeatures);
  for (let n = 0; n < x.batch; n++) {
    const xBase = n * inF;
    for (let o = 0; o < outFeatures; o++) {
      const wBase = o * inF;
      let acc = 0;
      for (let i = 0; i < inF; i++) acc += (w[wBase + i] ?? 0) * (x.data[xBase + i] ?? 0);
      out[n * outFeatures + o] = acc;
    }
  }
  return { data: out, batch: x.batch, channels: outFeatures, height: 1, width: 1 };
}

/** Adds bias[c] to every element of channel c, in place. */
export function addBias(x: Activation, bias: Float32Array): void {
  const plane = x.height * x.width;
  for (let n = 0; n < x.batch; n++) {
    for (let c = 0; c < x.channels; c++) {
      const base = (n * x.channels + c) * plane;
      const bv = bias[c] ?? 0;
      for (let p = 0; p < plane; p++) x.data[base + p] = (x.data[base + p] ?? 0) + bv;
    }
  }
}

/** Per-channel mean and (population) variance over batch and positions. */
export function channelMoments(x: Activation): { mean: Float64Array; variance: Float64Array } {
  const plane = x.height * x.width;
  const mean = new Float64Array(x.channels);
  const variance = new Float64Array(x.channels);
  const count = x.batch * plane;
  for (let c = 0; c < x.channels; c++) {
    let s = 0;
    let s2 = 0;
    for (let n = 0; n < x.batch; n++) {
      const base = (n * x.channels + c) * plane;
      for (let p = 0; p < plane; p++) {
        const v = x.data[base + p] ?? 0;
        s += v;
        s2 += v * v;
      }
    }
    mean[c] = s / count;
    variance[c] = Math.max(s2 / count - (s / count) ** 2, 0);
  }
  return { mean, variance };
}

/** Inference BatchNorm with per-channel scale/shift: y = gamma (x - mean) / sqrt(var + eps) + beta. */
export function batchNorm(x: Activation, gamma: Float32Array, beta: Float32Array, mean: Float32Array, variance: Float32Array, eps: number): Activation {
  const plane = x.height * x.width;
  const out = new Float32Array(x.data.length);
  for (let n = 0; n < x.batch; n++) {
    for (let c = 0; c < x.channels; c++) {
      const k = (gamma[c] ?? 0) / Math.sqrt((variance[c] ?? 0) + eps);
      const shift = (beta[c] ?? 0) - k * (mean[c] ?? 0);
      const base = (n * x.channels + c) * plane;
      for (let p = 0; p < plane; p++) out[base + p] = k * (x.data[base + p] ?? 0) + shift;
    }
  }
  return { ...x, data: out };
}

/** Pointwise activation. */
export function activate(x: Activation, fn: ActivationFn): Activation {
  const f = ((): ((v: number) => number) => {
    switch (fn) {
      case 'relu':
        return (v) => (v > 0 ? v : 0);
      case 'relu6':
        return (v) => Math.min(Math.max(v, 0), 6);
      case 'silu':
        return (v) => v / (1 + Math.exp(-v));
      case 'sigmoid':
        return (v) => 1 / (1 + Math.exp(-v));
      default:
        return assertUnreachable(fn);
    }
  })();
  return { ...x, data: x.data.map(f) };
}

/** Max pool with explicit pads (padding never wins). */
export function maxPool(x: Activation, kernel: number, stride: number, pads: Pads4, oh: number, ow: number): Activation {
  const out = new Float32Array(x.batch * x.channels * oh * ow);
  let k = 0;
  for (let nc = 0; nc < x.batch * x.channels; nc++) {
    const base = nc * x.height * x.width;
    for (let y = 0; y < oh; y++) {
      for (let c = 0; c < ow; c++) {
        let best = -Infinity;
        for (let a = 0; a < kernel; a++) {
          const iy = y * stride - pads[0] + a;
          if (iy < 0 || iy >= x.height) continue;
          for (let b = 0; b < kernel; b++) {
            const ix = c * stride - pads[1] + b;
            if (ix >= 0 && ix < x.width) best = Math.max(best, x.data[base + iy * x.width + ix] ?? 0);
          }
        }
        out[k++] = best;
      }
    }
  }
  return { data: out, batch: x.batch, channels: x.channels, height: oh, width: ow };
}

/** y[n, j] = sum_p x[n, c, p] * matrix[p, j] per channel (adaptive average pooling), then flattened. */
export function poolByMatrix(x: Activation, matrix: Float32Array, cols: number): Activation {
  const plane = x.height * x.width;
  const out = new Float32Array(x.batch * x.channels * cols);
  for (let nc = 0; nc < x.batch * x.channels; nc++) {
    for (let p = 0; p < plane; p++) {
      const v = x.data[nc * plane + p] ?? 0;
      if (v === 0) continue;
      for (let j = 0; j < cols; j++) out[nc * cols + j] = (out[nc * cols + j] ?? 0) + v * (matrix[p * cols + j] ?? 0);
    }
  }
  return { data: out, batch: x.batch, channels: x.channels * cols, height: 1, width: 1 };
}

/** Elementwise a + b, or a * s with s broadcast per channel ([N, C, 1, 1]). */
export function combine(a: Activation, b: Activation, mode: 'add' | 'scale'): Activation {
  const plane = a.height * a.width;
  const out = new Float32Array(a.data.length);
  for (let i = 0; i < out.length; i++) {
    const av = a.data[i] ?? 0;
    out[i] = mode === 'add' ? av + (b.data[i] ?? 0) : av * (b.data[Math.floor(i / plane)] ?? 0);
  }
  return { ...a, data: out };
}

/** Channel concatenation. */
export function concat(parts: readonly Activation[]): Activation {
  const first = parts[0];
  if (first === undefined) throw new Error('concat of nothing');
  const plane = first.height * first.width;
  const channels = parts.reduce((s, p) => s + p.channels, 0);
  const out = new Float32Array(first.batch * channels * plane);
  for (let n = 0; n < first.batch; n++) {
    let offset = n * channels * plane;
    for (const p of parts) {
      const len = p.channels * plane;
      out.set(p.data.subarray(n * len, (n + 1) * len), offset);
      offset += len;
    }
  }
  return { data: out, batch: first.batch, channels, height: first.height, width: first.width };
}

/** Mean over positions per channel, keeping [N, C, 1, 1]. */
export function globalAvgPool(x: Activation): Activation {
  const plane = x.height * x.width;
  const out = new Float32Array(x.batch * x.channels);
  for (let nc = 0; nc < out.length; nc++) {
    let s = 0;
    for (let p = 0; p < plane; p++) s += x.data[nc * plane + p] ?? 0;
    out[nc] = s / plane;
  }
  return { data: out, batch: x.batch, channels: x.channels, height: 1, width: 1 };
}
