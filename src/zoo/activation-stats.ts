// Per-channel activation statistics under a Gaussian model, used to calibrate BatchNorm and no-BN layer scales.
import type { ActivationFn } from './layer-ir';
import { assertUnreachable } from '../core/assert';

/** Mean and variance of every channel of a tensor (over positions and inputs). */
export interface ChannelStats {
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  /**
   * For a ReLU output (or a max pool / concat of them): the Gaussian before the ReLU,
   * so a max pool can use max(relu(x)) = relu(max(x)).
   */
  readonly preRelu?: { readonly mean: Float64Array; readonly variance: Float64Array };
}

// A fixed quadrature grid over a standard normal: z in [-8, 8], weights phi(z) dz normalised to 1.
const GRID_STEP = 0.05;
const GRID_Z = Float64Array.from({ length: 321 }, (_, i) => -8 + i * GRID_STEP);
const GRID_W = normalise(GRID_Z.map((z) => Math.exp(-0.5 * z * z)));
/** Phi(z) on the grid (cumulative weights, midpoint rule). */
const GRID_CDF = (() => {
  const cdf = new Float64Array(GRID_W.length);
  let acc = 0;
  GRID_W.forEach((w, i) => {
    cdf[i] = acc + w / 2;
    acc += w;
  });
  return cdf;
})();

function normalise(w: Float64Array): Float64Array {
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / total);
}

function applyFn(fn: ActivationFn, x: number): number {
  switch (fn) {
    case 'relu':
      return x > 0 ? x : 0;
    case 'relu6':
      return Math.min(Math.max(x, 0), 6);
    case 'silu':
      return x / (1 + Math.exp(-x));
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    default:
      return assertUnreachable(fn);
  }
}

/** Moments of f(mean + sd * z) for z distributed with the grid weights w. */
function moments(fn: ActivationFn, mean: number, sd: number, w: Float64Array): [number, number] {
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < w.length; i++) {
    const y = applyFn(fn, mean + sd * (GRID_Z[i] ?? 0));
    const wi = w[i] ?? 0;
    m1 += wi * y;
    m2 += wi * y * y;
  }
  return [m1, Math.max(m2 - m1 * m1, 0)];
}

/** Statistics after a pointwise activation, each channel taken as Gaussian. */
export function activationStats(fn: ActivationFn, s: ChannelStats): ChannelStats {
  const n = s.mean.length;
  const mean = new Float64Array(n);
  const variance = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const [m, v] = moments(fn, s.mean[c] ?? 0, Math.sqrt(s.variance[c] ?? 0), GRID_W);
    mean[c] = m;
    variance[c] = v;
  }
  return fn === 'relu' ? { mean, variance, preRelu: { mean: s.mean, variance: s.variance } } : { mean, variance };
}

/** Grid weights of the maximum of `count` independent standard normals (count may be fractional). */
function maxWeights(count: number): Float64Array {
  return normalise(GRID_W.map((w, i) => w * count * Math.pow(GRID_CDF[i] ?? 0, count - 1)));
}

/**
 * Statistics after a max pool over `count` elements per window (average valid count). Neighbours are
 * taken as independent: with zero-mean random weights their covariance averages to zero over channels.
 */
export function maxPoolStats(s: ChannelStats, count: number): ChannelStats {
  const w = maxWeights(count);
  const base = s.preRelu ?? s;
  const n = base.mean.length;
  const mean = new Float64Array(n);
  const variance = new Float64Array(n);
  const preMean = new Float64Array(n);
  const preVar = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const mu = base.mean[c] ?? 0;
    const sd = Math.sqrt(base.variance[c] ?? 0);
    let m1 = 0;
    let m2 = 0;
    for (let i = 0; i < w.length; i++) {
      const x = mu + sd * (GRID_Z[i] ?? 0);
      m1 += (w[i] ?? 0) * x;
      m2 += (w[i] ?? 0) * x * x;
    }
    preMean[c] = m1;
    preVar[c] = Math.max(m2 - m1 * m1, 0);
    const [m, v] = s.preRelu ? moments('relu', mu, sd, w) : [m1, preVar[c] ?? 0];
    mean[c] = m;
    variance[c] = v;
  }
  return s.preRelu ? { mean, variance, preRelu: { mean: preMean, variance: preVar } } : { mean, variance };
}

/** Statistics after averaging `count` independent elements per channel. */
export function averageStats(s: ChannelStats, count: number): ChannelStats {
  return { mean: s.mean, variance: s.variance.map((v) => v / count) };
}

/** Statistics of a + b, independent. */
export function addStats(a: ChannelStats, b: ChannelStats): ChannelStats {
  return { mean: a.mean.map((m, c) => m + (b.mean[c] ?? 0)), variance: a.variance.map((v, c) => v + (b.variance[c] ?? 0)) };
}

/** Statistics of x * s per channel, independent. */
export function scaleStats(x: ChannelStats, s: ChannelStats): ChannelStats {
  const n = x.mean.length;
  const mean = new Float64Array(n);
  const variance = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    const mx = x.mean[c] ?? 0;
    const vx = x.variance[c] ?? 0;
    const ms = s.mean[c] ?? 0;
    const vs = s.variance[c] ?? 0;
    mean[c] = mx * ms;
    variance[c] = (vx + mx * mx) * (vs + ms * ms) - mx * mx * ms * ms;
  }
  return { mean, variance };
}

/** Channel-wise concatenation; keeps the pre-ReLU view only when every part has one. */
export function concatStats(parts: readonly ChannelStats[]): ChannelStats {
  const join = (pick: (s: ChannelStats) => Float64Array): Float64Array => {
    const arrays = parts.map(pick);
    const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
    let offset = 0;
    for (const a of arrays) {
      out.set(a, offset);
      offset += a.length;
    }
    return out;
  };
  const joined = { mean: join((s) => s.mean), variance: join((s) => s.variance) };
  const pre = parts.map((s) => s.preRelu);
  if (pre.every((p) => p !== undefined)) {
    const preStats = pre.map((p) => ({ mean: p.mean, variance: p.variance }));
    const p = concatStats(preStats);
    return { ...joined, preRelu: { mean: p.mean, variance: p.variance } };
  }
  return joined;
}

/** Repeats every channel `times` times in place (flatten of [C, H, W] in C-major order). */
export function repeatStats(s: ChannelStats, times: number): ChannelStats {
  const rep = (a: Float64Array): Float64Array => {
    const out = new Float64Array(a.length * times);
    a.forEach((v, c) => out.fill(v, c * times, (c + 1) * times));
    return out;
  };
  return { mean: rep(s.mean), variance: rep(s.variance) };
}
