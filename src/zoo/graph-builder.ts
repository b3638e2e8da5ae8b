// Graph builder: architectures call conv/bn/pool/... on it; it infers shapes and counts params, MACs and layers.
import type { ActivationFn, LayerGraph, LayerOp, Pads4, TensorRef } from './layer-ir';
import { invariant } from '../core/assert';

/** Options of a 2D convolution (torch.nn.Conv2d semantics). */
export interface ConvOptions {
  outChannels: number;
  /** Square kernel side, or [height, width]. */
  kernel: number | readonly [number, number];
  /** Default 1. */
  stride?: number;
  /** Symmetric padding (default 0), or explicit [top, left, bottom, right]. */
  padding?: number | Pads4;
  /** Default 1; equal to the channel count for depthwise. */
  groups?: number;
  /** Default false (conv followed by BN). */
  bias?: boolean;
  /** With a bias: the RMS the output is calibrated to on the probe batch (default 1). */
  outputRms?: number;
}

/** Options of a max pool (torch.nn.MaxPool2d semantics). */
export interface MaxPoolOptions {
  kernel: number;
  /** Default: kernel. */
  stride?: number;
  /** Default 0. */
  padding?: number;
  /** Default false. */
  ceilMode?: boolean;
}

/** Output length of a pooling window along one axis, torch's pooling_output_shape (ceil mode never starts a window in the end padding). */
export function pooledLength(length: number, kernel: number, stride: number, pad: number, ceilMode: boolean): number {
  let out = Math.floor((length + 2 * pad - kernel + (ceilMode ? stride - 1 : 0)) / stride) + 1;
  if (ceilMode && (out - 1) * stride >= length + pad) out -= 1;
  invariant(out >= 1, `pool window ${kernel} does not fit an input of ${length}`);
  return out;
}

/** Builds the layer IR of one model; every method returns the op's output tensor. */
export class GraphBuilder {
  readonly input: TensorRef;
  private readonly ops: LayerOp[] = [];
  private readonly names = new Set<string>();
  private params = 0;
  private macs = 0;
  private layerCount = 0;
  private floatElements = 0;
  private int64Elements = 0;
  private usesRelu6 = false;

  /** inputName: the ONNX graph input; shape [batch, channels, heightPx, widthPx]. */
  constructor(inputName: string, channels: number, heightPx: number, widthPx: number) {
    this.input = { name: inputName, channels, height: heightPx, width: widthPx, rank: 4 };
  }

  /** torch.nn.Conv2d (dilation 1); counts weights (+ bias) and kernel MACs over the output map. */
  conv(x: TensorRef, name: string, o: ConvOptions): TensorRef {
    const [kh, kw] = typeof o.kernel === 'number' ? [o.kernel, o.kernel] : o.kernel;
    const stride = o.stride ?? 1;
    const p = o.padding ?? 0;
    const pads: Pads4 = typeof p === 'number' ? [p, p, p, p] : p;
    const groups = o.groups ?? 1;
    invariant(x.rank === 4, `${name}: conv needs a rank-4 input`);
    invariant(x.channels % groups === 0 && o.outChannels % groups === 0, `${name}: channels not divisible by groups`);
    const height = Math.floor((x.height + pads[0] + pads[2] - kh) / stride) + 1;
    const width = Math.floor((x.width + pads[1] + pads[3] - kw) / stride) + 1;
    invariant(height >= 1 && width >= 1, `${name}: input ${x.height}x${x.width} too small`);
    const weights = o.outChannels * (x.channels / groups) * kh * kw;
    const bias = o.bias ?? false;
    this.count(weights + (bias ? o.outChannels : 0), weights * height * width);
    const output = this.tensor(name, o.outChannels, height, width, 4);
    this.push({ kind: 'conv', name, inputs: [x], output, kernel: [kh, kw], stride, pads, groups, bias, outputRms: o.outputRms ?? 1 });
    return output;
  }

  /** BatchNorm2d; gain scales gamma (use < 1 on the last BN of a residual branch). */
  batchNorm(x: TensorRef, name: string, o: { eps?: number; gain?: number } = {}): TensorRef {
    this.params += 2 * x.channels;
    this.floatElements += 4 * x.channels;
    const output = this.tensor(name, x.channels, x.height, x.width, x.rank);
    this.push({ kind: 'batchnorm', name, inputs: [x], output, eps: o.eps ?? 1e-5, gain: o.gain ?? 1 });
    return output;
  }

  /** Pointwise activation (relu, relu6, silu, sigmoid). */
  activation(x: TensorRef, name: string, fn: ActivationFn): TensorRef {
    if (fn === 'relu6' && !this.usesRelu6) {
      this.usesRelu6 = true;
      this.floatElements += 2; // the shared Clip bounds
    }
    const output = this.tensor(name, x.channels, x.height, x.width, x.rank);
    this.push({ kind: 'activation', name, inputs: [x], output, fn });
    return output;
  }

