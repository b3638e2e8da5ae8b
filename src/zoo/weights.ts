// Seeded weights with He scaling, and BatchNorm statistics calibrated by propagating channel statistics.
import type { BatchNormOp, ConvOp, LayerGraph, LayerOp, LinearOp, TensorRef } from './layer-ir';
import {
  activationStats,
  addStats,
  averageStats,
  concatStats,
  maxPoolStats,
  repeatStats,
  scaleStats,
  type ChannelStats,
} from './activation-stats';
import { createRng, type Rng } from '../core/rng';
import { assertUnreachable, invariant } from '../core/assert';

/** Float initializers by ONNX name ('<layer>.weight', '.bias', '.running_mean', '.running_var'). */
export type WeightMap = ReadonlyMap<string, Float32Array>;

/** Progress of a long generation step: `done` of `total` units of `stage`. */
export interface ProgressEvent {
  readonly stage: 'weights' | 'encode';
  readonly done: number;
  readonly total: number;
}

/** Half-width of the uniform noise on BN gamma (around its gain) and beta, and on biases. */
const BN_NOISE = 0.1;
const BIAS_RANGE = 0.05;

/** Uniform in [-bound, bound): variance bound^2 / 3. */
function fillUniform(data: Float32Array, rng: Rng, bound: number): Float32Array {
  const width = 2 * bound;
  for (let i = 0; i < data.length; i++) data[i] = (rng.next() - 0.5) * width;
  return data;
}

/** Fraction of output positions for which each kernel tap falls inside the input (not in padding). */
function tapValidity(inLength: number, outLength: number, kernel: number, stride: number, padBegin: number): Float64Array {
  const frac = new Float64Array(kernel);
  for (let t = 0; t < kernel; t++) {
    let valid = 0;
    for (let o = 0; o < outLength; o++) {
      const i = o * stride - padBegin + t;
      if (i >= 0 && i < inLength) valid++;
    }
    frac[t] = valid / outLength;
  }
  return frac;
}

/** Output channel statistics of y = W x (no bias) for a weight laid out [out, in/groups, kh, kw]. */
function linearMapStats(
  w: Float32Array,
  x: ChannelStats,
  outChannels: number,
  groups: number,
  fracH: Float64Array,
  fracW: Float64Array,
): ChannelStats {
  const inPerGroup = x.mean.length / groups;
  const outPerGroup = outChannels / groups;
  const kh = fracH.length;
  const kw = fracW.length;
  const mean = new Float64Array(outChannels);
  const variance = new Float64Array(outChannels);
  let k = 0;
  for (let o = 0; o < outChannels; o++) {
    const base = Math.floor(o / outPerGroup) * inPerGroup;
    let m = 0;
    let v = 0;
    for (let i = 0; i < inPerGroup; i++) {
      const mi = x.mean[base + i] ?? 0;
      const vi = x.variance[base + i] ?? 0;
      for (let a = 0; a < kh; a++) {
        const fa = fracH[a] ?? 0;
        for (let b = 0; b < kw; b++) {
          const f = fa * (fracW[b] ?? 0);
          const wk = w[k++] ?? 0;
          m += wk * f * mi;
          v += wk * wk * f * vi;
        }
      }
    }
    mean[o] = m;
    variance[o] = v;
  }
  return { mean, variance };
}

/**
 * Layers without a following BN (conv/linear with bias): rescale the weights so the output has unit
 * mean square over channels (an analytic LSUV), then add small seeded biases.
 */
function normaliseWithBias(w: Float32Array, s: ChannelStats, bias: Float32Array): ChannelStats {
  let meanSquare = 0;
  s.mean.forEach((m, c) => (meanSquare += m * m + (s.variance[c] ?? 0)));
  meanSquare /= s.mean.length;
  const k = meanSquare > 0 ? 1 / Math.sqrt(meanSquare) : 1;
  for (let i = 0; i < w.length; i++) w[i] = (w[i] ?? 0) * k;
  return { mean: s.mean.map((m, c) => m * k + (bias[c] ?? 0)), variance: s.variance.map((v) => v * k * k) };
}

