// Seeded He-scaled weights, calibrated by a forward pass of a seeded probe batch (BatchNorm recalibration).
import type { BatchNormOp, ConvOp, LayerGraph, LayerOp, LinearOp, TensorRef } from './layer-ir';
import {
  activate,
  addBias,
  batchNorm,
  channelMoments,
  combine,
  concat,
  conv,
  globalAvgPool,
  linear,
  maxPool,
  poolByMatrix,
  type Activation,
} from './reference-ops';
import { adaptivePoolMatrix } from './adaptive-pool';
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

/** Half-width of the uniform noise on BN gamma (around its gain) and beta, and of biases. */
const BN_NOISE = 0.1;
const BIAS_RANGE = 0.05;
/** The probe batch gives every BN channel at least this many values (positions x samples)... */
const PROBE_VALUES_PER_CHANNEL = 128;
/** ...with at most this many samples, and at most this many multiply-accumulates in all. */
const PROBE_MAX_BATCH = 128;
const PROBE_MAC_BUDGET = 2e9;

/** Uniform in [-bound, bound): variance bound^2 / 3. */
function fillUniform(data: Float32Array, rng: Rng, bound: number): Float32Array {
  const width = 2 * bound;
  for (let i = 0; i < data.length; i++) data[i] = (rng.next() - 0.5) * width;
  return data;
}

/** Standard normal probe input (Box-Muller). */
function probeInput(input: TensorRef, batch: number, rng: Rng): Activation {
  const data = new Float32Array(batch * input.channels * input.height * input.width);
  for (let i = 0; i < data.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rng.next()));
    const t = 2 * Math.PI * rng.next();
    data[i] = r * Math.cos(t);
    if (i + 1 < data.length) data[i + 1] = r * Math.sin(t);
  }
  return { data, batch, channels: input.channels, height: input.height, width: input.width };
}

/** Samples in the probe batch: enough values per BN channel, within the MAC budget. */
export function probeBatchSize(graph: LayerGraph): number {
  const areas = graph.ops.filter((op) => op.kind === 'batchnorm').map((op) => op.output.height * op.output.width);
  const wanted = areas.length === 0 ? 1 : Math.ceil(PROBE_VALUES_PER_CHANNEL / Math.min(...areas));
  const affordable = Math.floor(PROBE_MAC_BUDGET / Math.max(graph.macs, 1));
  return Math.max(1, Math.min(wanted, PROBE_MAX_BATCH, affordable));
}

/** Generated weights and the probe activations' per-layer root mean square (by layer name). */
export interface GeneratedWeights {
  readonly weights: WeightMap;
  readonly probeRms: ReadonlyMap<string, number>;
}

function rms(x: Activation): number {
  let s = 0;
  for (const v of x.data) s += v * v;
  return Math.sqrt(s / x.data.length);
}

/**
 * Generates every float parameter with He (Kaiming) uniform scaling and runs a seeded probe batch
 * through the graph as it goes: each BN gets the probe's per-channel mean/variance as running
 * statistics (so it outputs ~unit variance), and each layer with a bias (no BN after it) is rescaled
 * to unit mean square (LSUV). The last BN of a residual branch has its gamma scaled by its gain.
 */
export function generateWeights(graph: LayerGraph, seed: number, onProgress?: (p: ProgressEvent) => void): GeneratedWeights {
  const root = createRng(seed);
  const weights = new Map<string, Float32Array>();
  const probeRms = new Map<string, number>();
  const live = new Map<string, Activation>();
  const lastUse = new Map<string, number>();
  graph.ops.forEach((op, i) => op.inputs.forEach((t) => lastUse.set(t.name, i)));
  live.set(graph.input.name, probeInput(graph.input, probeBatchSize(graph), root.fork('probe')));

  const param = (name: string, length: number, bound: number): Float32Array => {
    const data = fillUniform(new Float32Array(length), root.fork(name), bound);
    weights.set(name, data);
    return data;
  };
  const valueOf = (t: TensorRef | undefined): Activation => {
    const a = t && live.get(t.name);
    invariant(a !== undefined, `no probe activation for ${t?.name ?? 'a missing input'}`);
    return a;
  };

  const layer = (op: ConvOp | LinearOp, x: Activation): Activation => {
    const [kh, kw] = op.kind === 'conv' ? op.kernel : [1, 1];
    const groups = op.kind === 'conv' ? op.groups : 1;
    const outChannels = op.output.channels;
    const inChannels = op.inputs[0]?.channels ?? 0;
    const fanIn = (inChannels / groups) * kh * kw;
    const w = param(`${op.name}.weight`, outChannels * fanIn, Math.sqrt(6 / fanIn));
    const y =
      op.kind === 'conv'
        ? conv(x, w, { ...op, outChannels, outHeight: op.output.height, outWidth: op.output.width })
        : linear(x, w, outChannels);
    if (op.kind === 'conv' && !op.bias) return y;
    const k = op.outputRms / Math.max(rms(y), 1e-12);
    for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) * k;
    for (let i = 0; i < y.data.length; i++) y.data[i] = (y.data[i] as number) * k;
    addBias(y, param(`${op.name}.bias`, outChannels, BIAS_RANGE));
    return y;
  };

  const norm = (op: BatchNormOp, x: Activation): Activation => {
    const n = x.channels;
    const gamma = param(`${op.name}.weight`, n, BN_NOISE * op.gain);
    for (let c = 0; c < n; c++) gamma[c] = (gamma[c] as number) + op.gain;
    const beta = param(`${op.name}.bias`, n, BN_NOISE * op.gain);
    const { mean, variance } = channelMoments(x);
    const runningMean = Float32Array.from(mean);
    const runningVar = Float32Array.from(variance);
    weights.set(`${op.name}.running_mean`, runningMean);
    weights.set(`${op.name}.running_var`, runningVar);
    return batchNorm(x, gamma, beta, runningMean, runningVar, op.eps);
  };

  const forward = (op: LayerOp): Activation => {
    const x = valueOf(op.inputs[0]);
    switch (op.kind) {
      case 'conv':
      case 'linear':
        return layer(op, x);
      case 'batchnorm':
        return norm(op, x);
      case 'activation':
        return activate(x, op.fn);
      case 'maxpool':
        return maxPool(x, op.kernel, op.stride, op.pads, op.output.height, op.output.width);
      case 'global-avgpool':
        return globalAvgPool(x);
      case 'adaptive-avgpool-flatten':
        return poolByMatrix(x, adaptivePoolMatrix(x.height, x.width, op.outHeight, op.outWidth), op.outHeight * op.outWidth);
      case 'add':
        return combine(x, valueOf(op.inputs[1]), 'add');
      case 'scale':
        return combine(x, valueOf(op.inputs[1]), 'scale');
      case 'concat':
        return concat(op.inputs.map(valueOf));
      case 'flatten':
        return { data: x.data, batch: x.batch, channels: x.channels * x.height * x.width, height: 1, width: 1 };
      default:
        return assertUnreachable(op);
    }
  };

  graph.ops.forEach((op, i) => {
    const y = forward(op);
    probeRms.set(op.name, rms(y));
    live.set(op.output.name, y);
    for (const t of op.inputs) if (lastUse.get(t.name) === i) live.delete(t.name);
    onProgress?.({ stage: 'weights', done: i + 1, total: graph.ops.length });
  });
  return { weights, probeRms };
}