  /** torch.nn.MaxPool2d; ceil mode becomes explicit end padding. */
  maxPool(x: TensorRef, name: string, o: MaxPoolOptions): TensorRef {
    const stride = o.stride ?? o.kernel;
    const pad = o.padding ?? 0;
    const ceil = o.ceilMode ?? false;
    const height = pooledLength(x.height, o.kernel, stride, pad, ceil);
    const width = pooledLength(x.width, o.kernel, stride, pad, ceil);
    // Ceil mode becomes extra end padding, which ONNX MaxPool ignores like torch does.
    const endH = Math.max(pad, (height - 1) * stride + o.kernel - x.height - pad);
    const endW = Math.max(pad, (width - 1) * stride + o.kernel - x.width - pad);
    const output = this.tensor(name, x.channels, height, width, 4);
    this.push({ kind: 'maxpool', name, inputs: [x], output, kernel: o.kernel, stride, pads: [pad, pad, endH, endW] });
    return output;
  }

  /** AdaptiveAvgPool2d((1, 1)), keeping the [C, 1, 1] shape. */
  globalAvgPool(x: TensorRef, name: string): TensorRef {
    const output = this.tensor(name, x.channels, 1, 1, 4);
    this.push({ kind: 'global-avgpool', name, inputs: [x], output });
    return output;
  }

  /** AdaptiveAvgPool2d((outHeight, outWidth)) then flatten to C*outHeight*outWidth features. */
  adaptiveAvgPoolFlatten(x: TensorRef, name: string, outHeight: number, outWidth: number): TensorRef {
    this.floatElements += x.height * x.width * outHeight * outWidth;
    this.int64Elements += 3;
    const output = this.tensor(name, x.channels * outHeight * outWidth, 1, 1, 2);
    this.push({ kind: 'adaptive-avgpool-flatten', name, inputs: [x], output, outHeight, outWidth });
    return output;
  }

  /** Elementwise sum of two tensors of the same shape (residual connection). */
  add(a: TensorRef, b: TensorRef, name: string): TensorRef {
    invariant(sameShape(a, b), `${name}: add of different shapes`);
    const output = this.tensor(name, a.channels, a.height, a.width, a.rank);
    this.push({ kind: 'add', name, inputs: [a, b], output });
    return output;
  }

  /** x [C,H,W] times a per-channel factor s [C,1,1]. */
  scale(x: TensorRef, s: TensorRef, name: string): TensorRef {
    invariant(s.channels === x.channels && s.height === 1 && s.width === 1, `${name}: scale needs [C,1,1]`);
    const output = this.tensor(name, x.channels, x.height, x.width, 4);
    this.push({ kind: 'scale', name, inputs: [x, s], output });
    return output;
  }

  /** Concatenation along channels. */
  concat(xs: readonly TensorRef[], name: string): TensorRef {
    const first = xs[0];
    invariant(first !== undefined, `${name}: concat of nothing`);
    invariant(xs.every((t) => t.height === first.height && t.width === first.width), `${name}: concat of different sizes`);
    const channels = xs.reduce((sum, t) => sum + t.channels, 0);
    const output = this.tensor(name, channels, first.height, first.width, 4);
    this.push({ kind: 'concat', name, inputs: xs, output });
    return output;
  }

  /** torch.flatten(x, 1): [C, H, W] -> C*H*W features. */
  flatten(x: TensorRef, name: string): TensorRef {
    const output = this.tensor(name, x.channels * x.height * x.width, 1, 1, 2);
    this.push({ kind: 'flatten', name, inputs: [x], output });
    return output;
  }

  /** torch.nn.Linear with bias; the output is calibrated to outputRms (default 1). */
  linear(x: TensorRef, name: string, outFeatures: number, outputRms = 1): TensorRef {
    invariant(x.rank === 2, `${name}: linear needs a flattened input`);
    this.count(x.channels * outFeatures + outFeatures, x.channels * outFeatures);
    const output = this.tensor(name, outFeatures, 1, 1, 2);
    this.push({ kind: 'linear', name, inputs: [x], output, outputRms });
    return output;
  }

  /** Freezes the graph with output as the model output. */
  finish(output: TensorRef): LayerGraph {
    return {
      input: this.input,
      output,
      ops: [...this.ops],
      params: this.params,
      macs: this.macs,
      layerCount: this.layerCount,
      floatInitializerElements: this.floatElements,
      int64InitializerElements: this.int64Elements,
    };
  }

  private count(params: number, macs: number): void {
    this.params += params;
    this.floatElements += params;
    this.macs += macs;
    this.layerCount += 1;
  }

  private tensor(name: string, channels: number, height: number, width: number, rank: 2 | 4): TensorRef {
    return { name: `${name}:out`, channels, height, width, rank };
  }

  private push(op: LayerOp): void {
    invariant(!this.names.has(op.name), `duplicate layer name ${op.name}`);
    this.names.add(op.name);
    this.ops.push(op);
  }
}

function sameShape(a: TensorRef, b: TensorRef): boolean {
  return a.channels === b.channels && a.height === b.height && a.width === b.width && a.rank === b.rank;
}