/** Generates every float parameter of the graph; BN running stats make each BN output ~unit variance. */
export function generateWeights(graph: LayerGraph, seed: number, onProgress?: (p: ProgressEvent) => void): WeightMap {
  const root = createRng(seed);
  const weights = new Map<string, Float32Array>();
  const stats = new Map<string, ChannelStats>();
  const ones = new Float64Array(graph.input.channels);
  stats.set(graph.input.name, { mean: new Float64Array(graph.input.channels), variance: ones.fill(1) });
  const statsOf = (t: TensorRef | undefined): ChannelStats => {
    const s = t && stats.get(t.name);
    invariant(s !== undefined, `no statistics for ${t?.name ?? 'a missing input'}`);
    return s;
  };
  const param = (name: string, length: number, bound: number): Float32Array => {
    const data = fillUniform(new Float32Array(length), root.fork(name), bound);
    weights.set(name, data);
    return data;
  };

  const layer = (op: ConvOp | LinearOp, x: ChannelStats): ChannelStats => {
    const inChannels = x.mean.length;
    const [kh, kw] = op.kind === 'conv' ? op.kernel : [1, 1];
    const groups = op.kind === 'conv' ? op.groups : 1;
    const outChannels = op.output.channels;
    const fanIn = (inChannels / groups) * kh * kw;
    // He (Kaiming) uniform: variance 2 / fanIn.
    const w = param(`${op.name}.weight`, outChannels * fanIn, Math.sqrt(6 / fanIn));
    const input = op.inputs[0];
    invariant(input !== undefined, `${op.name}: no input`);
    const fracH = op.kind === 'conv' ? tapValidity(input.height, op.output.height, kh, op.stride, op.pads[0]) : Float64Array.of(1);
    const fracW = op.kind === 'conv' ? tapValidity(input.width, op.output.width, kw, op.stride, op.pads[1]) : Float64Array.of(1);
    const out = linearMapStats(w, x, outChannels, groups, fracH, fracW);
    const hasBias = op.kind === 'linear' || op.bias;
    return hasBias ? normaliseWithBias(w, out, param(`${op.name}.bias`, outChannels, BIAS_RANGE)) : out;
  };

  const batchNorm = (op: BatchNormOp, x: ChannelStats): ChannelStats => {
    const n = x.mean.length;
    const gamma = param(`${op.name}.weight`, n, BN_NOISE * op.gain).map((v) => v + op.gain);
    weights.set(`${op.name}.weight`, gamma);
    const beta = param(`${op.name}.bias`, n, BN_NOISE * op.gain);
    weights.set(`${op.name}.running_mean`, Float32Array.from(x.mean));
    weights.set(`${op.name}.running_var`, Float32Array.from(x.variance));
    const variance = new Float64Array(n);
    x.variance.forEach((v, c) => (variance[c] = ((gamma[c] ?? 0) ** 2 * v) / (v + op.eps)));
    return { mean: Float64Array.from(beta), variance };
  };

  const propagate = (op: LayerOp): ChannelStats => {
    const x = statsOf(op.inputs[0]);
    switch (op.kind) {
      case 'conv':
      case 'linear':
        return layer(op, x);
      case 'batchnorm':
        return batchNorm(op, x);
      case 'activation':
        return activationStats(op.fn, x);
      case 'maxpool': {
        const input = op.inputs[0];
        invariant(input !== undefined, `${op.name}: no input`);
        const valid = (len: number, out: number, pad: number): number =>
          tapValidity(len, out, op.kernel, op.stride, pad).reduce((a, b) => a + b, 0);
        return maxPoolStats(x, valid(input.height, op.output.height, op.pads[0]) * valid(input.width, op.output.width, op.pads[1]));
      }
      case 'global-avgpool': {
        const input = op.inputs[0];
        return averageStats(x, input ? input.height * input.width : 1);
      }
      case 'adaptive-avgpool-flatten': {
        const input = op.inputs[0];
        invariant(input !== undefined, `${op.name}: no input`);
        const bin = Math.max(1, (input.height / op.outHeight) * (input.width / op.outWidth));
        return repeatStats(averageStats(x, bin), op.outHeight * op.outWidth);
      }
      case 'add':
        return addStats(x, statsOf(op.inputs[1]));
      case 'scale':
        return scaleStats(x, statsOf(op.inputs[1]));
      case 'concat':
        return concatStats(op.inputs.map(statsOf));
      case 'flatten': {
        const input = op.inputs[0];
        return repeatStats(x, input ? input.height * input.width : 1);
      }
      default:
        return assertUnreachable(op);
    }
  };

  graph.ops.forEach((op, i) => {
    stats.set(op.output.name, propagate(op));
    onProgress?.({ stage: 'weights', done: i + 1, total: graph.ops.length });
  });
  return weights;
}
